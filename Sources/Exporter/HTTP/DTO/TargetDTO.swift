import Foundation
import InventoryModel

/// A configured target as `GET /api/v1/targets` shows it. The URL never carries credentials.
public struct TargetDTO: Codable, Sendable, Hashable {
    public struct Server: Codable, Sendable, Hashable {
        public var hostname: String
        public var panelVersion: String
        public var platform: String

        enum CodingKeys: String, CodingKey {
            case hostname, platform
            case panelVersion = "panel_version"
        }
    }

    public var name: String
    public var url: String
    public var labels: [String: String]
    public var up: Bool
    public var lastPoll: String?
    public var lastSuccess: String?
    public var lastError: PollErrorDTO?
    public var baselineAt: String?
    public var counts: CountsDTO?
    public var heldRemovals: HeldRemovalsDTO?
    public var unacknowledgedChanges: Int
    public var server: Server?
    /// Per kind the target collects: whether the last poll collected it.
    public var collect: [String: CollectStateDTO]

    enum CodingKeys: String, CodingKey {
        case name, url, labels, up, counts, server, collect
        case lastPoll = "last_poll"
        case lastSuccess = "last_success"
        case lastError = "last_error"
        case baselineAt = "baseline_at"
        case heldRemovals = "held_removals"
        case unacknowledgedChanges = "unacknowledged_changes"
    }

    public init(_ target: TargetStatus, unacknowledgedChanges: Int) {
        name = target.name
        url = target.url
        labels = target.labels
        up = target.up
        lastPoll = target.lastPoll.map { TimeParameter.format($0.finishedAt) }
        lastSuccess = target.lastSuccess.map { TimeParameter.format($0.finishedAt) }
        lastError = target.lastError.map { PollErrorDTO(reason: $0.reason, message: $0.message) }
        baselineAt = target.baselineAt.map(TimeParameter.format)
        counts = target.counts.map(CountsDTO.init)
        heldRemovals = target.lastSuccess.map(HeldRemovalsDTO.init)
        collect = Dictionary(
            uniqueKeysWithValues: target.collectedKinds.map { kind in
                (
                    kind.rawValue,
                    CollectStateDTO(
                        up: target.collectUp(kind) ?? false,
                        error: target.collectError(kind).map { PollErrorDTO(reason: $0.reason, message: $0.message) })
                )
            })
        self.unacknowledgedChanges = unacknowledgedChanges
        server = target.serverInfo.map {
            Server(hostname: $0.hostname, panelVersion: $0.panelVersion, platform: $0.platform)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(labels, forKey: .labels)
        try container.encode(up, forKey: .up)
        try container.encode(lastPoll, forKey: .lastPoll)
        try container.encode(lastSuccess, forKey: .lastSuccess)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(baselineAt, forKey: .baselineAt)
        try container.encode(counts, forKey: .counts)
        try container.encode(heldRemovals, forKey: .heldRemovals)
        try container.encode(unacknowledgedChanges, forKey: .unacknowledgedChanges)
        try container.encode(server, forKey: .server)
        try container.encode(collect, forKey: .collect)
    }
}
