import Foundation
import PleskAPI

/// One billing source reconciliation compares the targets with (`expected[]`, SPEC §16).
public struct ExpectedSourceConfiguration: Sendable, Hashable {
    /// Where a source reads from: exactly one of `file`, `url` or `whmcs` in the configuration.
    public enum Kind: Sendable, Hashable {
        /// A CSV file (absolute; a relative `file:` is relative to the configuration file).
        case file(String)
        /// A CSV fetched over HTTP(S).
        case url(URLSettings)
        /// WHMCS's `GetClientsProducts`.
        case whmcs(WHMCSSettings)
    }

    /// `expected[].url` and its options.
    public struct URLSettings: Sendable, Hashable {
        public var url: URL
        /// The `headers_file` the headers came from, for messages.
        public var headersFile: String?
        /// Sent with every request; values are secrets (an API token, a Basic credential).
        public var headers: [WebhookHeader]
        public var tls: PleskTLSOptions
        /// The whole request, body included.
        public var timeout: Duration

        public init(
            url: URL, headersFile: String? = nil, headers: [WebhookHeader] = [], tls: PleskTLSOptions = PleskTLSOptions(),
            timeout: Duration = .seconds(30)
        ) {
            self.url = url
            self.headersFile = headersFile
            self.headers = headers
            self.tls = tls
            self.timeout = timeout
        }
    }

    /// `expected[].whmcs`: the API URL (`…/includes/api.php`) and an API credential read from two files.
    public struct WHMCSSettings: Sendable, Hashable {
        public var url: URL
        public var identifierFile: String
        public var identifier: Secret
        public var secretFile: String
        public var secret: Secret
        public var tls: PleskTLSOptions
        /// Each page's request, body included.
        public var timeout: Duration

        public init(
            url: URL, identifierFile: String, identifier: Secret, secretFile: String, secret: Secret,
            tls: PleskTLSOptions = PleskTLSOptions(), timeout: Duration = .seconds(30)
        ) {
            self.url = url
            self.identifierFile = identifierFile
            self.identifier = identifier
            self.secretFile = secretFile
            self.secret = secret
            self.tls = tls
            self.timeout = timeout
        }
    }

    /// How often a file is checked for a change: cheap, and an export copied in should count soon.
    public static let defaultFileInterval: Duration = .seconds(60)
    /// How often a URL or WHMCS is read: each read is a full download (WHMCS: one request per 250 services) on
    /// someone else's server, and billing changes slowly; between reads the last good one is reused.
    public static let defaultRemoteInterval: Duration = .seconds(15 * 60)

    /// The source's label in metrics, findings and logs.
    public var name: String
    public var kind: Kind
    /// Column → the header name it has in this source's CSV (`columns:`), for the renamed ones. Not used by WHMCS,
    /// whose fields are fixed.
    public var columns: [String: String]
    /// How often the source is checked (a file) or read (a URL, WHMCS).
    public var interval: Duration

    public init(name: String, kind: Kind, columns: [String: String] = [:], interval: Duration? = nil) {
        self.name = name
        self.kind = kind
        self.columns = columns
        if let interval {
            self.interval = interval
        } else if case .file = kind {
            self.interval = Self.defaultFileInterval
        } else {
            self.interval = Self.defaultRemoteInterval
        }
    }

    /// A CSV file source.
    public init(name: String, file: String, columns: [String: String] = [:], interval: Duration = .seconds(60)) {
        self.init(name: name, kind: .file(file), columns: columns, interval: interval)
    }

    /// The file of a file source.
    public var file: String? {
        if case .file(let path) = kind { return path }
        return nil
    }
}
