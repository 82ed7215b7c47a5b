extension SimulatorState {
    /// The inventory with its XML lookups, built once per generation.
    func xmlSnapshot() -> (inventory: PleskInventory, index: XMLIndex, generation: Int) {
        let (cached, inventory, generation) = self.storage.withLock {
            ($0.derived.xmlIndex, $0.inventory, $0.generation)
        }
        if let cached { return (inventory, cached, generation) }
        let index = XMLIndex(inventory)
        self.storage.withLock { if $0.generation == generation { $0.derived.xmlIndex = index } }
        return (inventory, index, generation)
    }

    /// The results of an empty-filter `webspace get` for this generation: cached, or made and kept (one at a time,
    /// so a large inventory polled with the same datasets is written once).
    func webspaceFragment(_ key: WebspaceFragmentKey, generation: Int, make: () -> [UInt8]) -> [UInt8] {
        let cached = self.storage.withLock { storage -> [UInt8]? in
            guard storage.generation == generation, let fragment = storage.derived.webspaceFragment, fragment.key == key
            else { return nil }
            return fragment.bytes
        }
        if let cached { return cached }
        let bytes = make()
        self.storage.withLock { if $0.generation == generation { $0.derived.webspaceFragment = (key, bytes) } }
        return bytes
    }

    /// Declaration and layout of the next XML answer.
    func nextXMLFormat(prettyPrintRequested: Bool) -> (withEncoding: Bool, pretty: Bool) {
        self.storage.withLock { storage in
            defer { storage.xmlAnswers += 1 }
            return storage.xmlOutput.resolve(sequence: storage.xmlAnswers, prettyPrintRequested: prettyPrintRequested)
        }
    }

    var xmlOutput: SimulatedPlesk.XMLOutput {
        get { self.storage.withLock { $0.xmlOutput } }
        set { self.storage.withLock { $0.xmlOutput = newValue } }
    }

    var xmlFilterIDForEmptyFilter: Bool {
        get { self.storage.withLock { $0.xmlFilterIDForEmptyFilter } }
        set {
            self.storage.withLock {
                $0.xmlFilterIDForEmptyFilter = newValue
                $0.invalidate()
            }
        }
    }
}
