import Testing

@testable import Inventory

@Suite("Tally")
struct TallyTests {
    @Test("counts a few values and many alike, past its short list too")
    func counts() {
        var tally = Tally<String>()
        var expected: [String: Int] = [:]
        for index in 0..<1_000 {
            // 40 distinct values: more than the short list holds, so some are counted in the dictionary.
            let value = "v\(index * 7 % 40)"
            let count = index % 3
            tally.add(value, count)
            expected[value, default: 0] += count
        }
        tally.add("virtual")
        expected["virtual", default: 0] += 1
        #expect(tally.dictionary == expected)
        #expect(Tally<Int>().dictionary.isEmpty)
    }
}
