import ExporterConfig
import Foundation
import Inventory
import Notifications
import PleskAPI

extension PleskTarget {
    /// The API client settings of a configured target.
    public init(_ target: TargetConfiguration, global: GlobalSettings) {
        let credentials: PleskCredentials =
            switch target.credentials {
            case .apiKey(let key): .apiKey(key.value)
            case .basic(let username, let password): .basic(username: username, password: password.value)
            }
        self.init(
            name: target.name, url: target.url, credentials: credentials,
            tls: target.tls,
            timeout: target.timeout, maxResponseBytes: global.maxResponseBytes)
    }
}

extension PollSettings {
    /// The poll settings of a configured target.
    public init(_ target: TargetConfiguration, global: GlobalSettings) {
        self.init(
            interval: target.pollInterval, jitterFraction: 0.1, concurrency: target.concurrency,
            collectOwners: target.collect.owners, ownersRefresh: target.collect.ownersRefresh,
            collectDomainStatus: target.collect.domainStatus,
            collectClientStatistics: target.collect.clientStatistics,
            removalGuard: RemovalGuard(
                maxFraction: global.removalGuard.maxFraction, confirmPolls: global.removalGuard.confirmPolls),
            collectSubscriptions: target.collect.subscriptions, collectServicePlans: target.collect.servicePlans,
            usageRefresh: target.collect.usageRefresh)
    }
}

extension GlobalSettings {
    /// `memory_limit`, else the cgroup's limit, else ``GlobalSettings/defaultMemoryLimit``; and which it was.
    public func effectiveMemoryLimit(cgroupLimit: @autoclosure () -> Int? = ProcessMemory.cgroupLimit())
        -> (bytes: Int, origin: String)
    {
        if let memoryLimit { return (memoryLimit, "global.memory_limit") }
        if let limit = cgroupLimit() { return (limit, "cgroup") }
        return (Self.defaultMemoryLimit, "default")
    }
}

extension ExporterConfiguration {
    /// The budget every poller of this configuration shares (``FullPollBudget``), and where its memory limit came
    /// from (`global.memory_limit`, `cgroup` or `default`) for the start-up log.
    public func fullPollBudget() -> (budget: FullPollBudget, origin: String) {
        let limit = global.effectiveMemoryLimit()
        return (FullPollBudget(memoryLimit: limit.bytes), limit.origin)
    }

    /// `notifications.webhooks` as the delivery service sees them.
    public var webhookEndpoints: [WebhookEndpoint] {
        notifications.webhooks.enumerated().map { index, hook in
            WebhookEndpoint(
                index: index, url: hook.url, displayURL: hook.displayURL,
                format: hook.format == .slack ? .slack : .json,
                headers: hook.headers.map { (name: $0.name, value: $0.value.value) },
                objects: Set(hook.match.objects), changes: Set(hook.match.changes), events: hook.match.events,
                findings: Set(hook.match.findings))
        }
    }
}
