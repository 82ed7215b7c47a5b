import Hummingbird
import NIOCore

/// A request to `agent.php` as received: what the checkups and the answer need.
struct XMLInput {
    var contentType: String?
    var prettyPrintRequested: Bool
    /// Nil when the body was larger than ``SimulatorResponder/maximumPacketSize``.
    var parsed: Result<PacketElement, PacketParser.Failure>?
}

extension SimulatorResponder {
    /// Larger bodies are refused as invalid (real packets are a few hundred bytes).
    static let maximumPacketSize = 4 << 20

    /// `POST /enterprise/control/agent.php`: read and parse the packet, log it with its operators, apply a fault,
    /// else run the checkups (content type, well-formedness, version, authentication, schema) and answer. Every
    /// error is HTTP 200 with a `system` or `result` error, as Plesk's clients expect.
    func respondXML(to request: Request, context: Context, headers: [String: String]) async throws -> Response {
        let credentials = XMLCredentials(request.headers)
        guard request.method == .post else {
            _ = self.state.admit(
                endpoint: nil, method: request.method.rawValue, uri: request.uri.description, auth: credentials.method,
                authenticated: false, headers: headers)
            var reply = Reply.html(.methodNotAllowed, "<html><body><h1>405 Method Not Allowed</h1></body></html>\n")
            reply.headers[.allow] = "POST"
            return reply.response
        }
        let body = try? await request.body.collect(upTo: Self.maximumPacketSize)
        let bytes = body.map { Array($0.readableBytesView) }
        let parsed = bytes.map(PacketParser.parse)
        let operators =
            (try? parsed?.get())?.children.compactMap { child in
                SimulatedPlesk.Endpoint.xmlOperators.first { $0.xmlOperator == child.name }
            } ?? []
        let refusal = self.checkXMLCredentials(credentials)
        let admitted = self.state.admit(
            endpoints: [.xmlAPI] + operators, method: request.method.rawValue, uri: request.uri.description,
            auth: credentials.method, authenticated: refusal == nil, headers: headers,
            body: bytes.map { String(decoding: $0.prefix(65_536), as: UTF8.self) })
        let input = XMLInput(
            contentType: request.headers[.contentType],
            prettyPrintRequested: request.headers[XMLCredentials.prettyPrintHeader]?.uppercased() == "TRUE",
            parsed: parsed)

        if let admitted {
            let (fault, endpoint) = (admitted.fault, admitted.endpoint)
            if case .delay(let duration) = fault {
                try await self.delay(duration, context)
            } else {
                return try await self.respondXML(with: fault, on: endpoint, input: input, context: context)
            }
        }
        return self.answerXML(input, refusal: refusal).response
    }

    /// The answer after the checkups, in Plesk's checkup order (HTTP header, packet, protocol version,
    /// authentication, validity); `refusal` nil skips authentication (faults answer whatever the credentials).
    func answerXML(
        _ input: XMLInput,
        refusal: (code: Int, text: String)?,
        alterations: [SimulatedPlesk.Endpoint: XMLAgent.Alteration] = [:],
        root: String = "packet"
    ) -> Reply {
        let format = self.state.nextXMLFormat(prettyPrintRequested: input.prettyPrintRequested)
        func system(_ code: Int, _ text: String, version: String = XMLRequest.currentVersion) -> Reply {
            Self.systemReply(code: code, text: text, version: version, format: format)
        }
        let mediaType = input.contentType?.split(separator: ";").first?.filter { $0 != " " && $0 != "\t" }.lowercased()
        guard mediaType == "text/xml" else {
            return system(1014, "Parser error: Request is invalid. The Content-Type must be 'text/xml'.")
        }
        guard let parsed = input.parsed else {
            return system(1014, "Parser error: Request is invalid. The request is too large.")
        }
        let packet: PacketElement
        switch parsed {
        case .success(let element): packet = element
        case .failure(let failure):
            return system(1014, "Parser error: Request is invalid. Error in line \(failure.line): \(failure.message)")
        }
        let requested = packet.attribute("version")
        if let requested, !XMLRequest.isKnownVersion(requested) {
            return system(1005, "Unsupported protocol version \(requested).")
        }
        let version = requested ?? XMLRequest.currentVersion
        if let refusal { return system(refusal.code, refusal.text, version: version) }
        let request: XMLRequest
        do {
            request = try XMLRequest(packet: packet)
        } catch {
            return system(1014, error.errorText, version: version)
        }
        let snapshot = self.state.xmlSnapshot()
        let agent = XMLAgent(
            inventory: snapshot.inventory, index: snapshot.index, generation: snapshot.generation, state: self.state,
            filterIDForEmptyFilter: self.state.xmlFilterIDForEmptyFilter)
        return .xml(
            agent.packet(
                request, version: version, withEncoding: format.withEncoding, pretty: format.pretty,
                alterations: alterations, root: root))
    }

    /// Nil when the credentials are good, else the `system` error: 1029 without a method, 11003 for an unknown key,
    /// 1001 for a wrong login or password.
    func checkXMLCredentials(_ credentials: XMLCredentials) -> (code: Int, text: String)? {
        switch credentials {
        case .none:
            return (1029, "Authentication method is not specified")
        case .key(let key):
            return self.state.checkKey(key) == .valid ? nil : (11003, "Secret key validation failed.")
        case .login(let username, let password):
            return self.state.checkPassword(user: username, password: password)
                ? nil : (1001, "Authentication failed - wrong password.")
        }
    }
}
