import InventoryModel
import Testing

@testable import ExporterConfig

@Suite struct DurationParserTests {
    static let day: Int64 = 86_400_000
    /// Text and the number of milliseconds it means.
    static let valid: [(String, Int64)] = [
        ("0", 0), ("0s", 0), ("1ms", 1), ("30s", 30_000), ("5m", 300_000), ("1h", 3_600_000), ("1h30m", 5_400_000),
        ("7d", 7 * day), ("2w", 14 * day), ("1y", 365 * day), ("400d", 400 * day),
        ("1y2w3d4h5m6s7ms", 382 * day + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7), ("90s", 90_000), ("1500ms", 1500),
    ]

    @Test(arguments: valid)
    func validDurations(text: String, milliseconds: Int64) {
        #expect(DurationParser.parse(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: [
        "", "5", "s", "1.5h", "-5m", "+5m", "5 m", " 5m", "5M", "1m1h", "1h1h", "5min", "5sec", "1ms1s", "1d2y",
        "99999999999999999999s", "9223372036854775807y", "1h 30m", "5m!", "PT5M",
    ])
    func invalidDurations(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    static let formatted: [(Int64, String)] = [
        (0, "0s"), (1, "1ms"), (30_000, "30s"), (300_000, "5m"), (5_400_000, "1h30m"), (day, "1d"), (7 * day, "1w"),
        (14 * day, "2w"), (8 * day, "8d"), (365 * day, "1y"), (400 * day, "400d"), (90_061_001, "1d1h1m1s1ms"),
        (-90_000, "-1m30s"),
    ]

    @Test(arguments: formatted)
    func formatting(milliseconds: Int64, expected: String) {
        #expect(DurationParser.format(.milliseconds(milliseconds)) == expected)
    }

    @Test func formatRoundTrips() {
        for milliseconds: Int64 in [1, 999, 1000, 61_000, 3_600_000, 86_400_000, 604_800_000, 31_536_000_000, 34_560_000_000, 123_456_789] {
            let duration = Duration.milliseconds(milliseconds)
            #expect(DurationParser.parse(DurationParser.format(duration)) == duration, "\(milliseconds)")
        }
    }
}

@Suite struct ByteSizeParserTests {
    @Test(arguments: [
        ("1048576", 1_048_576),
        ("0", 0),
        ("512B", 512),
        ("1K", 1024),
        ("1KB", 1024),
        ("1KiB", 1024),
        ("64MB", 64 << 20),
        ("256MiB", 256 << 20),
        ("256mib", 256 << 20),
        ("256 MiB", 256 << 20),
        ("2G", 2 << 30),
        ("1TiB", 1 << 40),
    ])
    func validSizes(text: String, expected: Int) {
        #expect(ByteSizeParser.parse(text) == expected)
    }

    @Test(arguments: ["", "MiB", "1.5MiB", "-1", "10XB", "1 2", "99999999999TiB", "1e6"])
    func invalidSizes(text: String) {
        #expect(ByteSizeParser.parse(text) == nil)
    }

    @Test(arguments: [(0, "0B"), (1000, "1000B"), (1024, "1KiB"), (1536 * 1024, "1536KiB"), (256 << 20, "256MiB"), (3 << 30, "3GiB")])
    func formatting(bytes: Int, expected: String) {
        #expect(ByteSizeParser.format(bytes) == expected)
        #expect(ByteSizeParser.parse(expected) == bytes)
    }
}
