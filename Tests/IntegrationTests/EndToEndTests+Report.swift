import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension EndToEndTests {
    @Test("report: every format, --output written atomically, and bad input exits non-zero without a file")
    func report() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.file("plesk_exporter.yml")
        let common = ["--config.file", config, "--storage.path", directory.file("data/plesk.db")]
        try await Self.withSimulators(1) { simulators in
            try Self.writeConfig(simulators, to: config)
            #expect(try await Self.run(["poll"] + common).status == 0)
            try simulators[0].addDomain("added1.example")
            #expect(try await Self.run(["poll"] + common).status == 0)

            // Markdown (the default) into a file that already exists: replaced by a rename, nothing left beside it.
            let reports = directory.file("reports")
            try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: true)
            let markdownPath = try directory.write("reports/weekly.md", "last week's report\n")
            let oldInode = try inode(markdownPath)
            let markdown = try await Self.run(["report", "--output", markdownPath] + common)
            #expect(markdown.status == 0, "\(markdown.stderr)")
            #expect(markdown.stdout.isEmpty)
            let written = try String(contentsOfFile: markdownPath, encoding: .utf8)
            #expect(written.hasPrefix("# Plesk inventory report\n"))
            #expect(written.contains("Baseline recorded: "))
            #expect(
                written.split(separator: "\n").contains {
                    $0.contains("| domain ") && $0.contains("| added ") && $0.contains("| added1.example ")
                })
            #expect(try inode(markdownPath) != oldInode, "the file was rewritten in place")
            #expect(try FileManager.default.contentsOfDirectory(atPath: reports) == ["weekly.md"])

            let html = try await Self.run(
                ["report", "--format", "html", "--output", directory.file("reports/weekly.html")] + common)
            #expect(html.status == 0, "\(html.stderr)")
            let page = try String(contentsOfFile: directory.file("reports/weekly.html"), encoding: .utf8)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("added1.example") && page.contains("<svg "))

            // {date} in --output is the period's end date, UTC (what the weekly timer uses for dated files).
            try FileManager.default.createDirectory(atPath: directory.file("dated"), withIntermediateDirectories: true)
            let dated = try await Self.run(
                ["report", "--format", "csv", "--output", directory.file("dated/plesk-report-{date}.csv")] + common)
            #expect(dated.status == 0, "\(dated.stderr)")
            let today = Date().formatted(.iso8601.year().month().day().dateSeparator(.dash))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("dated")) == ["plesk-report-\(today).csv"])

            let csv = try await Self.run(["report", "--format", "csv", "--target", "web01"] + common)
            #expect(csv.status == 0)
            let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.count == 3, "header, the domain and its subscription")
            #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("web01,") })
            #expect(rows.contains { $0.contains(",domain,added,added1.example,") })
            #expect(rows.contains { $0.contains(",subscription,added,added1.example,") })

            let json = try await Self.run(["report", "--format", "json", "--since", "1h"] + common)
            let object = try #require(try Self.json(json.stdout) as? [String: Any])
            let targets = try #require(object["targets"] as? [[String: Any]])
            #expect(targets.compactMap { $0["target"] as? String } == ["web01"])
            #expect((targets.first?["changes"] as? [[String: Any]])?.first?["name"] as? String == "added1.example")

            // The same database gives the same bytes.
            let to = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
            let first = try await Self.run(["report", "--to", to] + common)
            let second = try await Self.run(["report", "--to", to] + common)
            #expect(first.status == 0 && first.stdout == second.stdout)

            // Bad input: a clear message, a non-zero exit, and no file (an existing one is left alone).
            let keep = try directory.write("reports/keep.md", "keep\n")
            let bad: [(arguments: [String], status: Int32, message: String)] = [
                (["--target", "nope"], 1, "unknown target 'nope': the database knows web01"),
                (["--from", "2000-01-01T00:00:00Z", "--to", "2000-01-08T00:00:00Z"], 1, "the first poll was at "),
                (["--from", "2027-01-08T00:00:00Z", "--to", "2027-01-01T00:00:00Z"], 64, "starts after it ends"),
                (["--since", "1d", "--from", "2d"], 64, "--since and --from"),
                (["--format", "pdf"], 64, "pdf"),
                (["--to", "tomorrow"], 64, "--to"),
            ]
            for (index, bad) in bad.enumerated() {
                let path = directory.file("reports/bad\(index).md")
                for output in [path, keep] {
                    let result = try await Self.run(["report", "--output", output] + bad.arguments + common)
                    #expect(result.status == bad.status, "\(bad.arguments): \(result.stderr)")
                    #expect(result.stderr.contains(bad.message), "\(bad.arguments): \(result.stderr)")
                }
                #expect(!FileManager.default.fileExists(atPath: path))
            }
            #expect(try String(contentsOfFile: keep, encoding: .utf8) == "keep\n")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: reports).sorted() == [
                    "keep.md", "weekly.html", "weekly.md",
                ])

            let missing = try await Self.run(["report", "--storage.path", directory.file("missing.db")])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("no database at"))
        }
    }

    private func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }
}
