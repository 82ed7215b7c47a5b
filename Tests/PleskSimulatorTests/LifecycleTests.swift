import AsyncHTTPClient
import Foundation
import PleskSimulator
import Synchronization
import Testing
import TestSupport

@Suite struct LifecycleTests {
    @Test func withRunningStopsTheServer() async throws {
        let reported = Mutex<[Int]>([])
        var configuration = SimulatedPlesk.Configuration(tls: .disabled)
        configuration.onServerRunning = { port in reported.withLock { $0.append(port) } }
        let plesk = try SimulatedPlesk(configuration: configuration)
        #expect(plesk.port == 0)
        let port = try await plesk.withRunning { plesk throws in
            #expect(plesk.port > 0)
            #expect(try await plesk.waitUntilRunning() == plesk.port)
            return plesk.port
        }
        #expect(reported.withLock { $0 } == [port])
        try await withTestClient { client throws in
            await #expect(throws: (any Error).self) { _ = try await client.fetch(plesk, "/api/v2/server") }
            return ()
        }

        // A restart binds the same port and keeps the state.
        try await plesk.withRunning { plesk throws in
            #expect(plesk.port == port)
            try await withTestClient { client throws in
                #expect(try await client.fetch(plesk, "/api/v2/server").status == 200)
            }
        }
        #expect(plesk.requestCount(.server) == 1)
    }

    @Test func hangingRequestDoesNotBlockShutdown() async throws {
        let start = ContinuousClock.now
        try await withTestClient(readTimeout: 60) { client throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                try await SimulatedPlesk.withRunning(configuration: .init(tls: .disabled)) { plesk throws in
                    plesk.inject(.hang, on: .domains)
                    plesk.inject(.delay(.seconds(60)), on: .clients)
                    group.addTask { _ = try? await client.fetch(plesk, "/api/v2/domains", timeout: 60) }
                    group.addTask { _ = try? await client.fetch(plesk, "/api/v2/clients", timeout: 60) }
                    let arrived = try await eventually {
                        plesk.requestCount(.domains) == 1 && plesk.requestCount(.clients) == 1
                    }
                    #expect(arrived)
                }
                try await group.waitForAll()
            }
        }
        // Well under the 60 s the requests would otherwise hang, with room for a loaded machine.
        #expect(ContinuousClock.now - start < .seconds(45))
    }

    @Test func bindFailureIsReported() async throws {
        try await SimulatedPlesk.withRunning(configuration: .init(tls: .disabled)) { first in
            let clash = SimulatedPlesk.Configuration(port: first.port, tls: .disabled)
            await #expect(throws: (any Error).self) {
                try await SimulatedPlesk.withRunning(configuration: clash) { _ in }
            }
        }
    }

    @Test func runUntilCancelled() async throws {
        let plesk = try SimulatedPlesk(configuration: .init(tls: .disabled))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await plesk.run() }
            let port = try await plesk.waitUntilRunning()
            #expect(port == plesk.port)
            try await withTestClient { client throws in
                #expect(try await client.fetch(plesk, "/api/v2/server").status == 200)
            }
            group.cancelAll()
            try? await group.waitForAll()
        }
    }
}
