import Foundation
import Hummingbird
import InventoryModel
import PleskAPI
import PleskSimulator
import Reconciliation
import Synchronization
import TestSupport
import Testing

/// The Authorization headers the test server received.
final class Seen: Sendable {
    let values = Mutex<[String]>([])
}

@Suite("Reconciliation: CSV over HTTPS")
struct CSVURLSourceTests {
    static let csv = "subscription,status,plan\nshop.example.com,active,Business\nold.example,terminated,Basic\n"
    static let token = "Bearer s3cr3t-billing-token-value"

    /// A loopback HTTPS server: `/export.csv` needs the token, `/html` is a login page, `/fail` a 500, `/echo` a 500
    /// that repeats the Authorization header (a server echoing it must not leak it); the rest is 404.
    static func withServer<T>(
        _ body: (_ base: String, _ certificate: TestCertificate, _ seen: Seen) async throws -> T
    ) async throws -> T {
        let certificate = try TestCertificates.selfSigned()
        let seen = Seen()
        let router = Router<BasicRequestContext>()
        router.get("/export.csv") { request, _ -> Response in
            let authorization = request.headers[.authorization] ?? ""
            seen.values.withLock { $0.append(authorization) }
            guard authorization == token else { return Response(status: .unauthorized) }
            return Response(
                status: .ok, headers: [.contentType: "text/csv"], body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
        router.get("/html") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>Login</body></html>")))
        }
        router.get("/fail") { _, _ -> Response in Response(status: .internalServerError) }
        router.get("/echo") { request, _ -> Response in
            Response(
                status: .internalServerError, headers: [.contentType: "text/plain"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "bad token \(request.headers[.authorization] ?? "")")))
        }
        return try await LoopbackServer.withRunning(router, certificate: certificate) { port in
            try await body("https://127.0.0.1:\(port)", certificate, seen)
        }
    }

    static func source(_ url: String, certificate: TestCertificate, pin: String? = nil) -> CSVURLSource {
        CSVURLSource(
            name: "billing", url: URL(string: url)!, headers: [("Authorization", token)],
            tls: PleskTLSOptions(fingerprintSHA256: pin ?? certificate.sha256Fingerprint), timeout: .seconds(10),
            interval: .zero)
    }

    @Test("reads the CSV with the headers sent, over a pinned certificate; origin is the URL")
    func success() async throws {
        try await Self.withServer { base, certificate, seen in
            let rows = try await Self.source(base + "/export.csv?key=abc", certificate: certificate).read()
            #expect(rows.map(\.subscription) == ["shop.example.com", "old.example"])
            #expect(rows.map(\.status) == [.active, .terminated])
            #expect(rows.first?.origin == base + "/export.csv:2")
            #expect(seen.values.withLock { $0 } == [Self.token])
        }
    }

    @Test("a CA file instead of a pin")
    func caFile() async throws {
        try await Self.withServer { base, certificate, _ in
            let directory = try TemporaryDirectory()
            let ca = try directory.write("ca.pem", certificate.certificatePEM)
            let source = CSVURLSource(
                name: "billing", url: URL(string: base + "/export.csv")!, headers: [("Authorization", Self.token)],
                tls: PleskTLSOptions(caFile: ca), interval: .zero)
            let rows = try await source.read()
            #expect(rows.count == 2)
        }
    }

    @Test(
        "404, 500, 401, an HTML page, a pin mismatch, an untrusted certificate: unreadable, no secret in the message",
        arguments: ["/missing", "/fail", "/echo", "/html", "pin", "untrusted", "unauthorized"])
    func failures(_ path: String) async throws {
        try await Self.withServer { base, certificate, _ in
            let source: CSVURLSource
            switch path {
            case "pin":
                source = Self.source(
                    base + "/export.csv", certificate: certificate, pin: String(repeating: "AB:", count: 31) + "AB")
            case "untrusted":
                source = CSVURLSource(
                    name: "billing", url: URL(string: base + "/export.csv")!, headers: [("Authorization", Self.token)],
                    interval: .zero)
            case "unauthorized":
                source = CSVURLSource(
                    name: "billing", url: URL(string: base + "/export.csv")!,
                    headers: [("Authorization", "Bearer wrong-token-value")],
                    tls: PleskTLSOptions(fingerprintSHA256: certificate.sha256Fingerprint), interval: .zero)
            default:
                source = Self.source(base + path, certificate: certificate)
            }
            let error = await #expect(throws: ExpectedSourceError.self) { try await source.read() }
            #expect(error?.reason == .unreadable)
            let text = error?.description ?? ""
            #expect(!text.contains("s3cr3t"), "\(text)")
            #expect(!text.contains("wrong-token"), "\(text)")
            #expect(!"\(source)".contains("s3cr3t"))
            switch path {
            case "/missing": #expect(text.contains("HTTP 404"), "\(text)")
            case "/fail", "/echo": #expect(text.contains("HTTP 500"), "\(text)")
            case "/html": #expect(text.contains("text/html"), "\(text)")
            case "pin": #expect(text.contains("fingerprint mismatch"), "\(text)")
            case "unauthorized": #expect(text.contains("HTTP 401"), "\(text)")
            default: #expect(text.contains("TLS") || text.contains("certificate"), "\(text)")
            }
        }
    }

    @Test("a good read is reused for the interval; the change token moves once it is due")
    func interval() async throws {
        try await Self.withServer { base, certificate, seen in
            let source = CSVURLSource(
                name: "billing", url: URL(string: base + "/export.csv")!, headers: [("Authorization", Self.token)],
                tls: PleskTLSOptions(fingerprintSHA256: certificate.sha256Fingerprint), interval: .seconds(3600))
            let before = await source.changeToken()
            _ = try await source.read()
            let after = await source.changeToken()
            _ = try await source.read()
            #expect(seen.values.withLock { $0.count } == 1)
            #expect(before != after)
            #expect(await source.changeToken() == after)
        }
    }

    @Test("nothing listening: unreadable")
    func refused() async throws {
        let port = try await LoopbackServer.withRunning(Router<BasicRequestContext>(), certificate: nil) { $0 }
        let source = CSVURLSource(name: "billing", url: URL(string: "http://127.0.0.1:\(port)/x.csv")!, interval: .zero)
        let error = await #expect(throws: ExpectedSourceError.self) { try await source.read() }
        #expect(error?.reason == .unreadable)
    }
}
