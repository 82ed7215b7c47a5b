import Foundation
import InventoryModel
import PleskAPI
import PleskSimulator
import Reconciliation
import TestSupport
import Testing

@Suite("Reconciliation: WHMCS GetClientsProducts")
struct WHMCSSourceTests {
    static func source(_ whmcs: SimulatedWHMCS, _ url: URL, secret: String? = nil, pageSize: Int = 250) -> WHMCSSource {
        WHMCSSource(
            name: "whmcs", url: url, identifier: whmcs.identifier, secret: secret ?? whmcs.secret,
            tls: PleskTLSOptions(fingerprintSHA256: whmcs.certificate?.sha256Fingerprint), timeout: .seconds(10),
            pageSize: pageSize, interval: .zero)
    }

    static func products(_ count: Int) -> [SimulatedWHMCS.Product] {
        (1...count).map { SimulatedWHMCS.Product(id: $0, domain: "site\($0).example", name: "Plan \($0 % 3)") }
    }

    @Test("600 services over three pages of 250, each requested with its offset")
    func paging() async throws {
        let whmcs = try SimulatedWHMCS(products: Self.products(600))
        try await whmcs.withRunning { url in
            let rows = try await Self.source(whmcs, url).read()
            #expect(rows.count == 600)
            #expect(Set(rows.map(\.subscription)).count == 600)
            #expect(
                rows.first
                    == ExpectedRow(
                        subscription: "site1.example", status: .active, server: "web01.example.com", owner: nil,
                        plan: "Plan 1", ref: "1", source: "whmcs", origin: "WHMCS service 1"))
            #expect(whmcs.requests.map(\.limitStart) == [0, 250, 500])
            #expect(whmcs.requests.allSatisfy { $0.limitNum == 250 && $0.authenticated && $0.action == "GetClientsProducts" })
        }
    }

    @Test("statuses mapped; pending, completed, domain-less and server-less services skipped; servername fallback")
    func mapping() async throws {
        let whmcs = try SimulatedWHMCS(products: [
            .init(id: 1, domain: "a.example", status: "Active"),
            .init(id: 2, domain: "B.Example", status: "Suspended"),
            .init(id: 3, domain: "c.example", status: "Terminated"),
            .init(id: 4, domain: "d.example", status: "Cancelled"),
            .init(id: 5, domain: "e.example", status: "Fraud"),
            .init(id: 6, domain: "f.example", status: "Pending"),
            .init(id: 7, domain: "g.example", status: "Completed"),
            .init(id: 8, domain: "", status: "Active"),
            .init(id: 9, domain: "ssl.example", status: "Active", serverID: 0, serverName: "", serverHostname: ""),
            .init(id: 10, domain: "münchen.example", status: "Active", serverHostname: ""),
            .init(id: 11, domain: "h.example", status: "Active", serverID: 3, serverName: "", serverHostname: ""),
        ])
        try await whmcs.withRunning { url in
            let rows = try await Self.source(whmcs, url, pageSize: 4).read()
            #expect(
                rows.map { "\($0.ref ?? "") \($0.subscription) \($0.status.rawValue) \($0.server ?? "-")" } == [
                    "1 a.example active web01.example.com",
                    "2 b.example suspended web01.example.com",
                    "3 c.example terminated web01.example.com",
                    "4 d.example terminated web01.example.com",
                    "5 e.example terminated web01.example.com",
                    "10 xn--mnchen-3ya.example active web01",
                    "11 h.example active -",
                ])
            #expect(rows.allSatisfy { $0.owner == nil })
        }
    }

    @Test("a wrong secret: unreadable, WHMCS's message, and no credential in the error")
    func authentication() async throws {
        let whmcs = try SimulatedWHMCS(products: Self.products(3))
        try await whmcs.withRunning { url in
            let source = Self.source(whmcs, url, secret: "wrong-secret-value-123")
            let error = await #expect(throws: ExpectedSourceError.self) { try await source.read() }
            #expect(error?.reason == .unreadable)
            let text = error?.description ?? ""
            #expect(text.contains("Authentication Failed"), "\(text)")
            #expect(text.contains("403"), "\(text)")
            #expect(!text.contains("wrong-secret-value-123"))
            #expect(!text.contains(whmcs.identifier))
            #expect(!"\(source)".contains(whmcs.secret))
        }
    }

    @Test(
        "every fault: the right reason and nothing returned",
        arguments: [
            (SimulatedWHMCS.Fault.httpStatus(500), ExpectedSourceError.Reason.unreadable, "HTTP 500"),
            (.httpStatus(502), .unreadable, "HTTP 502"),
            (.html, .unreadable, "text/html"),
            (.truncatedJSON, .malformed, "not JSON"),
            (.errorOnPage(1), .unreadable, "Simulated database error"),
            (.shortPage(0), .malformed, "holds 249 services"),
            (.shortPage(1), .malformed, "holds 249 services"),
        ])
    func faults(fault: SimulatedWHMCS.Fault, reason: ExpectedSourceError.Reason, words: String) async throws {
        let whmcs = try SimulatedWHMCS(products: Self.products(600))
        whmcs.fault = fault
        try await whmcs.withRunning { url in
            let source = Self.source(whmcs, url)
            let error = await #expect(throws: ExpectedSourceError.self) { try await source.read() }
            #expect(error?.reason == reason)
            #expect(error?.detail.contains(words) == true, "\(error?.detail ?? "")")
            #expect(error?.detail.contains(whmcs.secret) == false)
            // Cleared, the same source reads again (a failed read is not cached).
            whmcs.fault = nil
            let again = try await source.read()
            #expect(again.count == 600)
        }
    }

    @Test("no service on a server: empty")
    func empty() async throws {
        let whmcs = try SimulatedWHMCS(products: [.init(id: 1, domain: "ssl.example", serverID: 0, serverName: "", serverHostname: "")])
        try await whmcs.withRunning { url in
            let error = await #expect(throws: ExpectedSourceError.self) { try await Self.source(whmcs, url).read() }
            #expect(error?.reason == .empty)
        }
    }
}
