import Reconciliation
import Testing

@Suite("Reconciliation: subscription names as compared")
struct SubscriptionNameTests {
    @Test(
        "lowercase IDNA ASCII, whatever form billing exported",
        arguments: [
            ("Example.COM", "example.com"), ("  shop.example.com. ", "shop.example.com"),
            ("münchen.de", "xn--mnchen-3ya.de"), ("MÜNCHEN.de", "xn--mnchen-3ya.de"),
            ("bücher.example", "xn--bcher-kva.example"), ("xn--mnchen-3ya.de", "xn--mnchen-3ya.de"),
            ("müller-bau.de", "xn--mller-bau-q9a.de"), ("παράδειγμα.δοκιμή", "xn--hxajbheg2az3al.xn--jxalpdlp"),
            // The decomposed ü (u + combining diaeresis) is the same name as the composed one.
            ("mu\u{0308}nchen.de", "xn--mnchen-3ya.de"),
            // Plain ASCII takes a shorter path: the same answers.
            ("plain-1.example", "plain-1.example"), ("shop.example.com.", "shop.example.com"), ("A-B.Example", "a-b.example"),
        ])
    func normalized(input: String, expected: String) {
        #expect(SubscriptionName.normalized(input) == expected)
    }

    @Test("empty names and empty labels are no names", arguments: ["", "   ", ".", "a..b", ".example.com"])
    func rejected(input: String) {
        #expect(SubscriptionName.normalized(input) == nil)
    }
}
