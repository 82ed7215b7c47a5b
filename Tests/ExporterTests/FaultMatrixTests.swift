import ExporterConfig
import Foundation
import Logging
import PleskAPI
import PleskSimulator
import InventoryModel
import TestSupport
import Testing

@testable import Exporter

/// Every fault the simulator injects, on `/domains` and on `/clients`, seen by the whole exporter (runtime, status,
/// telemetry, store): it keeps serving the last known inventory with `plesk_up 0`, counts the failure under its
/// reason, raises no event, and the next good poll recovers and records what changed meanwhile — exactly once.
@Suite("Faults from Plesk, through the whole exporter", .tags(.heavy))
struct FaultMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fault: SimulatedPlesk.Fault
        /// nil: not a failure (an empty list is a complete poll whose removals are held).
        var reason: PleskAPIError.Reason?
        /// A deadline fault: the target's timeout is short so the test does not wait long.
        var deadline = false
        var testDescription: String { "\(fault) → \(reason?.rawValue ?? "held")" }
    }

    static let cases: [Case] = [
        Case(fault: .delay(.seconds(30)), reason: .timeout, deadline: true),
        Case(fault: .hang, reason: .timeout, deadline: true),
        Case(fault: .stalledBody, reason: .timeout, deadline: true),
        Case(fault: .unauthorized, reason: .auth),
        Case(fault: .forbidden(), reason: .auth),
        Case(fault: .licenseRestriction, reason: .http),
        Case(fault: .notInitialized(), reason: .http),
        Case(fault: .status(502), reason: .http),
        Case(fault: .redirect(location: "https://login.example/"), reason: .http),
        Case(fault: .html, reason: .decode),
        Case(fault: .truncated, reason: .decode),
        Case(fault: .malformedJSON, reason: .decode),
        Case(fault: .wrongShape(.object), reason: .decode),
        Case(fault: .wrongShape(.arrayOfStrings), reason: .decode),
        Case(fault: .missingField("guid"), reason: .decode),
        Case(fault: .oversized(bytes: 4 << 20, declaresLength: true), reason: .limit),
        Case(fault: .oversized(bytes: 4 << 20, declaresLength: false), reason: .limit),
        Case(fault: .connectionReset, reason: .connect),
        Case(fault: .emptyList, reason: nil),
    ]

    static let logger = Logger(label: "fault-matrix", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("the exporter survives the fault and recovers", arguments: cases, [SimulatedPlesk.Endpoint.domains, .clients])
    func fault(_ testCase: Case, on endpoint: SimulatedPlesk.Endpoint) async throws {
        let plesk = try SimulatedPlesk(
            configuration: .init(tls: .disabled, logger: Self.logger),
            inventory: .generate(domains: 30, clients: 8, seed: 5))
        try await plesk.withRunning { plesk in
            let directory = try TemporaryDirectory()
            let configuration = ExporterConfiguration(
                global: GlobalSettings(maxResponseBytes: 1 << 20),
                targets: [
                    TargetConfiguration(
                        name: "sim", url: try #require(URL(string: plesk.url)),
                        credentials: .apiKey(Secret(SimulatedPlesk.Configuration.defaultAPIKey)),
                        // Generous unless the deadline is what is tested: a loaded 2-core machine must not turn
                        // another fault into a timeout.
                        // REST faults only: XML API faults fail their kind alone (SubscriptionWalkTests).
                        timeout: testCase.deadline ? .seconds(2) : .seconds(60),
                        collect: .init(owners: false, subscriptions: false, servicePlans: false))
                ])
            let telemetry = ExporterTelemetry(configuration: configuration)
            let status = ExporterStatus(configuration: configuration, telemetry: telemetry, logger: Self.logger)
            let runtime = try await ExporterRuntime.build(
                configuration: configuration, storagePath: directory.file("exporter.db"), logger: Self.logger,
                listener: status, requestObserver: telemetry.requestObserver)
            do {
                try await status.attach(runtime.store)
                try await exercise(testCase, on: endpoint, plesk: plesk, runtime: runtime, status: status, telemetry: telemetry)
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
        }
    }

    /// Baseline, the fault with a change on the server meanwhile, then recovery.
    private func exercise(
        _ testCase: Case, on endpoint: SimulatedPlesk.Endpoint, plesk: SimulatedPlesk, runtime: ExporterRuntime,
        status: ExporterStatus, telemetry: ExporterTelemetry
    ) async throws {
        func metrics() async -> String {
            String(decoding: MetricsExposition.render(await status.snapshot(), telemetry: telemetry), as: UTF8.self)
        }
        func eventCount() async throws -> Int {
            try await runtime.store.events(EventQuery(includeBaseline: true, limit: 10_000)).count
        }

        // A baseline, then a change on the server while it misbehaves.
        #expect(await runtime.pollOnce().first?.succeeded == true)
        let baselineEvents = try await eventCount()
        let inventoryBefore = try await runtime.store.inventory(target: "sim", kind: nil, at: nil).count
        let countsBefore = Self.series(await metrics(), prefix: "plesk_domains{")
        // Of the kind whose list misbehaves, so that an empty list (a complete poll) cannot see it either.
        let added = endpoint == .domains ? "added-during-fault.example" : "addedduringfault"
        if endpoint == .domains { try plesk.addDomain(added) } else { try plesk.addClient(login: added) }
        plesk.inject(testCase.fault, on: endpoint, times: 1)

        let failed = try #require(await runtime.pollOnce().first)
        let text = await metrics()
        if let reason = testCase.reason {
            #expect(!failed.succeeded)
            #expect(failed.error?.reason == reason, "\(String(describing: failed.error))")
            #expect(text.contains("plesk_up{target=\"sim\"} 0"))
            #expect(text.contains("plesk_poll_errors_total{target=\"sim\",reason=\"\(reason.rawValue)\"} 1"))
            #expect(text.contains("plesk_polls_total{target=\"sim\",result=\"failure\"} 1"))
        } else {
            // An empty list from a server that had objects is a complete poll whose removals are all held.
            #expect(failed.succeeded)
            #expect(text.contains("plesk_up{target=\"sim\"} 1"))
            let kind = endpoint == .domains ? "domain" : "client"
            #expect(!text.contains("plesk_removals_held{target=\"sim\",object=\"\(kind)\"} 0"))
        }
        // The last known data is served unchanged, and nothing happened as far as the events know.
        #expect(try await eventCount() == baselineEvents)
        #expect(try await runtime.store.inventory(target: "sim", kind: nil, at: nil).count == inventoryBefore)
        if testCase.reason != nil {
            #expect(Self.series(text, prefix: "plesk_domains{") == countsBefore)
        }

        // The next good poll recovers and records the one real change, once.
        let recovered = try #require(await runtime.pollOnce().first)
        #expect(recovered.succeeded, "\(String(describing: recovered.error))")
        #expect(recovered.events.map { "\($0.change.rawValue) \($0.name)" } == ["added \(added)"])
        let after = await metrics()
        #expect(after.contains("plesk_up{target=\"sim\"} 1"))
        #expect(after.contains("plesk_removals_held{target=\"sim\",object=\"domain\"} 0"))
        #expect(after.contains("plesk_removals_held{target=\"sim\",object=\"client\"} 0"))
        #expect(try await eventCount() == baselineEvents + 1)
    }

    /// The lines of one metric family, for comparing values across polls.
    static func series(_ text: String, prefix: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }
}
