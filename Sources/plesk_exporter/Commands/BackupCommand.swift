import ArgumentParser
import Foundation
import InventoryModel

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a verified online copy of the database (safe while serve runs).",
        discussion: """
            Uses SQLite's online backup API from a read-only connection, checks the copy with PRAGMA integrity_check
            and its schema version, and only then moves it to --output (an existing file there is replaced).
            Restore by stopping the exporter and putting the copy at --storage.path.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Where to write the copy.")
    var output: String

    func run() async throws {
        let logger = global.makeLogger()
        let store = try global.openReadOnlyStore(logger: logger)
        guard URL(fileURLWithPath: output).standardizedFileURL != URL(fileURLWithPath: global.storagePath).standardizedFileURL
        else {
            printError("--output is the database itself; name another file")
            throw ExitCode(1)
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("cannot write the backup to \(output): the directory \(directory) does not exist")
            throw ExitCode(1)
        }
        do {
            let report = try await store.backup(to: output)
            print("backup of \(global.storagePath) written to \(report.path): \(report.bytes) bytes, integrity ok, schema version \(report.schemaVersion)")
        } catch {
            printError("backup failed: \(error)")
            throw ExitCode(1)
        }
    }
}
