import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The exporter binary running in the background, its standard output and error appended to a log file.
///
/// Killed with SIGKILL when released unless ``stop(_:)`` saw it end, so a failing test leaves no process behind.
/// Keep it referenced until the test is done with the process.
final class ExporterProcess {
    let pid: pid_t
    /// The file its output goes to.
    let log: String
    private var exited = false

    /// Starts the binary with `arguments`.
    init(_ arguments: [String], log: String, environment: [String: String] = [:]) throws {
        pid = try ChildProcess.start(try exporterBinary(), arguments, logFile: log, environment: environment)
        self.log = log
    }

    /// Starts `serve` with `arguments`, listening on a port the OS chooses (``port(matching:)`` learns it).
    static func serve(_ arguments: [String], log: String, environment: [String: String] = [:]) throws -> ExporterProcess {
        try ExporterProcess(
            ["serve"] + arguments + ["--web.listen-address", "127.0.0.1:0"], log: log, environment: environment)
    }

    /// What it has printed so far.
    var output: String { ChildProcess.output(log) }

    /// Waits (up to 60 s) until the output matches `pattern` and returns the first capture as a port: by default the
    /// port of serve's `listening` line.
    func port(matching pattern: String = #"port=(\d+)"#) async throws -> Int {
        let regex = try NSRegularExpression(pattern: pattern)
        var port: Int?
        _ = await eventually(within: .seconds(60)) {
            let text = output
            guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range(at: 1), in: text)
            else { return false }
            port = Int(text[range])
            return true
        }
        return try #require(port, "no match for \(pattern) in: \(output.suffix(2000))")
    }

    /// Sends `signal` and waits for the process to end; returns its exit code, or 128 + the signal that ended it.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) async -> Int32 {
        kill(pid, signal)
        let status = await ChildProcess.waitForExit(pid)
        exited = true
        return status
    }

    deinit {
        if !exited { kill(pid, SIGKILL) }
    }
}
