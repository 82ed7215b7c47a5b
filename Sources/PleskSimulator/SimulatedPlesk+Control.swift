extension SimulatedPlesk {
    // MARK: Faults

    /// Makes `endpoint` misbehave for its next `times` requests (nil: until cleared). Replaces any fault
    /// already set on that endpoint.
    public func inject(_ fault: Fault, on endpoint: Endpoint, times: Int? = nil) {
        self.inject(fault, on: [endpoint], times: times)
    }

    /// Makes each of `endpoints` misbehave (each counts its own `times`).
    public func inject(_ fault: Fault, on endpoints: some Sequence<Endpoint>, times: Int? = nil) {
        if let times, times <= 0 { return }
        self.state.storage.withLock { storage in
            for endpoint in endpoints {
                storage.faults[endpoint] = SimulatorState.ActiveFault(fault: fault, remaining: times)
            }
        }
    }

    public func clearFault(on endpoint: Endpoint) {
        _ = self.state.storage.withLock { $0.faults.removeValue(forKey: endpoint) }
    }

    public func clearFaults() {
        self.state.storage.withLock { $0.faults = [:] }
    }

    /// The fault set on `endpoint` and how many uses it has left (nil: unlimited).
    public func activeFault(on endpoint: Endpoint) -> (fault: Fault, remaining: Int?)? {
        self.state.storage.withLock { storage in
            storage.faults[endpoint].map { ($0.fault, $0.remaining) }
        }
    }

    // MARK: Request log

    /// The logged requests, oldest first (at most `configuration.requestLogLimit`).
    public var requests: [RequestRecord] {
        self.state.storage.withLock { $0.log }
    }

    public func requests(to endpoint: Endpoint) -> [RequestRecord] {
        self.state.storage.withLock { $0.log.filter { $0.endpoint == endpoint } }
    }

    /// Requests routed to `endpoint` since start (or the last reset), faulted and unauthenticated ones included.
    public func requestCount(_ endpoint: Endpoint) -> Int {
        self.state.storage.withLock { $0.counts[endpoint] ?? 0 }
    }

    /// ``requestCount(_:)`` for every endpoint that was called.
    public var requestCounts: [Endpoint: Int] {
        self.state.storage.withLock { $0.counts }
    }

    /// Total requests received since start (or the last reset), unknown paths included.
    public var totalRequestCount: Int {
        self.state.storage.withLock { $0.sequence }
    }

    /// Forgets the log and the counters.
    public func resetRequestLog() {
        self.state.storage.withLock { storage in
            storage.log = []
            storage.counts = [:]
            storage.sequence = 0
        }
    }

    // MARK: Credentials

    /// Accepts `key` in `X-API-Key` from now on.
    public func addAPIKey(_ key: String) {
        self.state.storage.withLock { $0.keys[key] = .now }
    }

    /// Stops accepting `key` (as `DELETE /auth/keys/{key}` would).
    public func revokeAPIKey(_ key: String) {
        _ = self.state.storage.withLock { $0.keys.removeValue(forKey: key) }
    }

    /// Adds or changes a Basic-auth user; a nil password removes it.
    public func setUser(_ username: String, password: String?) {
        self.state.storage.withLock { $0.users[username] = password }
    }

    /// Delay before a key minted by `POST /auth/keys` is accepted (applies to keys minted afterwards).
    public var keyActivationDelay: Duration {
        get { self.state.storage.withLock { $0.keyActivationDelay } }
        set { self.state.storage.withLock { $0.keyActivationDelay = newValue } }
    }

    /// Keys minted by `POST /auth/keys`, oldest first.
    public var issuedAPIKeys: [IssuedAPIKey] {
        self.state.storage.withLock { $0.issuedKeys }
    }
}
