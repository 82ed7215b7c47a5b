extension PleskInventory {
    /// The domains, plans and subscriptions of ``generate(domains:clients:subscriptions:seed:server:)`` when a number
    /// of subscriptions is asked for; `clients` are already in place. One pass over the domains, no lookups that grow
    /// with the inventory.
    mutating func populateSubscribed(
        domains domainCount: Int, subscriptions requested: Int, resellers: Int, dates: DateTable
    ) {
        var random = self.random
        let plans = Self.generatedPlans(resellers: resellers, using: &random)
        let mainCount = domainCount == 0 ? 0 : min(max(requested, 1), domainCount)

        var domains: [SimulatedDomain] = []
        domains.reserveCapacity(domainCount)
        var subscriptions: [SimulatedSubscription] = []
        subscriptions.reserveCapacity(mainCount)
        var mains: [Int] = []  // indices into `domains`
        mains.reserveCapacity(mainCount)
        var aliasID = 1
        let ownerCount = self.clients.count - 1
        for offset in 0..<domainCount {
            let id = offset + 1
            let r = random.next()
            let created = dates.date(for: offset, of: domainCount)
            // Exactly `mainCount` offsets start a new value of offset * mainCount / domainCount, the first among them.
            let isMain = offset == 0 || offset * mainCount / domainCount != (offset - 1) * mainCount / domainCount
            if !isMain {
                let recent = min(mains.count, 1000)
                let base = domains[mains[mains.count - 1 - Int((r >> 8) % UInt64(recent))]]
                let name: String
                let asciiName: String
                if (r >> 60) % 5 < 3 {
                    let label = "\(Words.subdomainLabels[Int((r >> 20) % UInt64(Words.subdomainLabels.count))])-\(id)"
                    name = "\(label).\(base.name)"
                    asciiName = "\(label).\(base.asciiName)"
                } else {
                    (name, asciiName) = Self.siteName(r, id: id)
                }
                domains.append(
                    SimulatedDomain(
                        id: id, guid: random.uuidString(), name: name, asciiName: asciiName, hostingType: .virtual,
                        baseDomainID: base.id, created: created, ownerClientID: base.ownerClientID, status: base.status)
                )
                continue
            }

            let (name, asciiName) = Self.siteName(r, id: id)
            let hostingRoll = Int((r >> 40) % 100)
            let hosting: SimulatedDomain.HostingType =
                hostingRoll < 92
                ? .virtual : hostingRoll < 96 ? .standardForwarding : hostingRoll < 98 ? .frameForwarding : .none
            let owner =
                ownerCount == 0 || (r >> 47) % 100 < 5
                ? SimulatedClient.adminID : 2 + Int((r >> 12) % UInt64(ownerCount))
            let reseller = self.resellerID(ofClient: owner, resellers: resellers)
            var aliases: [SimulatedDomainAlias] = []
            if (r >> 58) % 32 == 0 {
                let aliasName = "\(name.prefix(while: { $0 != "." }))-alias.\(Words.tlds[(id + 1) % Words.tlds.count])"
                aliases.append(SimulatedDomainAlias(id: aliasID, name: aliasName))
                aliasID += 1
            }
            let subscription = Self.generatedSubscription(
                id: id, reseller: reseller, plans: plans, using: &random)
            mains.append(domains.count)
            domains.append(
                SimulatedDomain(
                    id: id, guid: random.uuidString(), name: name, asciiName: asciiName, hostingType: hosting,
                    baseDomainID: 0, created: created, aliases: aliases, ownerClientID: owner,
                    status: subscription.status.restStatus))
            subscriptions.append(subscription)
        }

        self.servicePlans = plans.all
        self.nextServicePlanID = plans.all.count + 1
        self.domains = domains
        self.subscriptions = subscriptions
        self.nextDomainID = domainCount + 1
        self.nextAliasID = aliasID
        self.random = random
    }

    /// The reseller whose plans a client's subscriptions use: the reseller owning a customer, else nil (admin plans;
    /// a reseller's own subscriptions come from the admin too). Generated resellers are ids 2…, logins `resellerN`.
    private func resellerID(ofClient id: Int, resellers: Int) -> Int? {
        guard id > 1 + resellers, let login = self.clients[id - 1].ownerLogin, login.hasPrefix("reseller"),
            let number = Int(login.dropFirst("reseller".count))
        else { return nil }
        return number + 1
    }

    /// A name as the plain layout makes them: two nouns, or now and then an IDN word.
    private static func siteName(_ r: UInt64, id: Int) -> (name: String, asciiName: String) {
        let tld = Words.tlds[Int((r >> 8) % UInt64(Words.tlds.count))]
        if (r >> 16) % 100 == 0 {
            let word = Words.idnWords[Int((r >> 24) % UInt64(Words.idnWords.count))]
            return ("\(word.name)-\(id).\(tld)", "xn--\(Punycode.encode("\(word.name)-\(id)")).\(tld)")
        }
        let first = Words.nouns[Int((r >> 24) % UInt64(Words.nouns.count))]
        let second = Words.nouns[Int((r >> 32) % UInt64(Words.nouns.count))]
        let name = "\(first)\(second)-\(id).\(tld)"
        return (name, name)
    }

    // MARK: Plans

    struct GeneratedPlans {
        var all: [SimulatedServicePlan] = []
        var admin: [SimulatedServicePlan] = []
        var addons: [SimulatedServicePlan] = []
        /// Reseller id → its plans.
        var reseller: [Int: [SimulatedServicePlan]] = [:]
    }

    private static let gib: Int64 = 1 << 30
    private static let mib: Int64 = 1 << 20

    /// One plan's figures: disk, traffic and mailbox quota in bytes, -1 unlimited.
    private struct Tier {
        var name: String
        var overuse: SimulatedServicePlan.Overuse
        var disk, traffic, sites, subdomains, aliases, mailbox: Int64
        var externalID: String? = nil

        var limits: [String: Int64] {
            typealias Limit = SimulatedServicePlan.Limit
            return [
                Limit.diskSpace: self.disk, Limit.maxTraffic: self.traffic, Limit.maxSite: self.sites,
                Limit.maxSubdomains: self.subdomains, Limit.maxDomainAliases: self.aliases,
                Limit.mailboxQuota: self.mailbox, Limit.expiration: Limit.unlimited,
            ]
        }
    }

    private static let adminTiers = [
        Tier(name: "Default Domain", overuse: .notSuspend, disk: -1, traffic: -1, sites: -1, subdomains: -1, aliases: -1, mailbox: -1),
        Tier(name: "Starter", overuse: .block, disk: 1 * gib, traffic: 10 * gib, sites: 1, subdomains: 5, aliases: 5, mailbox: 512 * mib, externalID: "whmcs-plan-1"),
        Tier(name: "Business", overuse: .normal, disk: 10 * gib, traffic: 100 * gib, sites: 5, subdomains: 20, aliases: 20, mailbox: 2 * gib, externalID: "whmcs-plan-2"),
        Tier(name: "Premium", overuse: .notify, disk: 50 * gib, traffic: 500 * gib, sites: 20, subdomains: -1, aliases: -1, mailbox: 5 * gib, externalID: "whmcs-plan-3"),
        Tier(name: "Unlimited & More", overuse: .notSuspendNotify, disk: -1, traffic: -1, sites: -1, subdomains: -1, aliases: -1, mailbox: -1),
    ]

    private static let resellerTiers = [
        Tier(name: "Basic", overuse: .block, disk: 2 * gib, traffic: 20 * gib, sites: 1, subdomains: 10, aliases: 10, mailbox: 1 * gib),
        Tier(name: "Pro", overuse: .notify, disk: 20 * gib, traffic: 200 * gib, sites: 10, subdomains: -1, aliases: -1, mailbox: 4 * gib),
    ]

    /// Five admin plans, two admin add-ons, and two plans for each of the first hundred resellers.
    private static func generatedPlans(resellers: Int, using random: inout SeededGenerator) -> GeneratedPlans {
        var plans = GeneratedPlans()
        func add(
            _ name: String, owner: Int, kind: SimulatedServicePlan.Kind = .service, overuse: SimulatedServicePlan.Overuse,
            limits: [String: Int64], externalID: String? = nil
        ) -> SimulatedServicePlan {
            let plan = SimulatedServicePlan(
                id: plans.all.count + 1, guid: random.uuidString(), name: name, ownerClientID: owner,
                externalID: externalID, kind: kind, overuse: overuse, limits: limits)
            plans.all.append(plan)
            return plan
        }
        let admin = SimulatedClient.adminID
        plans.admin = Self.adminTiers.map {
            add($0.name, owner: admin, overuse: $0.overuse, limits: $0.limits, externalID: $0.externalID)
        }
        plans.addons = [
            add("Extra Storage", owner: admin, kind: .addon, overuse: .normal, limits: [SimulatedServicePlan.Limit.diskSpace: 5 * gib]),
            add("Extra Sites", owner: admin, kind: .addon, overuse: .normal, limits: [SimulatedServicePlan.Limit.maxSite: 5]),
        ]
        for reseller in 0..<min(resellers, 100) {
            let id = 2 + reseller
            plans.reseller[id] = Self.resellerTiers.map { add($0.name, owner: id, overuse: $0.overuse, limits: $0.limits) }
        }
        return plans
    }

    // MARK: Subscriptions

    /// One subscription: mostly active (0), the rest spread over 16, 32, 64, 256, 272, 320 and 4; 1 % without a
    /// plan; usage from a few MiB to tens of GiB (often above 2^31), 2 % over their disk limit.
    private static func generatedSubscription(
        id: Int, reseller: Int?, plans: GeneratedPlans, using random: inout SeededGenerator
    ) -> SimulatedSubscription {
        let r = random.next()
        let statusRoll = r % 1000
        let status: SimulatedSubscription.Status =
            switch statusRoll {
            case ..<880: .active
            case ..<900: .disabledByAdmin
            case ..<915: reseller == nil ? .disabledByAdmin : .disabledByReseller
            case ..<935: .disabledByCustomer
            case ..<950: .expired
            case ..<965: [.expired, .disabledByAdmin]
            case ..<975: [.expired, .disabledByCustomer]
            case ..<982: .underBackupRestore
            default: .active
            }
        let choices = reseller.flatMap { plans.reseller[$0] } ?? plans.admin
        let planRoll = (r >> 10) % 100
        let plan: SimulatedServicePlan? = planRoll == 0 ? nil : choices[Int((r >> 17) % UInt64(choices.count))]
        var addons: [String] = []
        if plan != nil, reseller == nil, (r >> 24) % 20 == 0 {
            addons = (r >> 29) % 3 == 0 ? plans.addons.map(\.guid) : [plans.addons[Int((r >> 31) % 2)].guid]
        }

        let usageRoll = (r >> 32) % 100
        let u = random.next()
        var disk: Int64 =
            switch usageRoll {
            case ..<10: Int64(u % UInt64(10 * mib))
            case ..<70: 50 * mib + Int64(u % UInt64(2 * gib))
            case ..<95: 2 * gib + Int64(u % UInt64(6 * gib))
            default: 8 * gib + Int64(u % UInt64(56 * gib))
            }
        let diskLimit = plan?.limits[SimulatedServicePlan.Limit.diskSpace] ?? -1
        if diskLimit > 0 {
            // Usage stays under the limit, except for 2 % that went over it.
            if (r >> 40) % 50 == 0 {
                disk = diskLimit + diskLimit / 10 + Int64((u >> 40) % UInt64(mib))
            } else if disk >= diskLimit {
                disk = diskLimit / 2 + Int64((u >> 20) % UInt64(max(diskLimit / 2, 1)))
            }
        }
        let traffic = Int64((u >> 8) % UInt64(40 * gib))

        var subscription = SimulatedSubscription(
            id: id, status: .active, servicePlanGUID: plan?.guid, addonPlanGUIDs: addons,
            locked: (r >> 44) % 33 == 0,
            externalID: (r >> 50) % 10 < 3 ? "whmcs-\(String((r >> 20) & 0xFF_FFFF, radix: 16))" : nil,
            usage: SimulatedSubscription.Usage(
                diskBytes: disk, trafficBytes: traffic, trafficPreviousDayBytes: traffic / 30 + Int64(u % 4096)))
        if plan != nil, (r >> 56) % 50 == 0, diskLimit > 0 {
            // A customised subscription: twice its plan's disk space.
            subscription.limitOverrides[SimulatedServicePlan.Limit.diskSpace] = diskLimit * 2
            subscription.synchronized = false
        }
        if plan == nil {
            subscription.limitOverrides = [
                SimulatedServicePlan.Limit.diskSpace: 5 * gib, SimulatedServicePlan.Limit.maxSite: 1,
            ]
            subscription.overuseOverride = .block
        }
        if status.contains(.expired) {
            subscription.limitOverrides[SimulatedServicePlan.Limit.expiration] =
                1_700_000_000 + Int64(id % 10_000) * 3600
        }
        subscription.status = status
        return subscription
    }
}
