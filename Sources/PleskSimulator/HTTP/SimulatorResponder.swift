import Hummingbird
import NIOCore

import Foundation

/// Answers every request: routing, request log, faults, authentication, then the Plesk-shaped answer.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let state: SimulatorState

    func respond(to request: Request, context: Context) async throws -> Response {
        let route = Route(method: request.method, path: request.uri.path)
        let credentials = Credentials(request.headers)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }

        if route == .xmlAPI {
            return try await self.respondXML(to: request, context: context, headers: headers)
        }
        guard case .endpoint(let endpoint, let id) = route else {
            _ = self.state.admit(
                endpoint: nil, method: request.method.rawValue, uri: request.uri.description,
                auth: credentials.method, authenticated: false, headers: headers)
            switch route {
            case .methodNotAllowed(let allowed):
                var reply = Reply.error(.methodNotAllowed, message: "Method Not Allowed")
                reply.headers[.allow] = allowed
                return reply.response
            case .outsideAPI:
                return request.uri.path == "/login_up.php"
                    ? Reply.html(.ok, Reply.loginPage).response
                    : Reply.html(.notFound, "<html><body><h1>404 Not Found</h1></body></html>\n").response
            case .pageNotFound, .endpoint, .xmlAPI:
                return Reply.error(.notFound, message: "Page Not Found").response
            }
        }

        let access = self.authenticate(credentials, for: endpoint)
        let fault = self.state.admit(
            endpoint: endpoint, method: request.method.rawValue, uri: request.uri.description,
            auth: credentials.method, authenticated: access.granted, headers: headers)

        if let fault {
            if case .delay(let duration) = fault {
                try await self.delay(duration, context)
            } else {
                return try await self.respond(with: fault, endpoint: endpoint, id: id, request: request, context: context)
            }
        }

        switch access {
        case .granted(let user):
            return try await self.answer(endpoint, id: id, request: request, user: user, mint: true).response
        case .denied(let reply):
            return reply.response
        }
    }

    // MARK: Authentication

    enum Access {
        case granted(user: String)
        case denied(Reply)

        var granted: Bool {
            if case .granted = self { return true }
            return false
        }
    }

    /// Any endpoint: a known, active key or a valid Basic login; `POST /auth/keys`: Basic only.
    /// Failures are 401 with an empty body, except a wrong Basic login on `/auth/keys` (an ErrorResponse).
    func authenticate(_ credentials: Credentials, for endpoint: SimulatedPlesk.Endpoint) -> Access {
        switch credentials {
        case .none:
            return .denied(.empty(.unauthorized))
        case .apiKey(let key):
            guard endpoint != .authKeys, self.state.checkKey(key) == .valid else {
                return .denied(.empty(.unauthorized))
            }
            return .granted(user: "admin")
        case .basic(let username, let password):
            guard self.state.checkPassword(user: username, password: password) else {
                return .denied(endpoint == .authKeys ? .error(.unauthorized, message: "Incorrect login") : .empty(.unauthorized))
            }
            return .granted(user: username)
        }
    }

    // MARK: Normal answers

    /// The answer of an authenticated request. With `mint` false, `POST /auth/keys` does not create a key
    /// (used when a fault only needs the body's shape).
    func answer(
        _ endpoint: SimulatedPlesk.Endpoint,
        id: Substring?,
        request: Request,
        user: String,
        mint: Bool,
        omitting: String? = nil
    ) async throws -> Reply {
        switch endpoint {
        case .server:
            return .json(.ok, PleskJSON.server(self.state.inventory.server, omitting: omitting))

        case .domains:
            if let name = request.uri.queryParameters["name"] {
                let (inventory, index, includeAliases) = self.state.inventoryWithNameIndex()
                let matches = index[name.lowercased()].map { [inventory.domains[$0]] } ?? []
                return .json(.ok, PleskJSON.domains(matches, includeAliases: includeAliases, omitting: omitting))
            }
            if omitting == nil {
                return .json(.ok, self.state.domainsBody())
            }
            let inventory = self.state.inventory
            return .json(
                .ok,
                PleskJSON.domains(
                    inventory.domains, includeAliases: self.state.includeAliases, omitting: omitting,
                    capacityHint: inventory.domains.count * 280))

        case .clients:
            if omitting == nil {
                return .json(.ok, self.state.clientsBody())
            }
            let clients = self.state.inventory.clients
            return .json(.ok, PleskJSON.clients(clients, omitting: omitting, capacityHint: clients.count * 300))

        case .clientDomains:
            let (inventory, index, includeAliases) = self.state.inventoryWithOwnerIndex()
            guard let clientID = id.flatMap({ Int($0) }), inventory.client(id: clientID) != nil else {
                return .error(.notFound, message: "Client is not found")
            }
            let owned = (index[clientID] ?? []).lazy.map { inventory.domains[$0] }
            return .json(.ok, PleskJSON.domains(owned, includeAliases: includeAliases, omitting: omitting))

        case .domainClient:
            let inventory = self.state.inventory
            guard let domainID = id.flatMap({ Int($0) }), let domain = inventory.domain(id: domainID) else {
                return .error(.notFound, message: "Domain is not found")
            }
            guard let owner = inventory.client(id: domain.ownerClientID) else {
                return .error(.notFound, message: "Client is not found")
            }
            return .json(.ok, PleskJSON.client(owner, omitting: omitting))

        case .domainStatus:
            guard let domainID = id.flatMap({ Int($0) }), let domain = self.state.inventory.domain(id: domainID) else {
                return .error(.notFound, message: "Domain is not found")
            }
            return .json(.ok, PleskJSON.object("status", domain.status.rawValue, omitting: omitting))

        case .clientStatistics:
            let (inventory, index, _) = self.state.inventoryWithOwnerIndex()
            guard let clientID = id.flatMap({ Int($0) }), let client = inventory.client(id: clientID) else {
                return .error(.notFound, message: "Client is not found")
            }
            let statistics =
                client.statistics
                ?? PleskInventory.derivedStatistics(
                    clientID: clientID, ownedDomains: (index[clientID] ?? []).map { inventory.domains[$0] })
            return .json(.ok, PleskJSON.statistics(statistics, omitting: omitting))

        case .authKeys:
            return try await self.createKey(request: request, user: user, mint: mint, omitting: omitting)

        case .xmlAPI, .xmlWebspace, .xmlServicePlan, .xmlServicePlanAddon, .xmlCustomer, .xmlReseller, .xmlServer:
            // Routed to respondXML; never a REST route.
            return .error(.notFound, message: "Page Not Found")
        }
    }

    /// `POST /auth/keys`: body `{}` (or none) or `{ip, ips, login, description}` → 201 `{"key": "<uuid>"}`.
    private func createKey(request: Request, user: String, mint: Bool, omitting: String?) async throws -> Reply {
        let body = try await request.body.collect(upTo: 1 << 20)
        var fields: [String: Any] = [:]
        if body.readableBytes > 0 {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
                return .error(.badRequest, message: "Request body must be a JSON object")
            }
            fields = object
        }
        let ip = fields["ip"] as? String
        let ips = fields["ips"] as? [String]
        let login = fields["login"] as? String
        let description = fields["description"] as? String
        if (fields["ip"] != nil && ip == nil) || (fields["ips"] != nil && ips == nil)
            || (fields["login"] != nil && login == nil) || (fields["description"] != nil && description == nil)
        {
            return .error(.badRequest, message: "Invalid value in the request body")
        }
        if let login, self.state.inventory.client(login: login) == nil {
            return .error(.badRequest, message: "Client with login '\(login)' does not exist")
        }
        let key = UUID().uuidString.lowercased()
        if mint {
            self.state.mintKey(createdBy: user, ip: ip, ips: ips, login: login, description: description, key: key)
        }
        return .json(.created, PleskJSON.object("key", key, omitting: omitting))
    }

    // MARK: Waiting

    /// Waits until `timeout` passes (if given), the client closes the connection, the server stops, or
    /// the task is cancelled, whichever comes first.
    func waitForRelease(of channel: any Channel, timeout: Duration?) async -> ReleaseSignal.Reason {
        let signal = ReleaseSignal()
        channel.closeFuture.whenComplete { _ in signal.release(.clientClosed) }
        guard self.state.register(signal) else { return .stopping }
        defer { self.state.unregister(signal) }
        guard let timeout else { return await signal.wait() }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    signal.release(.elapsed)
                } catch {}
            }
            let reason = await signal.wait()
            group.cancelAll()
            return reason
        }
    }
}
