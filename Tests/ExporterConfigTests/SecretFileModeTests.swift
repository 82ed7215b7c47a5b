import Foundation
import TestSupport
import Testing

@testable import ExporterConfig

/// `check-config` and every start warn when a file holding a secret can be read by every user of the machine.
@Suite("Secret file modes")
struct SecretFileModeTests {
    private func write(_ text: String, to path: String, mode: Int) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    private func configuration(keyMode: Int, configMode: Int, inline: Bool) throws -> ExporterConfiguration {
        let directory = try TemporaryDirectory()
        try write("0123456789abcdef0123456789abcdef", to: directory.file("web01.key"), mode: keyMode)
        let credentials = inline ? "api_key: 0123456789abcdef0123456789abcdef" : "api_key_file: web01.key"
        try write(
            """
            targets:
              - name: web01
                url: https://web01.example.com:8443
                \(credentials)
            """, to: directory.file("plesk_exporter.yml"), mode: configMode)
        return try ConfigLoader.load(path: directory.file("plesk_exporter.yml"))
    }

    @Test("an api_key_file readable by others is named, with its key and line")
    func worldReadableKeyFile() throws {
        let config = try configuration(keyMode: 0o644, configMode: 0o600, inline: false)
        let warning = try #require(config.warnings.first { $0.key == "targets[0].api_key_file" })
        #expect(warning.line == 4)
        #expect(warning.message.contains("web01.key"))
        #expect(warning.message.contains("644"))
        #expect(!warning.message.contains("0123456789abcdef"))
    }

    @Test("0600 and 0640 files raise no warning")
    func privateKeyFile() throws {
        #expect(try configuration(keyMode: 0o600, configMode: 0o644, inline: false).warnings.isEmpty)
        #expect(try configuration(keyMode: 0o640, configMode: 0o640, inline: false).warnings.isEmpty)
    }

    @Test("a key written inline makes a world-readable configuration file a warning")
    func inlineSecret() throws {
        let config = try configuration(keyMode: 0o600, configMode: 0o644, inline: true)
        #expect(config.warnings.map(\.key) == ["targets[0].api_key"])
        #expect(config.warnings.first?.message.contains("plesk_exporter.yml") == true)
        #expect(try configuration(keyMode: 0o600, configMode: 0o600, inline: true).warnings.isEmpty)
    }
}
