import Foundation
import PleskAPI
import Testing

/// The XML API calls through the real client against a loopback server answering canned bytes: what is sent, how
/// each answer is classified, the size limit, and no secret in any error.
@Suite("XML: client over HTTP")
struct XMLClientTests {
    typealias Response = XMLCannedServer.Response

    static let webspaceGet =
        "<packet><webspace><get><filter/><dataset><gen_info/><subscriptions/></dataset></get></webspace></packet>"
    /// The usage datasets of every subscription (both of the canned list's were decoded).
    static let usageGet =
        "<packet><webspace><get><filter/><dataset><limits/><stat/></dataset></get></webspace></packet>"
    static let servicePlanGet = "<packet><service-plan><get><filter/><owner-all/></get></service-plan></packet>"

    @Test("an API key goes in KEY; the webspace get is POSTed as text/xml to agent.php, without a version")
    func apiKeyRequest() async throws {
        let server = try XMLCannedServer(Response(body: XMLPackets.subscriptions))
        let subscriptions = try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            try await client.subscriptions()
        }
        #expect(subscriptions == [XMLDecodingTests.example, XMLDecodingTests.muellerBau])
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 2)
        #expect(server.requests.last?.body.contains(Self.usageGet) == true)
        #expect(request.method == "POST")
        #expect(request.path == "/enterprise/control/agent.php")
        #expect(request.header("Content-Type") == ["text/xml"])
        #expect(request.header("KEY") == [Secrets.apiKey])
        #expect(request.header("HTTP_AUTH_LOGIN").isEmpty && request.header("HTTP_AUTH_PASSWD").isEmpty)
        #expect(request.header("Authorization").isEmpty && request.header("X-API-Key").isEmpty)
        #expect(request.header("Content-Length") == ["\(request.body.utf8.count)"])
        #expect(request.body.contains(Self.webspaceGet))
        #expect(!request.body.contains("<packet version"))
    }

    @Test("basic credentials go in HTTP_AUTH_LOGIN and HTTP_AUTH_PASSWD; plans are asked for with owner-all")
    func basicRequest() async throws {
        let server = try XMLCannedServer(Response(body: XMLPackets.servicePlans))
        let target = try LiveHarness.target(
            server.url, credentials: .basic(username: Secrets.username, password: Secrets.password))
        let plans = try await LiveHarness.withClient(target) { client in try await client.servicePlans() }
        #expect(plans.map(\.guid) == ["3991a908-1994-45bf-a71b-10c4449a1f13"])
        let request = try #require(server.requests.first)
        #expect(request.header("HTTP_AUTH_LOGIN") == [Secrets.username])
        #expect(request.header("HTTP_AUTH_PASSWD") == [Secrets.password])
        #expect(request.header("KEY").isEmpty && request.header("Authorization").isEmpty)
        #expect(request.body.contains(Self.servicePlanGet))
    }

    @Test("a path prefix in the target URL is kept")
    func pathPrefix() async throws {
        let server = try XMLCannedServer(Response(body: XMLPackets.servicePlans))
        try await LiveHarness.withClient(try LiveHarness.target(server.url + "/plesk/")) { client in
            _ = try await client.servicePlans()
        }
        #expect(server.requests.map(\.path) == ["/plesk/enterprise/control/agent.php"])
    }

    @Test("a scan with the fingerprints of the last one decodes nothing")
    func knownOverHTTP() async throws {
        let server = try XMLCannedServer(Response(body: XMLPackets.subscriptions))
        try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            let first = try await client.scanSubscriptions(known: .none)
            #expect(first.decodedCount == 2)
            let second = try await client.scanSubscriptions(
                known: KnownFingerprints(key: KnownFingerprints.none.key, first.fingerprints))
            #expect(second.fingerprints == first.fingerprints)
            #expect(second.decodedCount == 0)
        }
        // The first scan asked for the usage of what it decoded; the second decoded nothing, so asked for none.
        #expect(server.requests.count == 3)
    }

    static let html = "<!DOCTYPE html><html><head><title>Not Found</title></head><body>nope</body></html>"

    static let statuses: [(Response, PleskAPIError.Reason, String)] = [
        (Response(status: 401, reason: "Unauthorized", contentType: "text/html", body: html), .auth, "HTTP 401"),
        (Response(status: 403, reason: "Forbidden", contentType: "text/html", body: html), .refused, "allowedIPs"),
        (Response(status: 404, reason: "Not Found", contentType: "text/html", body: html), .http, "agent.php"),
        (Response(status: 500, reason: "Internal Server Error", body: "oops"), .http, "HTTP 500"),
        (
            Response(
                status: 302, reason: "Found", contentType: nil,
                extraHeaders: [("Location", "https://plesk.example:8443/enterprise/control/agent.php?secret=1")]),
            .http, "redirects are not followed"
        ),
        (Response(contentType: "text/html; charset=utf-8", body: html), .decode, "text/html"),
        (Response(body: ""), .decode, "empty body"),
        (Response(body: html), .decode, "DOCTYPE"),
        (Response(body: #"{"code":0,"message":"not xml"}"#), .decode, "not XML"),
        (Response(body: String(XMLPackets.subscriptions.prefix(900))), .decode, "truncated"),
    ]

    @Test("each status and non-packet body lands in its reason", arguments: statuses.indices)
    func statusMapping(index: Int) async throws {
        let (response, reason, words) = Self.statuses[index]
        let server = try XMLCannedServer(response)
        let log = ObservationLog()
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url), observer: log.observer) {
            client in
            await LiveHarness.expectFailure(reason, on: .subscriptions) { try await client.subscriptions() }
        }
        #expect(error?.status == response.status)
        #expect(error?.detail.contains(words) == true, "\(String(describing: error))")
        #expect(error?.detail.contains("secret=1") == false)
        #expect(log.all == [Observation(endpoint: .subscriptions, reason: reason)])
        #expect(server.requests.count == 1)
    }

    @Test(
        "a system error over HTTP 200 is classified by its code",
        arguments: [(1001, PleskAPIError.Reason.auth), (11003, .auth), (1029, .auth), (1006, .refused), (1014, .api)])
    func systemErrors(code: Int, reason: PleskAPIError.Reason) async throws {
        let server = try XMLCannedServer(Response(body: XMLPackets.system(code: code)))
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            await LiveHarness.expectFailure(reason, on: .servicePlans) { try await client.servicePlans() }
        }
        #expect(error?.pleskCode == code)
        #expect(error?.status == 200)
        #expect(server.requests.count == 1)
    }

    @Test("a 403 carrying a system packet is refused with Plesk's code")
    func forbiddenWithPacket() async throws {
        let server = try XMLCannedServer(
            Response(status: 403, reason: "Forbidden", body: XMLPackets.system(code: 1006, text: "Permission denied.")))
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            await LiveHarness.expectFailure(.refused, on: .subscriptions) { try await client.subscriptions() }
        }
        #expect(error?.pleskCode == 1006)
        #expect(error?.detail.contains("Permission denied.") == true)
        #expect(server.requests.count == 1)
    }

    @Test("an error result fails the whole list as api")
    func resultError() async throws {
        let body = XMLPackets.webspace([
            XMLPackets.subscriptionResult(id: 1),
            "<result><status>error</status><errcode>1013</errcode><errtext>Object not found.</errtext><id>2</id></result>",
        ])
        let server = try XMLCannedServer(Response(body: body))
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            await LiveHarness.expectFailure(.api, on: .subscriptions) {
                try await client.scanSubscriptions(known: .none)
            }
        }
        #expect(error?.pleskCode == 1013)
        #expect(server.requests.count == 1)
    }

    @Test("a secret that Plesk's errtext echoes is blanked", arguments: [false, true])
    func echoedSecret(basic: Bool) async throws {
        let secret = basic ? Secrets.wrongPassword : Secrets.wrongKey
        let server = try XMLCannedServer(
            Response(body: XMLPackets.system(code: basic ? 1001 : 11003, text: "Credentials \(secret) are not valid")))
        let credentials: PleskCredentials =
            basic ? .basic(username: Secrets.username, password: secret) : .apiKey(secret)
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url, credentials: credentials)) {
            client in
            await LiveHarness.expectFailure(.auth, on: .subscriptions) { try await client.subscriptions() }
        }
        #expect(error?.detail.contains("are not valid") == true)
        #expect(server.requests.count == 1)
    }

    /// A valid answer of about 60 KiB.
    static let large = XMLPackets.webspace((1...200).map { XMLPackets.subscriptionResult(id: $0) })

    @Test(
        "a body over the size limit is limit, declared or not",
        arguments: [Response.DeclaredLength.actual, .none])
    func sizeLimit(declared: Response.DeclaredLength) async throws {
        let server = try XMLCannedServer(Response(body: Self.large, declaredLength: declared))
        try await LiveHarness.withClient(try LiveHarness.target(server.url, maxResponseBytes: 16 * 1024)) { client in
            await LiveHarness.expectFailure(.limit, on: .subscriptions) { try await client.subscriptions() }
        }
        try await LiveHarness.withClient(try LiveHarness.target(server.url, maxResponseBytes: 1 << 20)) { client in
            let subscriptions = try await client.subscriptions()
            #expect(subscriptions.count == 200)
        }
        // The refused list, then the accepted one and its usage.
        #expect(server.requests.count == 3)
    }

    @Test("a body shorter than its Content-Length is decode")
    func shortBody() async throws {
        let server = try XMLCannedServer(
            Response(body: XMLPackets.subscriptions, declaredLength: .value(XMLPackets.subscriptions.utf8.count + 500)))
        let error = try await LiveHarness.withClient(try LiveHarness.target(server.url)) { client in
            await LiveHarness.expectFailure(.decode, on: .subscriptions) { try await client.subscriptions() }
        }
        #expect(error?.detail.contains("truncated") == true)
        #expect(server.requests.count == 1)
    }

    @Test("the observer sees each XML call with its endpoint and outcome")
    func observer() async throws {
        let good = try XMLCannedServer(Response(body: XMLPackets.subscriptions))
        let refused = try XMLCannedServer(Response(body: XMLPackets.system(code: 1006)))
        let log = ObservationLog()
        try await LiveHarness.withClient(try LiveHarness.target(good.url), observer: log.observer) { client in
            _ = try await client.scanSubscriptions(known: .none)
        }
        try await LiveHarness.withClient(try LiveHarness.target(refused.url), observer: log.observer) { client in
            _ = await LiveHarness.expectFailure(.refused, on: .servicePlans) { try await client.servicePlans() }
        }
        #expect(
            log.all == [
                Observation(endpoint: .subscriptions, reason: nil), Observation(endpoint: .subscriptionUsage, reason: nil),
                Observation(endpoint: .servicePlans, reason: .refused),
            ])
        #expect(good.requests.count == 2 && refused.requests.count == 1)
    }
}
