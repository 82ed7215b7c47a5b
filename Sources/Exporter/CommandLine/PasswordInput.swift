#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the password for `hash-password` from standard input: typed twice without echo at a terminal, else the
/// first line (so `printf '%s\n' "$PASSWORD" | plesk_exporter hash-password` works in scripts).
public enum PasswordInput {
    public static func read() throws(PasswordError) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw PasswordError(.noInput, "no password on standard input")
            }
            // A file written on Windows ends its line with \r\n.
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try prompt("Password: ")
        let second = try prompt("Repeat password: ")
        guard first == second else { throw PasswordError(.mismatch, "the two passwords differ") }
        return first
    }

    private static func prompt(_ text: String) throws(PasswordError) -> String {
        writeStandardError(text)
        var saved = termios()
        let canSilence = tcgetattr(STDIN_FILENO, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        let line = readLine(strippingNewline: true)
        if canSilence { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        writeStandardError("\n")
        guard let line else { throw PasswordError(.noInput, "no password entered") }
        return line
    }

    private static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
