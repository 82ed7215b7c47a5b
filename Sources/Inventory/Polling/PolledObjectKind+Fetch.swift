import Foundation
import InventoryModel
import PleskAPI

extension PolledObjectKind {
    /// The kind's memory read back from the database; nil when the bytes are not a memory of this kind.
    static func decodeMemory(_ data: Data, key: FingerprintKey) -> (any KnownKind)? {
        KnownObjects<Facts>(decoding: data, key: key)
    }

    /// Fetches the kind's list, scanned against what is remembered of it.
    static func fetch(_ source: any PleskSource, remembered: (any KnownKind)?, key: FingerprintKey) async throws
        -> any FetchedKind
    {
        let remembered = remembered as? KnownObjects<Facts>
        let list = try await scan(source, known: remembered?.fingerprints ?? KnownFingerprints(key: key, []))
        return try Fetched<Self>(list: list, remembered: remembered)
    }

    /// Adds the remembered objects of a kind that was not collected this poll to the counts (its last known state).
    static func countRemembered(_ memory: (any KnownKind)?, into counts: inout PollCounts) {
        guard let remembered = memory as? KnownObjects<Facts> else { return }
        count(remembered.entries.map(\.facts), into: &counts)
    }
}
