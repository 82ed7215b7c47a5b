import Hummingbird
import NIOCore

extension SimulatorResponder {
    /// The answer (or non-answer) of the XML API for an injected fault other than `delay`, on `endpoint` (an operator,
    /// or ``SimulatedPlesk/Endpoint/xmlAPI`` for all). Answers built from the normal one skip authentication.
    func respondXML(
        with fault: SimulatedPlesk.Fault,
        on endpoint: SimulatedPlesk.Endpoint,
        input: XMLInput,
        context: Context
    ) async throws -> Response {
        func altered(_ change: (inout XMLAgent.Alteration) -> Void) -> Response {
            var alteration = XMLAgent.Alteration()
            change(&alteration)
            return self.answerXML(input, refusal: nil, alterations: [endpoint: alteration]).response
        }
        switch fault {
        case .delay:
            // Handled before the checkups by the caller.
            return self.answerXML(input, refusal: nil).response

        case .hang:
            try await self.hang(context)

        case .status(let code, let body):
            let status = HTTPResponse.Status(code: code)
            guard let body else { return Reply.empty(status).response }
            // An HTML page (a proxy's or a misrouted port's 404) is served as HTML, anything else as XML.
            let lowered = body.prefix(15).lowercased()
            if lowered.hasPrefix("<html") || lowered.hasPrefix("<!doctype html") {
                return Reply.html(status, body).response
            }
            return Reply.xml(Array(body.utf8), status: status).response

        case .html:
            return Reply.html(.ok, Reply.loginPage).response

        case .truncated, .stalledBody:
            return self.truncated(self.answerXML(input, refusal: nil), stall: fault == .stalledBody, context: context)

        case .malformedJSON:
            return Reply.xml(Array(Self.malformedPacket.utf8)).response

        case .wrongShape(.object):
            // Well-formed, but the root is not `<packet>`.
            return self.answerXML(input, refusal: nil, root: "response").response

        case .wrongShape(.arrayOfStrings):
            return altered { $0.namesOnly = true }

        case .missingField(let name):
            return altered { $0.omitting = name }

        case .emptyList:
            return altered { $0.emptyList = true }

        case .errorResult(let code, let text, let position):
            return altered { $0.errorResult = (code, text, position) }

        case .oversized(let bytes, let declaresLength):
            return self.oversizedPacket(bytes: bytes, declaresLength: declaresLength)

        case .connectionReset:
            try await self.resetConnection(context)

        case .redirect(let location):
            return Self.redirect(to: location).response

        case .apiRefused(.httpForbidden):
            return Reply.html(
                .forbidden, "<html><body><h1>403 Forbidden</h1><p>Access to the API is forbidden.</p></body></html>\n"
            )
            .response

        case .apiRefused(.permissionDenied):
            return self.systemErrorResponse(code: 1006, text: "Permission denied.", input: input)

        case .systemError(let code, let text):
            return self.systemErrorResponse(code: code, text: text, input: input)
        }
    }

    static let malformedPacket = """
        <?xml version="1.0" encoding="UTF-8"?>
        <packet version="1.6.9.1"><webspace><get><result><status>ok</status><id>1</id><data><gen_info><name>broken.example</gen_info>
        """

    private func systemErrorResponse(code: Int, text: String, input: XMLInput) -> Response {
        let format = self.state.nextXMLFormat(prettyPrintRequested: input.prettyPrintRequested)
        return Self.systemReply(code: code, text: text, version: XMLRequest.currentVersion, format: format).response
    }

    /// A `system` error packet in the layout this answer gets.
    static func systemReply(
        code: Int, text: String, version: String, format: (withEncoding: Bool, pretty: Bool)
    ) -> Reply {
        .xml(
            PleskXML.systemError(
                code: code, text: text, version: version, withEncoding: format.withEncoding, pretty: format.pretty))
    }

    /// A `webspace get` packet of at least `bytes` bytes, streamed from one reused chunk of results.
    private func oversizedPacket(bytes: Int, declaresLength: Bool) -> Response {
        var inventory = PleskInventory(seed: 7)
        for number in 1...100 {
            _ = try? inventory.addDomain("filler-\(number).example", created: "2024-01-01")
        }
        let snapshot = XMLIndex(inventory)
        let agent = XMLAgent(
            inventory: inventory, index: snapshot, generation: -1, state: self.state, filterIDForEmptyFilter: true)
        var results = XMLWriter(pretty: false, capacity: 64 * 1024)
        agent.writeWebspaceResults(
            agent.webspaceItems(.empty), datasets: [.genInfo, .limits, .stat, .subscriptions],
            alteration: XMLAgent.Alteration(),
            into: &results)
        let head = ByteBuffer(
            string: #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<packet version="1.6.9.1"><webspace><get>"#)
        let tail = ByteBuffer(string: "</get></webspace></packet>")
        let chunk = ByteBuffer(bytes: results.bytes)
        let repeats = max(
            1, (bytes - head.readableBytes - tail.readableBytes + chunk.readableBytes - 1) / chunk.readableBytes)
        let total = head.readableBytes + repeats * chunk.readableBytes + tail.readableBytes
        return Response(
            status: .ok,
            headers: [.contentType: PleskXML.contentType],
            body: ResponseBody(contentLength: declaresLength ? total : nil) { writer in
                try await writer.write(head)
                for _ in 0..<repeats {
                    try await writer.write(chunk)
                }
                try await writer.write(tail)
                try await writer.finish(nil)
            }
        )
    }
}
