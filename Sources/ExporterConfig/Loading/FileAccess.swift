#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole small files (configuration, secrets, CA bundles) and reports the operating system's reason
/// when that fails, which Foundation's file APIs do not expose consistently across platforms.
enum FileAccess {
    struct Failure: Error {
        /// e.g. "No such file or directory".
        var reason: String
    }

    static func readAll(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(Failure(reason: currentReason())) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: currentReason()))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                return .failure(Failure(reason: "file is larger than \(ByteSizeParser.format(limit))"))
            }
        }
    }

    private static func currentReason() -> String {
        String(cString: strerror(errno))
    }
}
