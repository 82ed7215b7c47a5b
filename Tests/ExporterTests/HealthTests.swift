import HummingbirdTesting
import Testing

@testable import Exporter

@Suite("GET /healthz and /readyz")
struct HealthTests {
    @Test("healthz is always ok; readyz follows the scheduler")
    func readiness() async throws {
        let harness = try await Harness()
        let health = try await harness.request("/healthz")
        #expect(health.status == .ok)
        #expect(health.text == "ok\n")

        var ready = try await harness.request("/readyz")
        #expect(ready.status == .serviceUnavailable)
        #expect(ready.text.contains("scheduler has not started"))

        await harness.status.schedulerStarted()
        ready = try await harness.request("/readyz")
        #expect(ready.status == .serviceUnavailable)
        #expect(ready.text.contains("waiting for the first poll"))

        await harness.status.schedulerFinishedFirstRound()
        ready = try await harness.request("/readyz")
        #expect(ready.status == .ok)
        #expect(ready.text == "ok\n")

        await harness.status.schedulerStopped()
        ready = try await harness.request("/readyz")
        #expect(ready.status == .serviceUnavailable)
        #expect(ready.text.contains("shutting down"))
        #expect(try await harness.request("/healthz").status == .ok)
    }

    @Test("readyz is 503 until the database is attached")
    func databaseNotOpen() async throws {
        let harness = try await Harness()
        let detached = ExporterStatus(configuration: harness.configuration, logger: Harness.logger)
        await detached.schedulerStarted()
        await detached.schedulerFinishedFirstRound()
        let readiness = await detached.readiness
        #expect(readiness == .notReady(reason: "the database is not open yet"))
    }

    @Test("HEAD works on GET endpoints")
    func head() async throws {
        let harness = try await Harness()
        let response = try await harness.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .head)
        }
        #expect(response.status == .ok)
    }
}
