import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A parsed `--web.listen-address`: `host:port`, `:port` (all interfaces) or `[v6]:port`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host to bind; nil means all interfaces.
    public var host: String?
    public var port: Int

    public init(host: String?, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(WebServerError) {
        func invalid(_ why: String) -> WebServerError {
            WebServerError(
                .invalidListenAddress,
                "invalid --web.listen-address \"\(text)\": \(why) (expected host:port, :port or [ipv6]:port)")
        }
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("missing ]") }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid("missing :port after ]") }
            portPart = rest.dropFirst()
            guard !hostPart.isEmpty else { throw invalid("empty IPv6 address") }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw invalid("missing :port") }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            guard !hostPart.contains(":") else { throw invalid("IPv6 addresses need brackets, e.g. [::1]:10061") }
        }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw invalid("the port must be a number from 0 to 65535")
        }
        self.host = hostPart.isEmpty ? nil : String(hostPart)
        self.port = port
    }

    /// The host handed to the server: `::` (dual stack) for all interfaces when IPv6 is usable, else `0.0.0.0`.
    public var bindHost: String {
        host ?? (Self.dualStackAvailable ? "::" : "0.0.0.0")
    }

    public var description: String {
        guard let host else { return ":\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// An IPv6 socket can be created and accepts IPv4 too (`net.ipv6.bindv6only` is 0).
    static var dualStackAvailable: Bool {
        #if os(Linux)
            let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            close(fd)
            if let flag = try? String(contentsOfFile: "/proc/sys/net/ipv6/bindv6only", encoding: .utf8) {
                return flag.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
            }
            return true
        #else
            return false
        #endif
    }
}
