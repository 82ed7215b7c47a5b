import Foundation
import TestSupport
import Testing

/// Runs `promtool check metrics` on an exposition. A missing promtool is a test failure, never a silent pass.
enum Promtool {
    static let candidates = ["/usr/bin/promtool", "/usr/local/bin/promtool", "/bin/promtool"]

    /// promtool's combined output (empty when it found nothing) and its exit status.
    static func checkMetrics(_ text: String) throws -> (output: String, status: Int32) {
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("promtool is not installed (apt-get install prometheus)")
            return ("promtool is not installed", -1)
        }
        // promtool reads the exposition from stdin; a file avoids any pipe-buffer deadlock with large scrapes.
        let directory = try TemporaryDirectory()
        let inputPath = directory.file("metrics.prom")
        try Data(text.utf8).write(to: URL(fileURLWithPath: inputPath))
        let input = try #require(FileHandle(forReadingAtPath: inputPath))
        defer { try? input.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
