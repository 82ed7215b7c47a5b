import Foundation
import InventoryModel
import PleskAPI

/// What the poller remembers of one kind (``KnownObjects``), with its facts type hidden so that the memory of every
/// kind is kept in one dictionary.
protocol KnownKind: Sendable {
    var fingerprints: KnownFingerprints { get }
    func encoded() -> Data
}

extension KnownObjects: KnownKind where Facts: RememberedFacts {}
