import InventoryModel
import Reconciliation
import Testing

@Suite("Reconciliation: findings from expected rows and targets")
struct ReconcilerTests {
    static func row(
        _ name: String, _ status: ExpectedStatus = .active, server: String? = nil, plan: String? = nil,
        owner: String? = nil, ref: String? = nil
    ) -> ExpectedRow {
        ExpectedRow(
            subscription: name, status: status, server: server, owner: owner, plan: plan, ref: ref, source: "billing")
    }

    static let suspendedByAdmin = 16
    static let expired = 256

    @Test("each kind of finding, and nothing where the two sides agree")
    func eachKind() {
        let web01 = ReconcileTarget(
            name: "web01", hostname: "web01.example.net",
            subscriptions: [
                ActualSubscription(name: "fine.example", status: 0, plan: "Business", owner: "alice"),
                ActualSubscription(name: "free.example", status: 0),
                ActualSubscription(name: "gone.example", status: 0),
                ActualSubscription(name: "paused.example", status: Self.suspendedByAdmin),
                ActualSubscription(name: "lapsed.example", status: Self.expired),
                ActualSubscription(name: "upgraded.example", status: 0, plan: "Premium"),
                ActualSubscription(name: "moved.example", status: 0, owner: "bob"),
                ActualSubscription(name: "closing.example", status: Self.suspendedByAdmin),
            ])
        let rows = [
            Self.row("fine.example", server: "web01", plan: "business", owner: "ALICE", ref: "1"),
            Self.row("gone.example", .terminated, server: "WEB01.example.net", ref: "2"),
            Self.row("paused.example", server: "web01", ref: "3"),
            Self.row("lapsed.example", .suspended, ref: "4"),
            Self.row("upgraded.example", plan: "Business", ref: "5"),
            Self.row("moved.example", owner: "alice", ref: "6"),
            Self.row("closing.example", .terminated, ref: "7"),
            Self.row("paid.example", server: "web01", ref: "8"),
            Self.row("elsewhere.example", ref: "9"),
            Self.row("cancelled.example", .terminated, ref: "10"),
        ]
        let findings = Reconciler().findings(targets: [web01], expected: rows)
        #expect(
            Set(findings) == [
                Finding(kind: .unbilled, target: "web01", subscription: "free.example", actual: "active"),
                Finding(
                    kind: .statusMismatch, target: "web01", subscription: "gone.example", source: "billing", ref: "2",
                    expected: "terminated", actual: "active"),
                Finding(
                    kind: .statusMismatch, target: "web01", subscription: "paused.example", source: "billing",
                    ref: "3", expected: "active", actual: "suspended"),
                Finding(
                    kind: .planMismatch, target: "web01", subscription: "upgraded.example", source: "billing",
                    ref: "5", expected: "Business", actual: "Premium"),
                Finding(
                    kind: .ownerMismatch, target: "web01", subscription: "moved.example", source: "billing", ref: "6",
                    expected: "alice", actual: "bob"),
                Finding(
                    kind: .missing, target: "web01", subscription: "paid.example", source: "billing", ref: "8",
                    expected: "active"),
                Finding(
                    kind: .missing, target: "", subscription: "elsewhere.example", source: "billing", ref: "9",
                    expected: "active"),
            ])
        #expect(findings == findings.sorted { $0.identity < $1.identity })
    }

    @Test("a row's server decides where it is expected; without one, anywhere in the fleet")
    func fleet() {
        let web01 = ReconcileTarget(name: "web01", subscriptions: [ActualSubscription(name: "a.example", status: 0)])
        let web02 = ReconcileTarget(
            name: "web02", hostname: "h2.example.net", subscriptions: [ActualSubscription(name: "b.example", status: 0)])
        let rows = [Self.row("a.example", server: "h2.example.net"), Self.row("b.example")]
        let findings = Reconciler().findings(targets: [web01, web02], expected: rows)
        #expect(
            findings.map { "\($0.kind.rawValue) \($0.target) \($0.subscription)" } == [
                "unbilled web01 a.example", "missing web02 a.example",
            ])
    }

    @Test("rows naming a server no target has: no finding, and counted per server for the log")
    func unmatchedServers() {
        let web01 = ReconcileTarget(name: "web01", hostname: "h1.example.net", subscriptions: [])
        let rows = [
            Self.row("a.example", server: "WEB09"), Self.row("b.example", server: "web09"),
            Self.row("c.example", server: "H1.example.net"), Self.row("d.example", server: "web10"), Self.row("e.example", server: nil),
        ]
        let evaluation = Reconciler().evaluate(targets: [web01], expected: rows)
        #expect(evaluation.unmatchedServers == ["web09": 2, "web10": 1])
        #expect(Set(evaluation.findings.map(\.subscription)) == ["c.example", "e.example"])
        // With a target left out, its hostname is unknown: nothing is called unmatched.
        #expect(Reconciler().evaluate(targets: [web01], expected: rows, complete: false).unmatchedServers.isEmpty)
    }

    @Test("a row without server is not missing while a target is left out (its poll failed)")
    func incomplete() {
        let web01 = ReconcileTarget(name: "web01", subscriptions: [])
        let rows = [Self.row("somewhere.example"), Self.row("here.example", server: "web01")]
        let complete = Reconciler().findings(targets: [web01], expected: rows, complete: true)
        #expect(Set(complete.map(\.subscription)) == ["somewhere.example", "here.example"])
        let partial = Reconciler().findings(targets: [web01], expected: rows, complete: false)
        #expect(partial.map(\.subscription) == ["here.example"])
    }

    @Test("several rows for one subscription: the most alive wins")
    func duplicates() {
        let web01 = ReconcileTarget(name: "web01", subscriptions: [ActualSubscription(name: "a.example", status: 0)])
        let rows = [
            Self.row("a.example", .terminated, plan: "Old", ref: "1"), Self.row("a.example", plan: "New", ref: "2"),
        ]
        let findings = Reconciler().findings(
            targets: [web01], expected: rows + [Self.row("a.example", .suspended, ref: "3")])
        #expect(findings.isEmpty)
    }

    @Test("waivers drop the findings they match")
    func waivers() {
        let web01 = ReconcileTarget(
            name: "web01",
            subscriptions: [
                ActualSubscription(name: "test.internal.example", status: 0),
                ActualSubscription(name: "shop.example", status: 0),
            ])
        let findings = Reconciler().findings(targets: [web01], expected: []) {
            $0.kind == .unbilled && $0.subscription.hasSuffix(".internal.example")
        }
        #expect(findings.map(\.subscription) == ["shop.example"])
    }

    @Test("stored fields give the name as compared, the status, plan and owner")
    func fromFields() throws {
        let subscription = try #require(
            ActualSubscription(fields: [
                "name": .string("Müller-Bau.de"), "ascii_name": .string("xn--mller-bau-q9a.de"), "status": .int(16),
                "plan": .string("Business"), "owner": .string("alice"),
            ]))
        #expect(subscription == ActualSubscription(name: "xn--mller-bau-q9a.de", status: 16, plan: "Business", owner: "alice"))
        #expect(subscription.billingStatus == .suspended)
        #expect(ActualSubscription(fields: ["name": .string("Straße.de")])?.name == "xn--strae-oqa.de")
        #expect(ActualSubscription(fields: [:]) == nil)
        // From the stored JSON, as the engine reads it: the same, also when a field has an unexpected type.
        #expect(
            ActualSubscription(
                fieldsJSON: #"{"ascii_name":"xn--mller-bau-q9a.de","name":"Müller-Bau.de","owner":"alice","plan":"Business","states":["suspended_by_admin"],"status":16}"#)
                == subscription)
        #expect(
            ActualSubscription(fieldsJSON: #"{"name":"Shop.example","plan":{"odd":1},"status":0}"#)
                == ActualSubscription(name: "shop.example", status: 0))
        #expect(ActualSubscription(fieldsJSON: "not json") == nil)
    }
}

@Suite("Reconciliation: the shrink guard")
struct ShrinkGuardTests {
    @Test("a read that loses more than the fraction is held until the same count is read confirmReads times")
    func guardHolds() {
        let shrink = ShrinkGuard(maxFraction: 0.2, confirmReads: 3)
        #expect(shrink.judge(count: 100, lastAccepted: nil, pending: nil) == .accept)
        #expect(shrink.judge(count: 80, lastAccepted: 100, pending: nil) == .accept)
        #expect(shrink.judge(count: 150, lastAccepted: 100, pending: nil) == .accept)
        #expect(shrink.judge(count: 79, lastAccepted: 100, pending: nil) == .hold(reads: 1))
        #expect(shrink.judge(count: 79, lastAccepted: 100, pending: (79, 1)) == .hold(reads: 2))
        #expect(shrink.judge(count: 79, lastAccepted: 100, pending: (79, 2)) == .accept)
        // Another count starts the confirmation again.
        #expect(shrink.judge(count: 50, lastAccepted: 100, pending: (79, 2)) == .hold(reads: 1))
    }
}
