import InventoryModel
import PleskAPI
import Testing

@testable import Inventory

/// The canonical text written field by field is the text of the same fields as a dictionary: stored hashes from
/// earlier versions stay valid, so an upgrade reports no change.
@Suite("Inventory object canonical text")
struct InventoryObjectTests {
    @Test("domains, with and without aliases, owner and status")
    func domains() {
        let plain = PleskDomain.make(7, "bücher.example", aliases: [])
        var bare = plain
        bare.aliases = nil
        let cases: [(PleskDomain, String?, String?)] = [
            (plain, nil, nil), (bare, nil, nil), (.make(8, "a\"b.example", hosting: "none", aliases: ["z.example", "a.example"]), "alice", "active"),
            (bare, "bob", nil), (plain, nil, "suspended"),
        ]
        for (domain, owner, status) in cases {
            let object = InventoryObject(domain: domain, owner: owner, status: status)
            #expect(object.stored.fieldsJSON == JSONValue.object(object.fields).canonicalText)
            #expect(object.fields["owner"] == owner.map(JSONValue.string))
            #expect(object.fields["status"] == status.map(JSONValue.string))
            #expect(object.fields["aliases"] != nil || domain.aliases == nil)
        }
    }

    @Test("clients, with every optional field present or absent")
    func clients() {
        var full = PleskClient.make(3, "carol")
        full.ownerLogin = "admin"
        full.externalID = "ext-1"
        var sparse = PleskClient.make(4, "dave")
        sparse.company = nil
        sparse.email = nil
        sparse.locale = nil
        sparse.description = nil
        for client in [full, sparse] {
            let object = InventoryObject(client: client)
            #expect(object.stored.fieldsJSON == JSONValue.object(object.fields).canonicalText)
            #expect(object.fields.count == (client.id == 3 ? 12 : 6))
        }
    }

    /// The exact bytes, as the dictionary form wrote them before: a field left out or renamed fails here.
    @Test("the canonical text of a domain and a client, byte for byte")
    func exactText() {
        let domain = InventoryObject(
            domain: .make(7, "a.example", aliases: ["z.example", "b.example"]), owner: "alice", status: nil)
        #expect(
            domain.stored.fieldsJSON
                == #"{"aliases":["b.example","z.example"],"ascii_name":"a.example","base_domain_id":0,"#
                + #""created":"2024-01-01","hosting_type":"virtual","id":7,"name":"a.example","owner":"alice","#
                + #""www_root":"/var/www/vhosts/a.example/httpdocs"}"#)
        let client = InventoryObject(client: .make(3, "carol"))
        #expect(
            client.stored.fieldsJSON
                == #"{"company":"","created":"2024-01-01","description":"","email":"carol@example.com","id":3,"#
                + #""locale":"en-US","login":"carol","name":"Carol","status":0,"type":"customer"}"#)
    }
}
