import Foundation
import Yams

extension ConfigReader {
    /// Checks an `http`/`https` URL with a host and no user info.
    ///
    /// - Parameters:
    ///   - shown: how to quote the value in messages, or nil when it must not be shown (webhook URLs carry tokens).
    ///   - isBase: a Plesk base URL: no query or fragment, no `/api/v2` suffix, trailing slashes removed.
    func httpURL(_ text: String, shown: String?, key: String, at mark: Mark?, isBase: Bool) -> URL? {
        let text = text.trimmingCharacters(in: .whitespaces)
        // Never echo anything that may carry user info.
        let shown = text.contains("@") ? nil : shown
        let suffix = shown.map { ", got \($0)" } ?? ""
        guard var components = URLComponents(string: text), !text.contains(where: \.isWhitespace) else {
            problem("expected a URL like https://host:8443\(suffix)", key: key, at: mark)
            return nil
        }
        guard let scheme = components.scheme?.lowercased(), text.contains("://") else {
            problem("must start with http:// or https://\(suffix)", key: key, at: mark)
            return nil
        }
        guard components.user == nil, components.password == nil else {
            let instead = isBase ? "use api_key, api_key_file or basic_auth" : "put credentials in headers_file"
            problem("must not contain a user name or password (it would end up in logs); \(instead)", key: key, at: mark)
            return nil
        }
        guard scheme == "http" || scheme == "https" else {
            problem("must be an http:// or https:// URL\(suffix)", key: key, at: mark)
            return nil
        }
        guard let host = components.host, !host.isEmpty else {
            problem("has no host name\(suffix)", key: key, at: mark)
            return nil
        }
        if isBase {
            guard components.query == nil, components.fragment == nil else {
                problem("must not have a query (?…) or fragment (#…)\(suffix)", key: key, at: mark)
                return nil
            }
            while components.path.hasSuffix("/") { components.path.removeLast() }
            if components.path.lowercased().hasSuffix("/api/v2") {
                problem("give the server's base URL without /api/v2; the exporter appends it", key: key, at: mark)
                return nil
            }
        }
        guard let url = components.url else {
            problem("expected a URL like https://host:8443\(suffix)", key: key, at: mark)
            return nil
        }
        return url
    }
}
