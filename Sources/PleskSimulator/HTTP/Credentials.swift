import Hummingbird

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The credentials a request carries: `X-API-Key` wins over `Authorization: Basic`.
enum Credentials {
    case none
    case apiKey(String)
    case basic(username: String, password: String)

    static let apiKeyHeader = HTTPFields.Element.Name("X-API-Key")!

    init(_ headers: HTTPFields) {
        if let key = headers[Self.apiKeyHeader] {
            self = .apiKey(key)
            return
        }
        guard let authorization = headers[.authorization],
            authorization.count > 6,
            authorization.prefix(6).lowercased() == "basic "
        else {
            self = .none
            return
        }
        let encoded = authorization.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8) else {
            self = .basic(username: "", password: "")
            return
        }
        if let colon = decoded.firstIndex(of: ":") {
            self = .basic(username: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]))
        } else {
            self = .basic(username: decoded, password: "")
        }
    }

    var method: SimulatedPlesk.AuthMethod {
        switch self {
        case .none: .none
        case .apiKey(let key): .apiKey(key)
        case .basic(let username, _): .basic(username: username)
        }
    }
}
