import Foundation

/// Acknowledging events: the one write the HTTP API and the command line make.
public protocol EventAcknowledger: Sendable {
    /// Acknowledges the given events; returns how many were newly acknowledged.
    func acknowledge(ids: [Int64], by: String, comment: String?, at: Date) async throws -> Int

    /// Acknowledges all unacknowledged events matching target, kind and change (nil = any) up to `until`.
    func acknowledge(
        target: String?, kind: ObjectKind?, change: ChangeKind?, until: Date, by: String, comment: String?, at: Date
    ) async throws -> Int
}
