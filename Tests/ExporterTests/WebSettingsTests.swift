import Testing

@testable import Exporter

@Suite("--web.* settings")
struct WebSettingsTests {
    @Test(
        "listen addresses",
        arguments: [
            (":10061", nil, 10061), ("127.0.0.1:9100", "127.0.0.1", 9100), ("[::1]:9100", "::1", 9100),
            ("[::]:0", "::", 0), ("localhost:0", "localhost", 0), ("0.0.0.0:65535", "0.0.0.0", 65535),
        ] as [(String, String?, Int)])
    func listenAddress(text: String, host: String?, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == text)
    }

    @Test("all interfaces bind dual stack or IPv4")
    func allInterfaces() throws {
        let address = try ListenAddress(parsing: ":10061")
        #expect(["::", "0.0.0.0"].contains(address.bindHost))
        #expect(try ListenAddress(parsing: "127.0.0.1:1").bindHost == "127.0.0.1")
    }

    @Test(
        "bad listen addresses are refused",
        arguments: ["10061", "", ":", "::1:9100", "[::1]", "[::1]9100", "[]:80", "host:99999", "host:abc", "host:-1"])
    func badListenAddress(text: String) {
        #expect(throws: WebServerError.self) { try ListenAddress(parsing: text) }
    }

    @Test(
        "telemetry paths",
        arguments: [
            ("/metrics", true), ("/prometheus/metrics", true), ("/metrics/", true), ("metrics", false), ("/", false),
            ("/healthz", false), ("/api/v1/metrics", false), ("/api", false), ("/m{x}", false), ("/a//b", false),
            ("/*", false),
        ])
    func telemetryPath(path: String, valid: Bool) {
        let settings = WebSettings(telemetryPath: path)
        if valid {
            #expect(throws: Never.self) { try settings.validated() }
        } else {
            #expect(throws: WebServerError.self) { try settings.validated() }
        }
    }
}
