import Foundation
import NIOCore
import PleskAPI
import PleskSimulator
import Testing

/// The streaming list scan (what the poller uses) against the whole-body decode, through the real client.
@Suite("Live: streaming list scan")
struct LiveScanTests {
    @Test("the scan decodes what the whole decode does, and a known list decodes nothing")
    func sameObjects() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk) { client in
                let domains = try await client.domains()
                let scanned = try await client.scanDomains(known: .none)
                #expect(scanned.decodedElements == domains)
                #expect(scanned.count == domains.count)

                let again = try await client.scanDomains(known: KnownFingerprints(key: KnownFingerprints.none.key, scanned.fingerprints))
                #expect(again.fingerprints == scanned.fingerprints)
                #expect(again.decodedCount == 0)

                // One renamed domain: exactly that one is decoded, at its position.
                let renamed = try #require(plesk.inventory.domains.dropFirst(2).first)
                try plesk.renameDomain(id: renamed.id, to: "renamed.example")
                let changed = try await client.scanDomains(known: KnownFingerprints(key: KnownFingerprints.none.key, scanned.fingerprints))
                #expect(changed.decodedCount == 1)
                #expect(changed.element(at: 2)?.name == "renamed.example")
                #expect(changed.element(at: 0) == nil)
            }
        }
    }

    static let faults: [(SimulatedPlesk.Fault, PleskAPIError.Reason)] = [
        (.html, .decode), (.truncated, .decode), (.malformedJSON, .decode), (.wrongShape(.object), .decode),
        (.wrongShape(.arrayOfStrings), .decode), (.missingField("guid"), .decode), (.unauthorized, .auth),
        (.status(502), .http), (.oversized(bytes: 4 << 20, declaresLength: false), .limit),
        (.oversized(bytes: 4 << 20, declaresLength: true), .limit),
    ]

    @Test("every bad body fails the scan with the reason the whole decode gives", arguments: faults.indices)
    func sameFailures(index: Int) async throws {
        let (fault, reason) = Self.faults[index]
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            try await LiveHarness.withClient(of: plesk, maxResponseBytes: 1 << 20) { client in
                let known = KnownFingerprints(key: KnownFingerprints.none.key, try await client.scanDomains(known: .none).fingerprints)
                plesk.inject(fault, on: .domains)
                let whole = await LiveHarness.expectFailure(reason, on: .domains) { try await client.domains() }
                let scanned = await LiveHarness.expectFailure(reason, on: .domains) {
                    try await client.scanDomains(known: known)
                }
                #expect(scanned?.status == whole?.status)
                if reason == .decode, fault != .truncated {
                    #expect(scanned?.detail == whole?.detail)
                }
            }
        }
    }

    @Test("an empty list scans as empty")
    func emptyList() async throws {
        try await SimulatedPlesk.withRunning(configuration: LiveHarness.plainHTTP()) { plesk in
            plesk.inject(.emptyList, on: .domains)
            try await LiveHarness.withClient(of: plesk) { client in
                let list = try await client.scanDomains(known: .none)
                #expect(list.count == 0)
            }
        }
    }
}
