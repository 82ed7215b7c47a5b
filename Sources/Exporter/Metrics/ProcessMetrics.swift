import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The standard `process_*` metrics, read from `/proc` on each scrape (Linux only; elsewhere nothing is written).
///
/// swift-prometheus has no process collector, so this mirrors what client_golang's exports under the same names.
struct ProcessMetrics: Sendable, Hashable {
    var cpuSeconds: Double
    var residentMemoryBytes: Double
    var virtualMemoryBytes: Double
    var openFDs: Int
    var maxFDs: Int?
    var startTimeSeconds: Double

    /// A sample of the current process, or nil where `/proc` is unavailable.
    static func sample() -> ProcessMetrics? {
        #if os(Linux)
            guard let stat = read("/proc/self/stat"), let boot = bootTime else { return nil }
            // The command name (field 2) may contain spaces and parentheses: split after the last ")".
            guard let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // fields[0] is field 3 (state): utime = field 14, stime 15, starttime 22, vsize 23, rss 24.
            guard fields.count > 21, let utime = Double(fields[11]), let stime = Double(fields[12]),
                let start = Double(fields[19]), let vsize = Double(fields[20]), let rss = Double(fields[21])
            else { return nil }
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            let page = Double(sysconf(Int32(_SC_PAGESIZE)))
            guard ticks > 0, page > 0 else { return nil }
            let openFDs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
            var limit = rlimit()
            let maxFDs = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : nil
            return ProcessMetrics(
                cpuSeconds: (utime + stime) / ticks, residentMemoryBytes: rss * page, virtualMemoryBytes: vsize,
                openFDs: openFDs, maxFDs: maxFDs, startTimeSeconds: boot + start / ticks)
        #else
            return nil
        #endif
    }

    func write(into text: inout MetricsText) {
        text.family(
            "process_cpu_seconds_total", type: .counter, help: "Total user and system CPU time spent in seconds.")
        text.sample("process_cpu_seconds_total", [], cpuSeconds)
        text.family("process_resident_memory_bytes", type: .gauge, help: "Resident memory size in bytes.")
        text.sample("process_resident_memory_bytes", [], residentMemoryBytes)
        text.family("process_virtual_memory_bytes", type: .gauge, help: "Virtual memory size in bytes.")
        text.sample("process_virtual_memory_bytes", [], virtualMemoryBytes)
        text.family("process_open_fds", type: .gauge, help: "Number of open file descriptors.")
        text.sample("process_open_fds", [], openFDs)
        if let maxFDs {
            text.family("process_max_fds", type: .gauge, help: "Maximum number of open file descriptors.")
            text.sample("process_max_fds", [], maxFDs)
        }
        text.family(
            "process_start_time_seconds", type: .gauge, help: "Start time of the process since unix epoch in seconds.")
        text.sample("process_start_time_seconds", [], startTimeSeconds)
    }

    private static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// System boot time (`btime` in `/proc/stat`), read once: it does not change while the process runs.
    private static let bootTime: Double? = {
        guard let stat = read("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }()
}
