import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP server that answers every request with a line that is not HTTP (an SSH banner, as a mistyped
/// port would), then closes the connection. Lives as long as this value.
final class NotHTTPServer: @unchecked Sendable {
    let port: Int
    private let socket: Int32
    private let thread: Thread

    init(banner: String = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") throws {
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
        thread = Thread {
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }  // the listening socket was shut down
                // Answer what the client sent, as a service on a mistyped port does: a banner sent before the
                // request races with the client's write, and the client then reports its failed write (connect)
                // instead of the answer under test.
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var request = [UInt8](repeating: 0, count: 16 * 1024)
                _ = recv(connection, &request, request.count, 0)
                _ = banner.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
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
}
