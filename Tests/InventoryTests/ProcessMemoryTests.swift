import Foundation
import TestSupport
import Testing

@testable import Inventory

/// The memory limit read from the process's control groups, on fake cgroup trees.
@Suite("Process memory: cgroup limit")
struct ProcessMemoryTests {
    static func tree(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for (path, text) in files { try directory.write(path, text) }
        return directory
    }

    @Test("cgroup v2: the smallest memory.max from the process's group up; \"max\" is no limit")
    func v2() throws {
        let root = try Self.tree([
            "proc": "0::/system.slice/plesk_exporter.service\n",
            "fs/memory.max": "max\n",
            "fs/system.slice/memory.max": "2147483648\n",
            "fs/system.slice/plesk_exporter.service/memory.max": "536870912\n",
        ])
        #expect(ProcessMemory.cgroupLimit(cgroupFile: root.file("proc"), mountPoint: root.file("fs")) == 536_870_912)
        let unlimited = try Self.tree(["proc": "0::/a\n", "fs/a/memory.max": "max\n"])
        #expect(ProcessMemory.cgroupLimit(cgroupFile: unlimited.file("proc"), mountPoint: unlimited.file("fs")) == nil)
    }

    @Test("cgroup v1 and hybrid: memory.limit_in_bytes, its 'unlimited' ignored; v2 under unified")
    func v1() throws {
        let root = try Self.tree([
            "proc": "4:memory:/docker/abc\n0::/\n",
            "fs/memory/memory.limit_in_bytes": "9223372036854771712\n",
            "fs/memory/docker/abc/memory.limit_in_bytes": "268435456\n",
        ])
        #expect(ProcessMemory.cgroupLimit(cgroupFile: root.file("proc"), mountPoint: root.file("fs")) == 268_435_456)
        let hybrid = try Self.tree(["proc": "4:memory:/\n0::/k\n", "fs/unified/k/memory.max": "1073741824\n"])
        #expect(ProcessMemory.cgroupLimit(cgroupFile: hybrid.file("proc"), mountPoint: hybrid.file("fs")) == 1_073_741_824)
        #expect(ProcessMemory.cgroupLimit(cgroupFile: root.file("missing"), mountPoint: root.file("fs")) == nil)
    }
}
