import ArgumentParser
import Exporter
import Foundation
import PleskAPI

struct CreateAPIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-api-key",
        abstract: "Create a Plesk API key with Basic auth and print it.",
        discussion: "The password comes from PLESK_PASSWORD, or else the first line of standard input.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Plesk URL, e.g. https://web01.example.com:8443")
    var url: String
    @Option(help: "Administrator login.")
    var user: String = "admin"
    @Option(help: "IP address the key is bound to (repeatable); Plesk uses the caller's address when none is given.")
    var ip: [String] = []
    @Option(help: "Description stored with the key.")
    var description: String = "plesk_exporter"
    @Flag(name: .customLong("tls.insecure-skip-verify"), help: "Do not verify the server certificate.")
    var insecureSkipVerify = false
    @Option(name: .customLong("tls.ca-file"), help: "PEM file of the CA to trust.")
    var caFile: String?

    func run() async throws {
        let logger = global.makeLogger()
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
            parsed.host != nil, parsed.user == nil, parsed.password == nil
        else {
            throw ValidationError("--url must be an http(s) URL with a host and without credentials")
        }
        // At a terminal without echo; a typed password is not shown on the screen or kept in the scrollback.
        guard
            let password = ProcessInfo.processInfo.environment["PLESK_PASSWORD"]
                ?? (try? PasswordInput.read(prompt: "Plesk password for \(user): ", confirm: false)),
            !password.isEmpty
        else {
            throw ValidationError("no password: set PLESK_PASSWORD or pass it on standard input")
        }
        let target = PleskTarget(
            name: parsed.host ?? "plesk", url: parsed, credentials: .basic(username: user, password: password),
            tls: PleskTLSOptions(insecureSkipVerify: insecureSkipVerify, caFile: caFile))
        let client = try PleskAPIClient(target: target, logger: logger)
        do {
            let request = PleskAPIKeyRequest(ips: ip.isEmpty ? nil : ip, description: description)
            let key = try await client.createAPIKey(request)
            await client.shutdown()
            print(key)
        } catch {
            await client.shutdown()
            printError("create-api-key failed: \(error)")
            throw ExitCode(1)
        }
    }
}
