import ArgumentParser
import Exporter

struct HashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Read a password on standard input and print a bcrypt hash for basic_auth_users.",
        discussion: """
            At a terminal the password is asked for twice and not echoed; otherwise the first line of standard input \
            is the password. Empty passwords and passwords longer than 72 bytes are refused.
            """)

    @Option(help: "bcrypt cost, 4 to 31: each step doubles the time a check takes.")
    var cost: Int = PasswordHasher.defaultCost

    /// Before the password is asked for; PasswordHasher checks again because Bcrypt traps on a bad cost.
    func validate() throws {
        guard PasswordHasher.costs.contains(cost) else { throw ValidationError("--cost must be between 4 and 31") }
    }

    func run() throws {
        do {
            let password = try PasswordInput.read(confirm: true)
            print(try PasswordHasher.hash(password, cost: cost))
        } catch {
            printError("hash-password: \(error.description)")
            throw ExitCode(1)
        }
    }
}
