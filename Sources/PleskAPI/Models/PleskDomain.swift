/// A domain as `GET /api/v2/domains` returns it (Plesk's `DomainResponse`).
///
/// Unknown fields are ignored; `aliases` is absent on Plesk before 18.0.42.
public struct PleskDomain: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var asciiName: String
    /// `virtual`, `standard_forwarding`, `frame_forwarding` or `none`; kept as text so a new type does not fail a poll.
    public var hostingType: String
    /// 0 for a top-level domain, else the id of the subscription's base domain.
    public var baseDomainID: Int
    /// `""` when the domain has no physical hosting.
    public var wwwRoot: String
    public var guid: String
    /// `YYYY-MM-DD`.
    public var created: String
    public var aliases: [PleskDomainAlias]?

    public init(
        id: Int, name: String, asciiName: String, hostingType: String, baseDomainID: Int, wwwRoot: String,
        guid: String, created: String, aliases: [PleskDomainAlias]? = nil
    ) {
        self.id = id
        self.name = name
        self.asciiName = asciiName
        self.hostingType = hostingType
        self.baseDomainID = baseDomainID
        self.wwwRoot = wwwRoot
        self.guid = guid
        self.created = created
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey {
        case id, name, guid, created, aliases
        case asciiName = "ascii_name"
        case hostingType = "hosting_type"
        case baseDomainID = "base_domain_id"
        case wwwRoot = "www_root"
    }
}

/// A domain alias (`DomainAlias`), present since Plesk 18.0.42.
public struct PleskDomainAlias: Sendable, Hashable, Codable {
    /// Only in newer schema copies.
    public var id: Int?
    public var name: String
    public var asciiName: String?
    public var web: Bool?
    public var dns: Bool?
    public var mail: Bool?
    public var seoRedirect: Bool?

    public init(
        id: Int? = nil, name: String, asciiName: String? = nil, web: Bool? = nil, dns: Bool? = nil, mail: Bool? = nil,
        seoRedirect: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.asciiName = asciiName
        self.web = web
        self.dns = dns
        self.mail = mail
        self.seoRedirect = seoRedirect
    }

    enum CodingKeys: String, CodingKey {
        case id, name, web, dns, mail
        case asciiName = "ascii_name"
        case seoRedirect = "seo_redirect"
    }
}
