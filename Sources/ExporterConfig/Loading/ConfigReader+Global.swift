extension ConfigReader {
    static let globalKeys = ["poll_interval", "timeout", "concurrency", "removal_guard", "max_response_size", "memory_limit"]

    func readGlobal(_ global: ConfigMapping) -> GlobalSettings {
        var settings = GlobalSettings()
        if let interval = pollInterval(global) { settings.pollInterval = interval }
        if let timeout = timeout(global) { settings.timeout = timeout }
        if let concurrency = concurrency(global) { settings.concurrency = concurrency }
        if let size = byteSize(global, "max_response_size"),
            require(size >= 1024, global, "max_response_size", "must be at least 1KiB")
        {
            settings.maxResponseBytes = size
        }
        if let size = byteSize(global, "memory_limit"),
            require(size >= 32 * 1024 * 1024, global, "memory_limit", "must be at least 32MiB")
        {
            settings.memoryLimit = size
        }
        let guardKeys = ["max_fraction", "confirm_polls"]
        if let removalGuard = mapping(global["removal_guard"]?.value, path: global.path("removal_guard"), allowed: guardKeys) {
            if let fraction = double(removalGuard, "max_fraction"),
                require(fraction > 0 && fraction <= 1, removalGuard, "max_fraction", "must be greater than 0 and at most 1")
            {
                settings.removalGuard.maxFraction = fraction
            }
            if let polls = int(removalGuard, "confirm_polls"),
                require(polls >= 1, removalGuard, "confirm_polls", "must be at least 1")
            {
                settings.removalGuard.confirmPolls = polls
            }
        }
        return settings
    }

    /// `poll_interval`, shared by `global` and targets.
    func pollInterval(_ mapping: ConfigMapping) -> Duration? {
        guard let interval = duration(mapping, "poll_interval"),
            require(interval >= .seconds(1), mapping, "poll_interval", "must be at least 1s")
        else { return nil }
        return interval
    }

    /// `timeout`, shared by `global` and targets.
    func timeout(_ mapping: ConfigMapping) -> Duration? {
        guard let timeout = duration(mapping, "timeout"),
            require(timeout > .zero, mapping, "timeout", "must be longer than 0s")
        else { return nil }
        return timeout
    }

    /// `concurrency`, shared by `global` and targets.
    func concurrency(_ mapping: ConfigMapping) -> Int? {
        guard let concurrency = int(mapping, "concurrency"),
            require(concurrency >= 1, mapping, "concurrency", "must be at least 1")
        else { return nil }
        return concurrency
    }
}
