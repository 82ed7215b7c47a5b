import Testing

@testable import Inventory

/// The owner map kept between polls answers as the dictionary it was made from.
@Suite struct OwnerMapTests {
    @Test func answersAsTheDictionaryItWasMadeFrom() {
        var random = SystemRandomNumberGenerator()
        let logins = ["admin", "alice", "bob", "a-reseller-with-a-long-login", "münchen"]
        var owners: [Int: String] = [:]
        for _ in 0..<500 { owners[Int.random(in: -5...5_000, using: &random)] = logins.randomElement(using: &random)! }
        let map = OwnerMap(owners)
        #expect(map.count == owners.count)
        #expect(map.dictionary == owners)
        for id in -10...5_010 { #expect(map[id] == owners[id]) }
    }

    @Test func emptyAndSingle() {
        #expect(OwnerMap()[1] == nil)
        #expect(OwnerMap().dictionary.isEmpty)
        #expect(OwnerMap([7: "alice"])[7] == "alice")
        #expect(OwnerMap([7: "alice"])[6] == nil)
    }
}
