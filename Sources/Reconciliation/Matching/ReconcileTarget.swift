/// One target as reconciliation sees it: the names a row's `server` may use, and its subscriptions.
public struct ReconcileTarget: Sendable, Hashable {
    public var name: String
    /// The server's own hostname (`/api/v2/server`), when known.
    public var hostname: String?
    public var subscriptions: [ActualSubscription]

    public init(name: String, hostname: String? = nil, subscriptions: [ActualSubscription]) {
        self.name = name
        self.hostname = hostname
        self.subscriptions = subscriptions
    }

    /// Whether a row's `server` names this target (case aside).
    public func isNamed(_ server: String) -> Bool {
        names.contains(server.lowercased())
    }

    /// The names a row's `server` may use for this target, lowercased: its name, and its hostname when another.
    var names: [String] {
        let name = self.name.lowercased()
        guard let hostname = hostname?.lowercased(), hostname != name else { return [name] }
        return [name, hostname]
    }
}
