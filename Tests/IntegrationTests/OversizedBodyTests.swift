import Foundation
import PleskSimulator
import TestSupport
import Testing

/// A 600 MiB answer from Plesk is refused at the size limit, and the binary never holds it: its peak resident
/// memory stays far below the body's size.
@Suite("End to end: a body over the size limit", .tags(.heavy, .endToEnd))
struct OversizedBodyTests {
    @Test(
        "poll refuses a 600 MiB body at max_response_size without the memory to hold it",
        arguments: [(limit: "16MiB", declaresLength: false), (limit: "16MiB", declaresLength: true)])
    func oversized(limit: String, declaresLength: Bool) async throws {
        let directory = try TemporaryDirectory()
        try await SimulatedPlesk.withRunning(configuration: SimulatedPlesk.quietConfiguration) { plesk in
            plesk.inject(.oversized(bytes: 600 << 20, declaresLength: declaresLength), on: .domains)
            let config = directory.file("plesk_exporter.yml")
            try plesk.writeConfiguration(to: config, global: "max_response_size: \(limit)")
            let output = try await ChildProcess.runMeasuringPeak(
                try exporterBinary(),
                ["poll", "--format", "json", "--config.file", config, "--storage.path", directory.file("plesk.db")])
            #expect(output.status == 1, "\(output.stderr)")
            let reports = try #require(try EndToEndTests.json(output.stdout) as? [[String: Any]])
            let poll = try #require(reports.first?["poll"] as? [String: Any], "\(output.stdout)")
            let error = try #require(poll["error"] as? [String: Any], "\(output.stdout)")
            #expect(error["reason"] as? String == "limit")
            // Streamed (chunked), the body is cut at the limit: the limit, the client's buffers and the runtime, well
            // under the 600 MiB the server offered (≈ 70 MiB). Refused by its Content-Length, nothing of it is kept
            // (≈ 60 MiB).
            #expect(output.peakResidentKiB < 160 * 1024, "peak RSS \(output.peakResidentKiB / 1024) MiB")
            print("oversized body (\(declaresLength ? "Content-Length" : "chunked")): refused, peak RSS "
                + "\(output.peakResidentKiB / 1024) MiB")
        }
    }
}
