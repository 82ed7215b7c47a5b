import Foundation
import InventoryModel
import Storage
import Testing

/// Reconciliation findings in SQLite: opened, kept, updated and closed by evaluations; scoped by target; history by
/// period; acknowledgement; the expected sources' state.
@Suite("Storage: reconciliation findings")
struct FindingStoreTests {
    static func finding(
        _ kind: FindingKind, _ target: String, _ subscription: String, expected: String? = nil, actual: String? = nil
    ) -> Finding {
        Finding(kind: kind, target: target, subscription: subscription, source: "billing", expected: expected, actual: actual)
    }

    @Test("an evaluation opens what is new, keeps what stays (its opening time), closes what went")
    func lifecycle() async throws {
        try await withTemporaryDatabase { path in
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let scope: Set<String> = ["web01", "web02", ""]
            let first = try await store.applyFindings(
                [
                    Self.finding(.unbilled, "web01", "a.example"),
                    Self.finding(.missing, "", "b.example", expected: "active"),
                    Self.finding(.planMismatch, "web02", "c.example", expected: "Basic", actual: "Pro"),
                ],
                scope: scope, at: at(0))
            #expect(first.opened.map(\.finding.subscription) == ["a.example", "b.example", "c.example"])
            #expect(first.closed.isEmpty)

            // a stays, b goes, c's details change, d arrives.
            let second = try await store.applyFindings(
                [
                    Self.finding(.unbilled, "web01", "a.example"),
                    Self.finding(.planMismatch, "web02", "c.example", expected: "Basic", actual: "Max"),
                    Self.finding(.ownerMismatch, "web02", "d.example", expected: "alice", actual: "bob"),
                ],
                scope: scope, at: at(60))
            #expect(second.opened.map(\.finding.subscription) == ["d.example"])
            #expect(second.closed.map(\.finding.subscription) == ["b.example"])
            #expect(second.closed.first?.closedAt == at(60))

            let open = try await store.findings(FindingQuery())
            #expect(open.map(\.finding.subscription) == ["a.example", "c.example", "d.example"])
            #expect(open.first?.openedAt == at(0))
            #expect(open.first { $0.finding.subscription == "c.example" }?.finding.actual == "Max")

            // History: b was open between 0 and 60.
            let period = try await store.findings(FindingQuery(openOnly: false, since: at(10), until: at(20)))
            #expect(Set(period.map(\.finding.subscription)) == ["a.example", "b.example", "c.example"])
            let later = try await store.findings(FindingQuery(openOnly: false, since: at(61)))
            #expect(Set(later.map(\.finding.subscription)) == ["a.example", "c.example", "d.example"])

            // Came back: a new finding, with a new opening time.
            let third = try await store.applyFindings(
                [Self.finding(.missing, "", "b.example", expected: "active")], scope: [""], at: at(120))
            #expect(third.opened.map(\.finding.subscription) == ["b.example"])
            #expect(third.closed.isEmpty)
            let all = try await store.findings(FindingQuery(openOnly: false, target: ""))
            #expect(all.map(\.openedAt) == [at(0), at(120)])
            #expect(all.map(\.isOpen) == [false, true])
        }
    }

    @Test("findings of targets outside the scope are left as they are (a target whose poll failed)")
    func scope() async throws {
        try await withTemporaryDatabase { path in
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            _ = try await store.applyFindings(
                [Self.finding(.unbilled, "web01", "a.example"), Self.finding(.unbilled, "web02", "b.example")],
                scope: ["web01", "web02"], at: at(0))
            let changes = try await store.applyFindings([], scope: ["web01"], at: at(60))
            #expect(changes.closed.map(\.finding.target) == ["web01"])
            #expect(try await store.findings(FindingQuery()).map(\.finding.target) == ["web02"])
        }
    }

    @Test("acknowledging an open finding keeps it open; a closed or unknown one is not acknowledged")
    func acknowledge() async throws {
        try await withTemporaryDatabase { path in
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let opened = try await store.applyFindings(
                [Self.finding(.unbilled, "web01", "a.example"), Self.finding(.unbilled, "web01", "b.example")],
                scope: ["web01"], at: at(0)
            ).opened
            let acknowledged = try #require(
                try await store.acknowledgeFinding(id: opened[0].id, by: "ops", comment: "internal test", at: at(5)))
            #expect(acknowledged.isOpen)
            #expect(acknowledged.acknowledgedBy == "ops" && acknowledged.comment == "internal test")
            #expect(acknowledged.acknowledgedAt == at(5))
            _ = try await store.applyFindings([Self.finding(.unbilled, "web01", "a.example")], scope: ["web01"], at: at(60))
            #expect(try await store.acknowledgeFinding(id: opened[1].id, by: "ops", comment: nil, at: at(61)) == nil)
            #expect(try await store.acknowledgeFinding(id: 999, by: "ops", comment: nil, at: at(61)) == nil)
            // Still found: still acknowledged.
            #expect(try await store.findings(FindingQuery()).first?.acknowledgedBy == "ops")
        }
    }

    @Test("expected sources' state is kept by name")
    func sources() async throws {
        try await withTemporaryDatabase { path in
            let store = try SQLiteInventoryStore(path: path, logger: .quiet)
            let billing = ExpectedSourceState(name: "billing", up: true, rows: 120, lastSuccessAt: at(0))
            try await store.recordExpectedSource(billing)
            var down = billing
            down.up = false
            down.lastError = "malformed: billing.csv:3"
            down.pendingRows = 10
            down.pendingReads = 1
            try await store.recordExpectedSource(ExpectedSourceState(name: "whmcs", up: true, rows: 5))
            try await store.recordExpectedSource(down)
            #expect(try await store.expectedSources() == [down, ExpectedSourceState(name: "whmcs", up: true, rows: 5)])
        }
    }
}
