import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the exporter binary with posix_spawn, waiting and reading on threads of its own.
///
/// Foundation's `Process` learns of a child's exit through Dispatch's global queues; with the cooperative pool busy
/// serving the in-process simulator and those queues' few threads blocked in reads, the exit went unnoticed and the
/// suite hung. Nothing here depends on a shared thread.
enum ChildProcess {
    struct Output {
        /// Exit code, or 128 + signal number when a signal ended the process.
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident memory of the process in KiB, when run by ``runMeasuringPeak(_:_:environment:)``.
        var peakResidentKiB: Int = 0
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the binary to completion and returns its exit status and output.
    static func run(
        _ binary: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    ) async throws -> Output {
        let input = try makePipe()
        let out = try makePipe()
        let err = try makePipe()
        let pid = try spawn(binary, arguments, environment: environment, stdin: input.read, stdout: out.write, stderr: err.write)
        close(input.read)
        close(out.write)
        close(err.write)
        if let stdin {
            let bytes = Array(stdin.utf8)
            _ = bytes.withUnsafeBytes { write(input.write, $0.baseAddress, $0.count) }
        }
        close(input.write)
        async let stdout = onOwnThread { readAll(out.read) }
        async let stderr = onOwnThread { readAll(err.read) }
        let (outData, errData) = await (stdout, stderr)
        let status = await waitForExit(pid)
        return Output(
            status: status, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// ``run(_:_:environment:stdin:)`` with the binary's own peak resident memory in `peakResidentKiB`.
    ///
    /// A child's `ru_maxrss` cannot be had directly: posix_spawn starts the child in the parent's address space
    /// (`CLONE_VM`), and at exec Linux folds that space's high-water mark into the child's `ru_maxrss` — so a child
    /// of this test process reports at least the test process's own peak (the simulators, earlier tests' inventories:
    /// 715 MiB once for a `poll` that used 60). A small Python process forks (its copy is a few MiB), execs the binary
    /// and reports the `ru_maxrss` of that grandchild.
    static func runMeasuringPeak(
        _ binary: String, _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> Output {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("peak-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                try:
                    os.execv(sys.argv[2], sys.argv[2:])
                finally:
                    os._exit(127)
            _, status, usage = os.wait4(pid, 0)
            with open(sys.argv[1], "w") as f:
                f.write(str(usage.ru_maxrss))
            code = os.waitstatus_to_exitcode(status)
            os._exit(code if code >= 0 else 128 - code)
            """
        var output = try await run("/usr/bin/python3", ["-c", script, report, binary] + arguments, environment: environment)
        guard let text = try? String(contentsOfFile: report, encoding: .utf8), let peak = Int(text) else {
            throw SpawnError(description: "the peak of \(binary) was not reported: \(output.stderr)")
        }
        output.peakResidentKiB = peak
        return output
    }

    /// Starts the binary in the background with its output discarded; returns its pid.
    static func start(_ binary: String, _ arguments: [String]) throws -> pid_t {
        let null = open("/dev/null", O_RDWR)
        guard null >= 0 else { throw SpawnError(description: "cannot open /dev/null") }
        defer { close(null) }
        return try spawn(binary, arguments, environment: [:], stdin: null, stdout: null, stderr: null)
    }

    /// Starts the binary in the background with standard output and error appended to `logFile`; returns its pid.
    /// Read the file with ``output(_:)`` to learn what it printed (a bound port, a URL) while it runs.
    static func start(_ binary: String, _ arguments: [String], logFile: String, environment: [String: String] = [:])
        throws -> pid_t
    {
        let null = open("/dev/null", O_RDONLY)
        let log = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer {
            close(null)
            close(log)
        }
        guard null >= 0, log >= 0 else { throw SpawnError(description: "cannot open /dev/null or \(logFile)") }
        return try spawn(binary, arguments, environment: environment, stdin: null, stdout: log, stderr: log)
    }

    /// What a process started with ``start(_:_:logFile:environment:)`` has printed so far.
    static func output(_ logFile: String) -> String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    /// Waits for the process to end; returns its exit code, or 128 + the signal that ended it.
    static func waitForExit(_ pid: pid_t) async -> Int32 {
        await onOwnThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }

    private static func spawn(
        _ binary: String, _ arguments: [String], environment: [String: String], stdin: Int32, stdout: Int32,
        stderr: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0.key)=\($0.value)" }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard result == 0 else { throw SpawnError(description: "posix_spawn \(binary) failed: \(String(cString: strerror(result)))") }
        return pid
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(description: "pipe() failed") }
        // Keep our ends out of other children spawned concurrently by parallel tests.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(fd)
        return data
    }

    /// Runs a blocking call on a new thread and resumes with its result.
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }
}
