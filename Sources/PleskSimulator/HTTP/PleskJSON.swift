import NIOCore

/// The wire encoding of the simulator's model, field names, types and order as Plesk REST API v2 serves them.
enum PleskJSON {
    static func domains(
        _ domains: some Sequence<SimulatedDomain>,
        includeAliases: Bool,
        omitting: String? = nil,
        capacityHint: Int = 1024
    ) -> ByteBuffer {
        var writer = JSONWriter(capacity: capacityHint, omitting: omitting)
        writer.beginArray()
        for domain in domains {
            self.write(domain, includeAliases: includeAliases, into: &writer)
        }
        writer.endArray()
        return writer.buffer
    }

    static func write(_ domain: SimulatedDomain, includeAliases: Bool, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", domain.id)
        writer.field("created", domain.created)
        writer.field("name", domain.name)
        writer.field("ascii_name", domain.asciiName)
        writer.field("base_domain_id", domain.baseDomainID)
        writer.field("guid", domain.guid)
        writer.field("hosting_type", domain.hostingType.rawValue)
        writer.field("www_root", domain.wwwRoot)
        if includeAliases, writer.key("aliases") {
            writer.beginArray()
            for alias in domain.aliases {
                writer.beginObject()
                writer.field("id", alias.id)
                writer.field("name", alias.name)
                writer.field("ascii_name", alias.asciiName)
                writer.field("web", alias.web)
                writer.field("dns", alias.dns)
                writer.field("mail", alias.mail)
                writer.field("seo_redirect", alias.seoRedirect)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    static func clients(_ clients: some Sequence<SimulatedClient>, omitting: String? = nil, capacityHint: Int = 1024) -> ByteBuffer {
        var writer = JSONWriter(capacity: capacityHint, omitting: omitting)
        writer.beginArray()
        for client in clients {
            self.write(client, into: &writer)
        }
        writer.endArray()
        return writer.buffer
    }

    static func client(_ client: SimulatedClient, omitting: String? = nil) -> ByteBuffer {
        var writer = JSONWriter(omitting: omitting)
        self.write(client, into: &writer)
        return writer.buffer
    }

    static func write(_ client: SimulatedClient, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", client.id)
        writer.field("created", client.created)
        writer.field("name", client.name)
        writer.field("company", client.company)
        writer.field("login", client.login)
        writer.field("status", client.status.rawValue)
        writer.field("email", client.email)
        writer.field("locale", client.locale)
        writer.field("guid", client.guid)
        if let ownerLogin = client.ownerLogin { writer.field("owner_login", ownerLogin) }
        if let externalID = client.externalID { writer.field("external_id", externalID) }
        writer.field("description", client.description)
        writer.field("type", client.type.rawValue)
        writer.endObject()
    }

    static func server(_ meta: SimulatedServerMeta, omitting: String? = nil) -> ByteBuffer {
        var writer = JSONWriter(omitting: omitting)
        writer.beginObject()
        writer.field("platform", meta.platform)
        writer.field("hostname", meta.hostname)
        writer.field("guid", meta.guid)
        writer.field("panel_version", meta.panelVersion)
        writer.field("panel_revision", meta.panelRevision)
        writer.field("panel_build_date", meta.panelBuildDate)
        writer.field("panel_update_version", meta.panelUpdateVersion)
        writer.field("extension_version", meta.extensionVersion)
        writer.field("extension_release", meta.extensionRelease)
        writer.endObject()
        return writer.buffer
    }

    static func statistics(_ statistics: SimulatedClientStatistics, omitting: String? = nil) -> ByteBuffer {
        var writer = JSONWriter(omitting: omitting)
        writer.beginObject()
        writer.field("active_domains", statistics.activeDomains)
        writer.field("subdomains", statistics.subdomains)
        writer.field("disk_space", statistics.diskSpace)
        writer.field("email_postboxes", statistics.emailPostboxes)
        writer.field("email_redirects", statistics.emailRedirects)
        writer.field("email_response_messages", statistics.emailResponseMessages)
        writer.field("mailing_lists", statistics.mailingLists)
        writer.field("databases", statistics.databases)
        writer.field("traffic", statistics.traffic)
        writer.field("traffic_prevday", statistics.trafficPrevday)
        writer.endObject()
        return writer.buffer
    }

    /// A one-field object such as `{"status":"active"}` or `{"key":"…"}`.
    static func object(_ key: StaticString, _ value: String, omitting: String? = nil) -> ByteBuffer {
        var writer = JSONWriter(capacity: 64, omitting: omitting)
        writer.beginObject()
        writer.field(key, value)
        writer.endObject()
        return writer.buffer
    }

    /// Plesk's `ErrorResponse`: `{"code":…,"message":…}`.
    static func error(code: Int, message: String) -> ByteBuffer {
        var writer = JSONWriter(capacity: 96)
        writer.beginObject()
        writer.field("code", code)
        writer.field("message", message)
        writer.endObject()
        return writer.buffer
    }

    /// The body of a 503 while Plesk is not initialised: `{"message":…}` (no code).
    static func message(_ message: String) -> ByteBuffer {
        self.object("message", message)
    }

    /// `["a","b",…]`: a wrong shape for every endpoint.
    static func strings(_ strings: some Sequence<String>) -> ByteBuffer {
        var writer = JSONWriter()
        writer.beginArray()
        for string in strings { writer.string(string) }
        writer.endArray()
        return writer.buffer
    }
}
