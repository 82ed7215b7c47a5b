import Foundation
import PleskSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// A real `plesk_exporter serve` child process, and what `/proc` says about it. The fleet benchmark measures the
/// exporter from outside, as an operator would: the simulator's work in this process never counts.
final class ServeProcess {
    let process = Process()
    let port: Int
    let database: String
    /// When the child was started: the figures "seconds after start" count from here.
    let started: ContinuousClock.Instant
    var pid: Int32 { process.processIdentifier }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `serve` on a free loopback port; its log (errors only) goes to `serve.log` beside the database.
    init(binary: String, config: String, database: String) throws {
        port = try FreePort.next()
        self.database = database
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--config.file", config, "--storage.path", database, "--web.listen-address",
            "127.0.0.1:\(port)", "--log.level", "error",
        ]
        let log = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("serve.log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        started = .now
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Seconds since the child was started.
    func elapsed() -> Double { Self.seconds(ContinuousClock.now - started) }

    /// A `/proc/PID/status` field in KiB (`VmRSS:`, `VmHWM:`, `RssAnon:`); 0 once the process is gone.
    static func statusKiB(_ pid: Int32, _ field: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return 0 }
        return Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    /// User plus system CPU seconds of the process so far (`/proc/PID/stat` utime + stime).
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // After the command name: state is field 3, utime field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Writing 5 to `clear_refs` resets `VmHWM`: what follows is the peak of what comes next alone.
    func resetPeak() {
        try? "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The database and its write-ahead log, in bytes.
    func databaseBytes() -> (main: Int, wal: Int) {
        func size(_ path: String) -> Int {
            (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        return (size(database), size(database + "-wal"))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
