import ExporterConfig
import Foundation
import Testing

@Suite("--targets.shard")
struct TargetShardTests {
    static func configuration(_ names: [String]) -> ExporterConfiguration {
        ExporterConfiguration(
            targets: names.map {
                TargetConfiguration(name: $0, url: URL(string: "https://\($0).example:8443")!, credentials: .apiKey(Secret("k")))
            })
    }

    @Test("every target is polled by exactly one of M shards, and the shards are not lopsided", arguments: [1, 2, 3, 7])
    func partition(count: Int) throws {
        let names = (1...300).map { "web\($0).fleet" }
        let configuration = Self.configuration(names)
        let shards = try (1...count).map { try #require(TargetShard(parsing: "\($0)/\(count)")) }
        let assigned = shards.map { configuration.sharded($0).targets.map(\.name) }
        #expect(assigned.flatMap { $0 }.sorted() == names.sorted())
        #expect(Set(assigned.flatMap { $0 }).count == names.count)
        for share in assigned { #expect(share.count > 300 / count / 2, "a shard got \(share.count) of 300") }
    }

    @Test("adding or removing a target moves no other target")
    func stable() throws {
        let shard = try #require(TargetShard(parsing: "2/3"))
        let before = Self.configuration((1...50).map { "web\($0)" }).sharded(shard).targets.map(\.name)
        let grown = Self.configuration((1...51).map { "web\($0)" }).sharded(shard).targets.map(\.name)
        #expect(grown.filter { $0 != "web51" } == before)
        let shrunk = Self.configuration((2...50).map { "web\($0)" }).sharded(shard).targets.map(\.name)
        #expect(shrunk == before.filter { $0 != "web1" })
    }

    @Test("the hash is fixed (FNV-1a 64 of the name): the same names land on the same shards in every version")
    func fixedHash() throws {
        let shard = { (name: String) in (1...4).first { TargetShard(parsing: "\($0)/4")!.contains(name) } }
        // Computed independently (Python): fnv1a64("web01") = 0x6613be2e090dbca6, % 4 = 2 → shard 3; and so on.
        #expect(["web01", "web02", "web03", "plesk.example.com"].map(shard) == [3, 4, 1, 2])
    }

    @Test("N/M parsing", arguments: ["0/3", "4/3", "1/0", "a/b", "1", "1/3/5", "", "-1/3"])
    func rejects(text: String) {
        #expect(TargetShard(parsing: text) == nil)
    }

    @Test func accepts() {
        #expect(TargetShard(parsing: "1/1") == TargetShard(parsing: "1/1"))
        #expect(TargetShard(parsing: "3/3")?.description == "3/3")
    }
}
