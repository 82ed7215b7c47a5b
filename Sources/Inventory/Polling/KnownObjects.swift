import PleskAPI

/// What the poller remembers of one kind's objects from its last committed poll, by the fingerprint of their bytes.
///
/// An object whose bytes and enrichment values are the same as then is the same object as then, and that poll's
/// commit already brought the stored state in line with it: detecting changes against the same stored object
/// twice finds nothing the second time. So such an object needs no decoding, no canonical JSON and no stored row;
/// only what is new, changed or gone does. This holds while the poller is the target's only writer (the
/// one-writer lock) and only after a commit that succeeded: the poller forgets everything when a commit fails.
///
/// About 90 bytes an object (fingerprint, key, enrichment hash, facts) in two flat arrays, against the fields and
/// canonical JSON a decoded object holds.
struct KnownObjects<Facts: Sendable>: Sendable {
    struct Entry: Sendable {
        var key: CompactKey
        /// Hash of the enrichment values (owner, status) the object was committed with.
        var enrichment: Int
        var facts: Facts
    }

    /// The fingerprints, in the order of the last list.
    var fingerprints: KnownFingerprints
    /// The entries, parallel to `fingerprints.inListOrder`.
    var entries: [Entry]
}
