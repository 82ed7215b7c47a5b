extension PleskInventory {
    /// A large, realistic inventory built in one pass (no per-item validation, so 100,000 domains take well
    /// under a second in a debug build).
    ///
    /// - Parameters:
    ///   - domains: number of domains (about a fifth are subdomains; some forwarding, IDN, suspended, with aliases).
    ///   - clients: number of accounts **including the admin** (2 % resellers, the rest customers; some disabled,
    ///     expired or under backup).
    ///   - subscriptions: nil keeps the plain layout above, in which every top-level domain is a subscription without
    ///     a plan. A number asks for exactly that many subscriptions (clamped to 1…`domains` when there are domains):
    ///     that many domains have `base_domain_id` 0 and all others are add-on domains or subdomains of one of them;
    ///     admin and reseller plans (with add-ons) are generated and subscriptions spread over plans and statuses,
    ///     some using more than 2 GiB, a few more than their disk limit.
    ///   - seed: same seed, same inventory.
    public static func generate(
        domains domainCount: Int,
        clients clientCount: Int,
        subscriptions subscriptionCount: Int? = nil,
        seed: UInt64 = 1,
        server: SimulatedServerMeta = SimulatedServerMeta()
    ) -> PleskInventory {
        var inventory = PleskInventory(server: server, seed: seed)
        var random = inventory.random
        let dates = DateTable(count: max(domainCount, clientCount))

        // Clients: resellers first, then customers (some owned by resellers).
        let generatedClients = max(clientCount - 1, 0)
        let resellerCount = generatedClients >= 10 ? generatedClients / 50 : min(generatedClients, 1)
        var clients = inventory.clients
        clients.reserveCapacity(generatedClients + 1)
        for offset in 0..<generatedClients {
            let id = SimulatedClient.adminID + 1 + offset
            let r = random.next()
            let first = Words.firstNames[Int(r % UInt64(Words.firstNames.count))]
            let last = Words.lastNames[Int((r >> 16) % UInt64(Words.lastNames.count))]
            let isReseller = offset < resellerCount
            let login = isReseller ? "reseller\(offset + 1)" : "\(first.lowercased())\(id)"
            let roll = Int((r >> 32) % 1000)
            let status: SimulatedClient.Status =
                roll < 10 ? .expired : roll < 50 ? .disabledByAdmin : roll == 50 ? .underBackupRestore : .active
            let ownerLogin: String
            if isReseller || resellerCount == 0 || (r >> 42) % 3 != 0 {
                ownerLogin = "admin"
            } else {
                ownerLogin = "reseller\(Int((r >> 44) % UInt64(resellerCount)) + 1)"
            }
            clients.append(
                SimulatedClient(
                    id: id,
                    guid: random.uuidString(),
                    login: login,
                    name: isReseller ? "\(last) Hosting" : "\(first) \(last)",
                    company: isReseller || id % 3 == 0 ? "\(last) \(Words.companySuffixes[id % Words.companySuffixes.count])" : "",
                    email: "\(login)@\(Words.mailDomains[id % Words.mailDomains.count])",
                    locale: Words.locales[Int((r >> 52) % UInt64(Words.locales.count))],
                    status: status,
                    type: isReseller ? .reseller : .customer,
                    ownerLogin: ownerLogin,
                    externalID: id % 10 == 0 ? "link:\(id)" : nil,
                    description: id % 7 == 0 ? "Imported from the legacy panel" : "",
                    created: dates.date(for: offset, of: generatedClients)
                )
            )
        }

        if let subscriptionCount {
            inventory.clients = clients
            inventory.nextClientID = clients.count + 1
            inventory.random = random
            inventory.populateSubscribed(
                domains: domainCount, subscriptions: subscriptionCount, resellers: resellerCount, dates: dates)
            return inventory
        }

        // Domains: ids ascend with creation date; subdomains refer to an earlier top-level domain.
        var domains: [SimulatedDomain] = []
        domains.reserveCapacity(domainCount)
        var topLevel: [Int] = []  // indices into `domains`
        topLevel.reserveCapacity(domainCount)
        var aliasID = 1
        let ownerCount = clients.count - 1
        for offset in 0..<domainCount {
            let id = offset + 1
            let r = random.next()
            let roll = Int(r % 100)
            let created = dates.date(for: offset, of: domainCount)
            if roll < 20, !topLevel.isEmpty {
                let recent = min(topLevel.count, 1000)
                let base = domains[topLevel[topLevel.count - 1 - Int((r >> 8) % UInt64(recent))]]
                let label = "\(Words.subdomainLabels[Int((r >> 20) % UInt64(Words.subdomainLabels.count))])-\(id)"
                domains.append(
                    SimulatedDomain(
                        id: id,
                        guid: random.uuidString(),
                        name: "\(label).\(base.name)",
                        asciiName: "\(label).\(base.asciiName)",
                        hostingType: .virtual,
                        baseDomainID: base.id,
                        created: created,
                        ownerClientID: base.ownerClientID,
                        status: base.status
                    )
                )
                continue
            }
            let tld = Words.tlds[Int((r >> 8) % UInt64(Words.tlds.count))]
            let name: String
            let asciiName: String
            if (r >> 16) % 100 == 0 {
                let word = Words.idnWords[Int((r >> 24) % UInt64(Words.idnWords.count))]
                name = "\(word.name)-\(id).\(tld)"
                asciiName = "xn--\(Punycode.encode("\(word.name)-\(id)")).\(tld)"
            } else {
                let first = Words.nouns[Int((r >> 24) % UInt64(Words.nouns.count))]
                let second = Words.nouns[Int((r >> 32) % UInt64(Words.nouns.count))]
                name = "\(first)\(second)-\(id).\(tld)"
                asciiName = name
            }
            let hostingRoll = Int((r >> 40) % 100)
            let hosting: SimulatedDomain.HostingType =
                hostingRoll < 90 ? .virtual : hostingRoll < 94 ? .standardForwarding : hostingRoll < 97 ? .frameForwarding : .none
            let ownerRoll = (r >> 47) % 100
            let owner = ownerCount == 0 || ownerRoll < 5 ? SimulatedClient.adminID : 2 + Int((r >> 12) % UInt64(ownerCount))
            let statusRoll = (r >> 54) % 100
            let status: SimulatedDomain.Status = statusRoll < 95 ? .active : statusRoll < 98 ? .suspended : .disabled
            var aliases: [SimulatedDomainAlias] = []
            let aliasRoll = (r >> 58) % 32
            if aliasRoll < 2 {
                for number in 0...Int(aliasRoll) {
                    let aliasName = "\(name.prefix(while: { $0 != "." }))-alias\(number).\(Words.tlds[(id + number + 1) % Words.tlds.count])"
                    aliases.append(SimulatedDomainAlias(id: aliasID, name: aliasName, asciiName: aliasName.unicodeScalars.allSatisfy(\.isASCII) ? aliasName : nil, mail: number == 0))
                    aliasID += 1
                }
            }
            topLevel.append(domains.count)
            domains.append(
                SimulatedDomain(
                    id: id,
                    guid: random.uuidString(),
                    name: name,
                    asciiName: asciiName,
                    hostingType: hosting,
                    baseDomainID: 0,
                    created: created,
                    aliases: aliases,
                    ownerClientID: owner,
                    status: status
                )
            )
        }

        inventory.clients = clients
        inventory.domains = domains
        inventory.subscriptions = domains.compactMap { $0.baseDomainID == 0 ? Self.unplannedSubscription(of: $0, seed: seed) : nil }
        inventory.nextClientID = clients.count + 1
        inventory.nextDomainID = domainCount + 1
        inventory.nextAliasID = aliasID
        inventory.random = random
        return inventory
    }

    /// A custom subscription (no plan) for a top-level domain of the plain layout: its status from the REST status,
    /// usage from a generator of its own, so the domains and clients stay what they were before subscriptions existed.
    static func unplannedSubscription(of domain: SimulatedDomain, seed: UInt64) -> SimulatedSubscription {
        var random = SeededGenerator(seed: seed ^ (UInt64(domain.id) &* 0x9E37_79B9_7F4A_7C15))
        let r = random.next()
        let disk = Int64(r % (4 << 30))
        let traffic = Int64((r >> 32) % (20 << 30))
        return SimulatedSubscription(
            id: domain.id, status: SimulatedSubscription.Status(rest: domain.status),
            usage: SimulatedSubscription.Usage(diskBytes: disk, trafficBytes: traffic, trafficPreviousDayBytes: traffic / 30))
    }
}

/// Creation dates spread over ten years, formatted once.
struct DateTable {
    static let firstDay = 16_071  // 2014-01-01
    static let span = 3_650
    let strings: [String]

    init(count: Int) {
        let days = min(max(count, 1), Self.span)
        self.strings = (0..<days).map { CivilDate.string(daysSinceEpoch: Self.firstDay + $0 * Self.span / days) }
    }

    func date(for offset: Int, of total: Int) -> String {
        guard total > 0 else { return self.strings[0] }
        return self.strings[min(offset * self.strings.count / total, self.strings.count - 1)]
    }
}

enum Words {
    static let nouns = [
        "alpine", "amber", "anchor", "apple", "arrow", "atlas", "autumn", "bakery", "beacon", "birch", "blue", "bright",
        "canyon", "cedar", "cloud", "clover", "coast", "copper", "coral", "craft", "crystal", "delta", "desert", "echo",
        "ember", "falcon", "fern", "forest", "fox", "garden", "glacier", "golden", "granite", "harbor", "hazel", "horizon",
        "iron", "island", "jade", "juniper", "lake", "lantern", "linen", "maple", "meadow", "mint", "moon", "north",
        "oak", "ocean", "olive", "orchid", "pine", "pixel", "prairie", "quartz", "rain", "raven", "river", "rock",
        "sage", "salt", "sky", "solar", "spark", "spring", "stone", "summit", "sun", "swift", "thistle", "tide",
        "timber", "valley", "velvet", "willow", "wind", "winter", "wolf", "zen",
    ]
    static let tlds = ["com", "net", "org", "de", "nl", "fr", "io", "eu", "co.uk", "ch", "at", "be", "info", "shop"]
    static let subdomainLabels = ["blog", "shop", "dev", "staging", "mail", "api", "test", "www2", "cdn", "portal"]
    static let idnWords: [(name: String, note: String)] = [
        ("bücher", "de"), ("müller", "de"), ("café", "fr"), ("straße", "de"), ("smörgås", "sv"), ("élan", "fr"),
        ("jalapeño", "es"), ("ångström", "sv"), ("köln", "de"), ("zürich", "ch"),
    ]
    static let firstNames = [
        "Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jonas", "Karin", "Lukas", "Mia",
        "Noah", "Olga", "Paul", "Queenie", "Rosa", "Sven", "Tina", "Ulrich", "Vera", "Willem", "Xenia", "Yusuf", "Zoe",
    ]
    static let lastNames = [
        "Adams", "Bakker", "Costa", "Dubois", "Eriksson", "Fischer", "Garcia", "Hansen", "Ivanova", "Jansen", "Kowalski",
        "Lefebvre", "Meyer", "Novak", "Olsen", "Peeters", "Rossi", "Schmidt", "Thomsen", "Urban", "Visser", "Weber",
    ]
    static let companySuffixes = ["GmbH", "BV", "Ltd", "SARL", "AG", "Inc."]
    static let mailDomains = ["example.com", "example.net", "example.org", "mail.example"]
    static let locales = ["en-US", "en-GB", "de-DE", "nl-NL", "fr-FR", "es-ES", "it-IT", "pl-PL"]
}
