import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a report file atomically: a temporary file in the same directory, flushed to disk, then renamed over the
/// destination. A reader (a mailer, a web server) sees the old file or the new one, never a part.
public enum ReportFile {
    public static func write(_ text: String, to path: String) throws(ReportError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary =
            directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a file in \(directory)", errno) }
        var written = true
        var code: Int32 = 0
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let result = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    written = false
                    code = errno
                    return
                }
                offset += result
            }
        }
        if written && fsync(descriptor) != 0 {
            written = false
            code = errno
        }
        close(descriptor)
        guard written else {
            unlink(temporary)
            throw failure("cannot write \(path)", code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure("cannot write \(path)", code)
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, bytes, count)
        #else
            Darwin.write(descriptor, bytes, count)
        #endif
    }

    private static func failure(_ what: String, _ code: Int32) -> ReportError {
        ReportError(.output, "\(what): \(String(cString: strerror(code)))")
    }
}
