import Foundation
import Reports
import TestSupport
import Testing

/// `--output`: a temporary file renamed into place.
@Suite("Reports: writing the file")
struct ReportFileTests {
    func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test("replaces the file by renaming a complete temporary file, and leaves nothing else behind")
    func atomicReplace() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("report.md", "old report\n")
        let before = try inode(path)
        try ReportFile.write("# new report\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# new report\n")
        #expect(try inode(path) != before, "written in place instead of renamed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.md"])
    }

    @Test("a directory that does not exist is an error that names it, and nothing is created")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/report.md")
        do {
            try ReportFile.write("x", to: path)
            Issue.record("wrote into a missing directory")
        } catch {
            #expect(error.code == .output)
            #expect(error.message.contains(directory.file("missing")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
