#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port the OS just handed out and released, for tools that cannot report the port they bound (a real
/// Prometheus or Alertmanager in the tests, `serve` in the benchmark). Anything of ours that can bind port 0 does.
public enum FreePort {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "cannot find a free loopback port" }
    }

    public static func next() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Unavailable() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
