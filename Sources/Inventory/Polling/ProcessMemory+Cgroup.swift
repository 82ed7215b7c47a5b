import Foundation

extension ProcessMemory {
    /// The memory limit of the process's control group: the smallest `memory.max` (cgroup v2) or
    /// `memory.limit_in_bytes` (v1) from its own group up to the root; nil when there is none (no cgroup, "max",
    /// or v1's "unlimited" of 2^63 rounded to pages).
    ///
    /// A container's limit, and systemd's `MemoryMax=`, are set on a group the process is in or under, so the
    /// walk up finds them whichever group the runtime put the process in.
    /// - Parameters:
    ///   - cgroupFile: `/proc/self/cgroup`; a test passes a file of its own.
    ///   - mountPoint: where the cgroup file systems are mounted.
    public static func cgroupLimit(cgroupFile: String = "/proc/self/cgroup", mountPoint: String = "/sys/fs/cgroup")
        -> Int?
    {
        guard let membership = try? String(contentsOfFile: cgroupFile, encoding: .utf8) else { return nil }
        var limits: [Int] = []
        for line in membership.split(separator: "\n") {
            // "0::/system.slice/plesk_exporter.service" (v2) or "7:memory:/docker/abc" (v1).
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let (controllers, path) = (fields[1], String(fields[2]))
            if controllers.isEmpty {
                // Hybrid hierarchies mount v2 under "unified".
                for root in [mountPoint, mountPoint + "/unified"] { limits += walkUp(path, root: root, file: "memory.max") }
            } else if controllers.split(separator: ",").contains("memory") {
                limits += walkUp(path, root: mountPoint + "/memory", file: "memory.limit_in_bytes")
            }
        }
        return limits.min()
    }

    /// The limits in `file` of the group at `path` and of each group above it.
    private static func walkUp(_ path: String, root: String, file: String) -> [Int] {
        var components = path.split(separator: "/").map(String.init)
        var limits: [Int] = []
        while true {
            let directory = ([root] + components).joined(separator: "/")
            if let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8),
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                value > 0, value < 1 << 60
            {
                limits.append(value)
            }
            guard !components.isEmpty else { break }
            components.removeLast()
        }
        return limits
    }
}
