import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP server on an ephemeral port that answers every request with the same canned bytes and records what
/// it received: enough to test the XML API client without a simulator that speaks it. Lives as long as this value.
final class XMLCannedServer: @unchecked Sendable {
    /// One request as received.
    struct Request: Sendable {
        var method: String
        var path: String
        /// Header names lower-cased; a repeated header keeps every value.
        var headers: [String: [String]]
        var body: String

        func header(_ name: String) -> [String] { headers[name.lowercased()] ?? [] }
    }

    /// What to answer.
    struct Response: Sendable {
        var status: Int = 200
        var reason: String = "OK"
        var contentType: String? = "text/xml"
        var body: [UInt8] = []
        /// The `Content-Length` to declare: the body's length by default, nil to close-delimit the body.
        var declaredLength: DeclaredLength = .actual
        var extraHeaders: [(String, String)] = []

        enum DeclaredLength: Sendable {
            case actual, none
            case value(Int)
        }

        init(
            status: Int = 200, reason: String = "OK", contentType: String? = "text/xml", body: String = "",
            declaredLength: DeclaredLength = .actual, extraHeaders: [(String, String)] = []
        ) {
            self.status = status
            self.reason = reason
            self.contentType = contentType
            self.body = Array(body.utf8)
            self.declaredLength = declaredLength
            self.extraHeaders = extraHeaders
        }
    }

    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    private let socket: Int32
    private let log = RequestLog()

    private final class RequestLog: Sendable {
        let requests = Mutex<[Request]>([])
    }

    init(_ response: Response) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 16) == 0
            }
        }
        guard fd >= 0, bound else { throw ClosedPortError() }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let head = Self.head(response)
        let thread = Thread { [log] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }  // the listening socket was shut down
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if let request = Self.read(connection) {
                    log.requests.withLock { $0.append(request) }
                }
                Self.write(connection, head + response.body)
                shutdown(connection, Int32(SHUT_RDWR))
                close(connection)
            }
        }
        thread.start()
    }

    deinit {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    /// The requests received so far.
    var requests: [Request] { log.requests.withLock { $0 } }

    private static func head(_ response: Response) -> [UInt8] {
        var lines = ["HTTP/1.1 \(response.status) \(response.reason)", "Connection: close"]
        if let contentType = response.contentType { lines.append("Content-Type: \(contentType)") }
        switch response.declaredLength {
        case .actual: lines.append("Content-Length: \(response.body.count)")
        case .value(let length): lines.append("Content-Length: \(length)")
        case .none: break
        }
        lines += response.extraHeaders.map { "\($0.0): \($0.1)" }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// Reads one request: the head, then `Content-Length` bytes of body.
    private static func read(_ connection: Int32) -> Request? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var headEnd: Int?
        var bodyLength = 0
        while true {
            if let end = headEnd, data.count >= end + bodyLength { break }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[..<count]
            if headEnd == nil, let range = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                headEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        bodyLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: data[..<(headEnd - 4)], as: UTF8.self)
        var lines = head.split(separator: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: [String]] = [:]
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            headers[parts[0].lowercased(), default: []].append(parts[1].trimmingCharacters(in: .whitespaces))
        }
        return Request(
            method: String(requestLine[0]), path: String(requestLine[1]), headers: headers,
            body: String(decoding: data[headEnd..<(headEnd + bodyLength)], as: UTF8.self))
    }

    private static func write(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }
}
