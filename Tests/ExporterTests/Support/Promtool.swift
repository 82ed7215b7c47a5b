import Foundation

#if canImport(Glibc)
    import Glibc
#endif
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
        let outputPath = directory.file("promtool.out")
        // posix_spawn and waitpid, not Foundation's Process: Process learns of the exit through Dispatch, and with
        // the cooperative pool saturated by the suites running in parallel the exit once went unnoticed and the
        // whole test run hung.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup("check"), strdup("metrics"), nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            Issue.record("cannot start promtool: \(String(cString: strerror(spawned)))")
            return ("cannot start promtool", -1)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let data = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        return (String(decoding: data, as: UTF8.self), (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
}
