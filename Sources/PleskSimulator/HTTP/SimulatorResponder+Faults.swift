import Hummingbird
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SimulatorResponder {
    /// The answer (or non-answer) for an injected fault other than `delay`.
    func respond(
        with fault: SimulatedPlesk.Fault,
        endpoint: SimulatedPlesk.Endpoint,
        id: Substring?,
        request: Request,
        context: Context
    ) async throws -> Response {
        switch fault {
        case .delay:
            // Handled before authentication by the caller.
            return try await self.answer(endpoint, id: id, request: request, user: "admin", mint: true).response

        case .hang:
            try await self.hang(context)

        case .status(let code, let body):
            let status = HTTPResponse.Status(code: code)
            guard let body else { return Reply.empty(status).response }
            return Reply.json(status, ByteBuffer(string: body)).response

        case .html:
            return Reply.html(.ok, Reply.loginPage).response

        case .truncated, .stalledBody:
            let reply = try await self.answer(endpoint, id: id, request: request, user: "admin", mint: false)
            return self.truncated(reply, stall: fault == .stalledBody, context: context)

        case .malformedJSON:
            return Reply.json(.ok, ByteBuffer(string: #"[{"id":1,"created":"2024-01-01","name":"broken.example",,"guid":"#))
                .response

        case .wrongShape(let shape):
            let reply = try await self.answer(endpoint, id: id, request: request, user: "admin", mint: false)
            switch shape {
            case .object:
                var body = ByteBuffer(string: #"{"data":"#)
                var original = reply.body
                body.writeBuffer(&original)
                body.writeString("}")
                return Reply.json(.ok, body).response
            case .arrayOfStrings:
                let inventory = self.state.inventory
                let strings: [String]
                switch endpoint {
                case .domains, .clientDomains: strings = inventory.domains.prefix(1000).map(\.name)
                case .clients: strings = inventory.clients.prefix(1000).map(\.login)
                default: strings = [endpoint.rawValue]
                }
                return Reply.json(.ok, PleskJSON.strings(strings)).response
            }

        case .missingField(let name):
            return try await self.answer(endpoint, id: id, request: request, user: "admin", mint: false, omitting: name)
                .response

        case .emptyList:
            return Reply.json(.ok, ByteBuffer(string: "[]")).response

        case .oversized(let bytes, let declaresLength):
            return self.oversized(bytes: bytes, declaresLength: declaresLength)

        case .connectionReset:
            try await self.resetConnection(context)

        case .redirect(let location):
            return Self.redirect(to: location).response

        case .apiRefused:
            let message = "Access to the API is forbidden from this IP address."
            return Reply.json(.forbidden, PleskJSON.error(code: 403, message: message)).response

        case .systemError(let code, let text):
            return Reply.json(.internalServerError, PleskJSON.error(code: code, message: text)).response

        case .errorResult:
            return try await self.answer(endpoint, id: id, request: request, user: "admin", mint: true).response
        }
    }

    /// Holds the request until the client gives up or the server stops, then drops the connection unanswered.
    /// Waits `duration`, then lets the request be answered normally; a client that gives up first (or a server
    /// stopping) ends it without an answer.
    func delay(_ duration: Duration, _ context: Context) async throws {
        let reason = await self.waitForRelease(of: context.channel, timeout: duration)
        guard reason == .elapsed else {
            // Close first: Hummingbird would otherwise answer the thrown error with a 500.
            context.channel.close(promise: nil)
            throw ConnectionAbort()
        }
    }

    func hang(_ context: Context) async throws -> Never {
        _ = await self.waitForRelease(of: context.channel, timeout: nil)
        // Close first: Hummingbird would otherwise answer the thrown error with a 500.
        context.channel.close(promise: nil)
        throw ConnectionAbort()
    }

    /// Drops the connection without a response: SO_LINGER 0 turns the close into a TCP reset (TLS sends
    /// close_notify first).
    func resetConnection(_ context: Context) async throws -> Never {
        if let provider = context.channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        context.channel.close(promise: nil)
        throw ConnectionAbort()
    }

    static func redirect(to location: String) -> Reply {
        var reply = Reply.empty(.movedPermanently)
        reply.headers[.location] = location
        return reply
    }

    /// The first half of `reply`'s body under its full `Content-Length`; then the connection closes, or with `stall`
    /// stays open until the client gives up or the server stops.
    func truncated(_ reply: Reply, stall: Bool, context: Context) -> Response {
        let full = reply.body
        let sent = full.getSlice(at: full.readerIndex, length: max(full.readableBytes / 2, min(full.readableBytes, 1)))
        let channel = context.channel
        return Response(
            status: reply.status,
            headers: reply.headers,
            body: ResponseBody(contentLength: full.readableBytes) { writer in
                if let sent { try await writer.write(sent) }
                if stall { _ = await self.waitForRelease(of: channel, timeout: nil) }
                throw ConnectionAbort()
            }
        )
    }

    /// A JSON array of domain objects of at least `bytes` bytes, streamed from one reused chunk.
    private func oversized(bytes: Int, declaresLength: Bool) -> Response {
        var domains: [SimulatedDomain] = []
        for id in 1...200 {
            domains.append(
                SimulatedDomain(
                    id: id, guid: SeededGenerator.uuidString(high: UInt64(id), low: UInt64(id) &* 31),
                    name: "filler-\(id).example", created: "2024-01-01"))
        }
        let encoded = PleskJSON.domains(domains, includeAliases: true)
        // `[item,item,…,item]` → the chunk `item,…,item,` repeats; the last item closes the array.
        var items = encoded.getSlice(at: encoded.readerIndex + 1, length: encoded.readableBytes - 2)!
        items.writeString(",")
        let chunk = items
        let tail = PleskJSON.domains(domains.prefix(1), includeAliases: true)
        let tailBody = tail.getSlice(at: tail.readerIndex + 1, length: tail.readableBytes - 1)!  // `item]`
        let repeats = max(0, (bytes - 1 - tailBody.readableBytes + chunk.readableBytes - 1) / chunk.readableBytes)
        let total = 1 + repeats * chunk.readableBytes + tailBody.readableBytes
        return Response(
            status: .ok,
            headers: [.contentType: Reply.jsonContentType],
            body: ResponseBody(contentLength: declaresLength ? total : nil) { writer in
                try await writer.write(ByteBuffer(string: "["))
                for _ in 0..<repeats {
                    try await writer.write(chunk)
                }
                try await writer.write(tailBody)
                try await writer.finish(nil)
            }
        )
    }
}
