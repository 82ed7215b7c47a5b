import Exporter
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a password from standard input: typed without echo at a terminal (twice with `confirm`), else the first
/// line (so `printf '%s\n' "$PASSWORD" | plesk_exporter hash-password` works in scripts).
enum PasswordInput {
    static func read(prompt: String = "Password: ", confirm: Bool) throws(PasswordError) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw PasswordError(.noInput, "no password on standard input")
            }
            // A file written on Windows ends its line with \r\n.
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try ask(prompt)
        guard confirm else { return first }
        guard first == (try ask("Repeat password: ")) else { throw PasswordError(.mismatch, "the two passwords differ") }
        return first
    }

    private static func ask(_ text: String) throws(PasswordError) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        let canSilence = tcgetattr(STDIN_FILENO, &saved) == 0
        if canSilence {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        let line = readLine(strippingNewline: true)
        if canSilence { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        FileHandle.standardError.write(Data("\n".utf8))
        guard let line else { throw PasswordError(.noInput, "no password entered") }
        return line
    }
}
