import InventoryModel
import Testing

@testable import ExporterConfig

@Suite struct MatchingTests {
    @Test(arguments: [
        ("*.staging.example.com", "shop.staging.example.com", true),
        ("*.staging.example.com", "SHOP.Staging.Example.com", true),
        ("*.staging.example.com", "staging.example.com", false),
        ("web?.example.com", "web1.example.com", true),
        ("web?.example.com", "web12.example.com", false),
        ("*", "", true),
        ("", "", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("test-*", "test-", true),
        ("exact", "exact", true),
        ("exact", "exactly", false),
    ])
    func glob(pattern: String, name: String, matches: Bool) {
        #expect(Glob.matches(pattern: pattern, name) == matches)
    }

    @Test func autoAcknowledgeRuleNeedsEveryGivenField() {
        let rule = AutoAcknowledgeRule(object: .domain, change: .added, name: "*.staging.example.com", target: "web01")
        #expect(rule.matches(object: .domain, change: .added, name: "a.staging.example.com", target: "web01"))
        #expect(!rule.matches(object: .client, change: .added, name: "a.staging.example.com", target: "web01"))
        #expect(!rule.matches(object: .domain, change: .removed, name: "a.staging.example.com", target: "web01"))
        #expect(!rule.matches(object: .domain, change: .added, name: "a.example.com", target: "web01"))
        #expect(!rule.matches(object: .domain, change: .added, name: "a.staging.example.com", target: "web02"))
        #expect(AutoAcknowledgeRule(change: .modified).matches(object: .client, change: .modified, name: "bob", target: "x"))
    }

    @Test func eventMatch() {
        #expect(EventMatch().matches(object: .domain, change: .modified))
        let match = EventMatch(objects: [.client], changes: [.added, .removed])
        #expect(match.matches(object: .client, change: .added))
        #expect(!match.matches(object: .client, change: .modified))
        #expect(!match.matches(object: .domain, change: .added))
    }
}
