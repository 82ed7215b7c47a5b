import InventoryModel
import Reconciliation
import Testing

@Suite("Reconciliation: CSV expected sources")
struct CSVExpectedReaderTests {
    let reader = CSVExpectedReader(source: "billing", origin: "billing.csv")

    @Test("columns in any order and case, optional ones empty or absent; names normalised")
    func basic() throws {
        let rows = try reader.read(
            """
            Status,subscription,server,owner,plan,ref
            active,Shop.Example.com,web01,alice,Business,S-1
            Suspended,münchen.de,,,,
            terminated,old.example,WEB02,bob,Basic,S-3

            """)
        #expect(
            rows == [
                ExpectedRow(
                    subscription: "shop.example.com", status: .active, server: "web01", owner: "alice",
                    plan: "Business", ref: "S-1", source: "billing", origin: "billing.csv:2"),
                ExpectedRow(
                    subscription: "xn--mnchen-3ya.de", status: .suspended, source: "billing", origin: "billing.csv:3"),
                ExpectedRow(
                    subscription: "old.example", status: .terminated, server: "web02", owner: "bob", plan: "Basic",
                    ref: "S-3", source: "billing", origin: "billing.csv:4"),
            ])
    }

    @Test("a byte-order mark, CRLF, quoted fields with commas, quotes and newlines; lines counted through them")
    func quoting() throws {
        let text =
            "\u{FEFF}subscription,status,plan,ref\r\n"
            + "a.example,active,\"Business, yearly\",\"R \"\"1\"\"\"\r\n"
            + "b.example,active,\"two\r\nlines\",R2\r\n"
            + "c.example,active,x,R3\r\n"
        let rows = try reader.read(text)
        #expect(rows.map(\.subscription) == ["a.example", "b.example", "c.example"])
        #expect(rows[0].plan == "Business, yearly")
        #expect(rows[0].ref == "R \"1\"")
        #expect(rows[1].plan == "two\r\nlines")
        // The quoted newline takes a line: c.example is on line 5.
        #expect(rows.map(\.origin) == ["billing.csv:2", "billing.csv:3", "billing.csv:5"])
    }

    @Test("a billing system's own export, through columns: and its status words; pending rows skipped")
    func mapped() throws {
        let whmcs = CSVExpectedReader(
            source: "whmcs", origin: "export.csv",
            columns: ColumnMapping(renames: [.subscription: "Domain", .status: "Status", .plan: "Product", .ref: "ID"]))
        let rows = try whmcs.read(
            """
            ID,Domain,Product,Status
            17,a.example,Starter,Active
            18,b.example,Starter,Cancelled
            19,c.example,Starter,Fraud
            20,d.example,Starter,Pending
            21,e.example,Starter,Suspended
            """)
        #expect(rows.map(\.subscription) == ["a.example", "b.example", "c.example", "e.example"])
        #expect(rows.map(\.status) == [.active, .terminated, .terminated, .suspended])
        #expect(rows.map(\.ref) == ["17", "18", "19", "21"])
    }

    @Test(
        "every malformed source fails whole, naming file, line and column",
        arguments: [
            ("subscription,status\na.example,active\nb.example,active,extra\n", "billing.csv:3: the row has 3 fields"),
            ("subscription,status\na.example,active\nb.exam", "billing.csv:3: the row has 1 fields"),
            ("subscription,status\na.example,\"act", "quoted field is not closed"),
            ("domain,status\na.example,active\n", "billing.csv:1: no column subscription"),
            ("subscription,state\na.example,active\n", "billing.csv:1: no column status"),
            ("subscription,status\na.example,activ\n", "billing.csv:2: column status: \"activ\" is not a status"),
            ("subscription,status\na.example,\n", "billing.csv:2: column status: empty"),
            ("subscription,status\n,active\n", "billing.csv:2: column subscription: empty"),
            ("subscription,status\na..example,active\n", "billing.csv:2: column subscription: \"a..example\""),
            ("subscription,status\n\"a\"x,active\n", "not CSV"),
        ])
    func malformed(text: String, message: String) {
        let error = #expect(throws: ExpectedSourceError.self) { try reader.read(text) }
        #expect(error?.reason == .malformed)
        #expect(error?.detail.contains(message) == true, "\(error?.detail ?? "")")
    }

    @Test("no header, or no row, is an empty source", arguments: ["", "\n\n", "subscription,status\n", "subscription,status\nx.example,pending\n"])
    func empty(text: String) {
        let error = #expect(throws: ExpectedSourceError.self) { try reader.read(text) }
        #expect(error?.reason == .empty)
    }

    @Test("a renamed column that is missing says it was renamed")
    func renamedMissing() {
        let mapped = CSVExpectedReader(
            source: "b", origin: "b.csv", columns: ColumnMapping(renames: [.subscription: "Domain"]))
        let error = #expect(throws: ExpectedSourceError.self) { try mapped.read("subscription,status\na.b,active\n") }
        #expect(error?.detail.contains("no column Domain (mapped from subscription in columns:)") == true)
    }
}
