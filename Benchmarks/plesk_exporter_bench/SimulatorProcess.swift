import Foundation
import PleskSimulator

/// A simulated server in a child process: this benchmark binary run with `--simulator-child=DOMAINS,CLIENTS,SUBS`.
/// The benchmark can then take its own CPU time as the exporter's: the simulator writing, encrypting and sending the
/// answers (a real Plesk's work, on another machine) is not in it.
final class SimulatorProcess {
    let url: String
    let fingerprint: String?
    private let process = Process()
    private let input = Pipe()

    /// Starts the child and waits until it serves (it generates the inventory with seed 1 first).
    init(domains: Int, clients: Int, subscriptions: Int) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--simulator-child=\(domains),\(clients),\(subscriptions)"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // One line: the URL and the certificate's fingerprint.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        let parts = String(decoding: line, as: UTF8.self).split(separator: " ").map(String.init)
        guard parts.count == 2 else {
            process.terminate()
            throw BenchmarkError("the simulator child did not start")
        }
        url = parts[0]
        fingerprint = parts[1] == "-" ? nil : parts[1]
    }

    deinit { stop() }

    /// Closing its input tells the child to stop.
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The child's side: serves until its input closes (the benchmark stopped or died).
    static func serve(_ spec: String) async throws {
        let numbers = spec.split(separator: ",").compactMap { Int($0) }
        guard numbers.count == 3 else { throw BenchmarkError("--simulator-child=DOMAINS,CLIENTS,SUBSCRIPTIONS") }
        let inventory = PleskInventory.generate(
            domains: numbers[0], clients: numbers[1], subscriptions: numbers[2], seed: 1)
        try await SimulatedPlesk.withRunning(configuration: SubscriptionsBenchmark.configuration, inventory: inventory)
        { plesk in
            FileHandle.standardOutput.write(Data("\(plesk.url) \(plesk.certificateFingerprint ?? "-")\n".utf8))
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                // A thread of its own: a blocking read must not hold one of the few cooperative threads.
                Thread {
                    _ = FileHandle.standardInput.readDataToEndOfFile()
                    done.resume()
                }.start()
            }
        }
    }
}
