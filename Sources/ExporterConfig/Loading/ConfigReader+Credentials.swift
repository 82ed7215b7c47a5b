import Foundation
import Yams

extension ConfigReader {
    static let basicAuthKeys = ["username", "password", "password_file"]

    /// Reads `api_key`, `api_key_file` or `basic_auth`. Exactly one must be given. Secret values are never
    /// put into messages.
    func readCredentials(_ target: ConfigMapping) -> Credentials? {
        let hasKey = target.contains("api_key")
        let hasKeyFile = target.contains("api_key_file")
        let hasBasic = target.contains("basic_auth")
        if hasKey && hasKeyFile {
            problem("give either api_key or api_key_file, not both", key: target.path("api_key_file"),
                at: target["api_key_file"]?.keyMark)
        }
        if (hasKey || hasKeyFile) && hasBasic {
            problem("give either an API key (api_key or api_key_file) or basic_auth, not both",
                key: target.path("basic_auth"), at: target["basic_auth"]?.keyMark)
        }
        if !hasKey && !hasKeyFile && !hasBasic {
            problem("missing credentials: set api_key, api_key_file or basic_auth", key: target.path, at: target.mark)
        }

        var apiKey: Secret?
        if hasKey, let text = scalar(target, "api_key") {
            noteInlineSecret(text, key: target.path("api_key"))
            apiKey = checkedAPIKey(text.value, file: nil, key: target.path("api_key"), at: text.mark)
        }
        if hasKeyFile, let (path, text, mark) = secretFile(target, "api_key_file") {
            let key = checkedAPIKey(text.trimmingCharacters(in: .whitespacesAndNewlines), file: path,
                key: target.path("api_key_file"), at: mark)
            apiKey = apiKey ?? key
        }
        let basic = hasBasic ? readBasicAuth(target) : nil
        if let apiKey { return .apiKey(apiKey) }
        return basic
    }

    private func checkedAPIKey(_ value: String, file: String?, key: String, at mark: Mark?) -> Secret? {
        guard !value.isEmpty else {
            problem(file.map { "\($0) is empty" } ?? "must not be empty", key: key, at: mark)
            return nil
        }
        guard !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            problem("the API key\(file.map { " in \($0)" } ?? "") must not contain spaces, line breaks or control characters",
                key: key, at: mark)
            return nil
        }
        return Secret(value)
    }

    private func readBasicAuth(_ target: ConfigMapping) -> Credentials? {
        guard let basic = mapping(target["basic_auth"]?.value, path: target.path("basic_auth"), allowed: Self.basicAuthKeys)
        else { return nil }
        let basicMark = basic.mark ?? target["basic_auth"]?.keyMark

        var username: String?
        if basic.contains("username") {
            if let text = string(basic, "username") {
                if text.value.contains(":") || text.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    problem("must not contain ':' or control characters", key: basic.path("username"), at: text.mark)
                } else {
                    username = text.value
                }
            }
        } else {
            problem("missing username", key: basic.path("username"), at: basicMark)
        }

        let hasPassword = basic.contains("password")
        let hasPasswordFile = basic.contains("password_file")
        if hasPassword && hasPasswordFile {
            problem("give either password or password_file, not both", key: basic.path("password_file"),
                at: basic["password_file"]?.keyMark)
        } else if !hasPassword && !hasPasswordFile {
            problem("missing password: set password or password_file", key: basic.path("password"), at: basicMark)
        }
        var password: Secret?
        if hasPassword, let text = scalar(basic, "password") {
            noteInlineSecret(text, key: basic.path("password"))
            password = checkedPassword(text.value, file: nil, key: basic.path("password"), at: text.mark)
        }
        if hasPasswordFile, let (path, text, mark) = secretFile(basic, "password_file") {
            // Keep the password as written, less the one line ending editors and `echo` add.
            var value = Substring(text)
            if value.hasSuffix("\r\n") { value = value.dropLast(2) } else if value.hasSuffix("\n") { value = value.dropLast() }
            let secret = checkedPassword(String(value), file: path, key: basic.path("password_file"), at: mark)
            password = password ?? secret
        }
        guard let username, let password else { return nil }
        return .basic(username: username, password: password)
    }

    private func checkedPassword(_ value: String, file: String?, key: String, at mark: Mark?) -> Secret? {
        guard !value.isEmpty else {
            problem(file.map { "\($0) is empty" } ?? "must not be empty", key: key, at: mark)
            return nil
        }
        guard !value.contains(where: \.isNewline) else {
            problem(file.map { "\($0) has more than one line" } ?? "must not contain line breaks", key: key, at: mark)
            return nil
        }
        return Secret(value)
    }
}
