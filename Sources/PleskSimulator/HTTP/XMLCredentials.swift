import Hummingbird

/// The credentials of an XML API request: `KEY`, or `HTTP_AUTH_LOGIN` with `HTTP_AUTH_PASSWD` (header names match
/// case-insensitively). A login without its password is no method at all, as a live server answered a client that
/// sent `HTTP_AUTH_PASSWORD` (1029).
enum XMLCredentials {
    case none
    case key(String)
    case login(username: String, password: String)

    static let keyHeader = HTTPFields.Element.Name("KEY")!
    static let loginHeader = HTTPFields.Element.Name("HTTP_AUTH_LOGIN")!
    static let passwordHeader = HTTPFields.Element.Name("HTTP_AUTH_PASSWD")!
    static let prettyPrintHeader = HTTPFields.Element.Name("HTTP_PRETTY_PRINT")!

    init(_ headers: HTTPFields) {
        if let key = headers[Self.keyHeader] {
            self = .key(key)
        } else if let username = headers[Self.loginHeader], let password = headers[Self.passwordHeader] {
            self = .login(username: username, password: password)
        } else {
            self = .none
        }
    }

    var method: SimulatedPlesk.AuthMethod {
        switch self {
        case .none: .none
        case .key(let key): .apiKey(key)
        case .login(let username, _): .basic(username: username)
        }
    }
}
