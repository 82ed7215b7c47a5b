import Foundation
import InventoryModel
import Yams

extension ConfigReader {
    static let webhookKeys = ["url", "url_file", "format", "headers_file", "match"]

    func readWebhooks(_ notifications: ConfigMapping) -> [WebhookConfiguration] {
        let nodes = sequence(notifications["webhooks"]?.value, path: notifications.path("webhooks"),
            at: notifications["webhooks"]?.keyMark)
        var webhooks: [WebhookConfiguration] = []
        for (index, node) in nodes.enumerated() {
            let path = notifications.path("webhooks") + "[\(index)]"
            guard let hook = mapping(node, path: path, allowed: Self.webhookKeys) else { continue }
            let url = readWebhookURL(hook)
            var format = WebhookFormat.json
            if let chosen = choice(hook, "format", WebhookFormat.self) { format = chosen }
            var headersFile: String?
            var headers: [WebhookHeader] = []
            if let (filePath, text, mark) = secretFile(hook, "headers_file") {
                headersFile = filePath
                headers = parseHeaders(text, file: filePath, key: hook.path("headers_file"), at: mark)
            }
            var match = EventMatch()
            if let matchMapping = mapping(
                hook["match"]?.value, path: hook.path("match"), allowed: ["objects", "changes", "events", "findings"])
            {
                match.objects = choiceList(matchMapping, "objects", ObjectKind.self)
                match.changes = choiceList(matchMapping, "changes", ChangeKind.self)
                match.events = bool(matchMapping, "events") ?? true
                match.findings = choiceList(matchMapping, "findings", FindingKind.self)
            }
            guard let url else { continue }
            webhooks.append(WebhookConfiguration(url: url, format: format, headersFile: headersFile, headers: headers, match: match))
        }
        return webhooks
    }

    /// `url` or `url_file`. Hook URLs often carry a token, so they are never quoted in messages.
    private func readWebhookURL(_ hook: ConfigMapping) -> URL? {
        let hasURL = hook.contains("url")
        let hasFile = hook.contains("url_file")
        if hasURL && hasFile {
            problem("give either url or url_file, not both", key: hook.path("url_file"), at: hook["url_file"]?.keyMark)
        } else if !hasURL && !hasFile {
            problem("missing url: set url or url_file", key: hook.path("url"), at: hook.mark)
        }
        var url: URL?
        if hasURL, let text = string(hook, "url") {
            url = httpURL(text.value, shown: nil, key: hook.path("url"), at: text.mark, isBase: false)
        }
        if hasFile, let (path, text, mark) = secretFile(hook, "url_file") {
            let fromFile = httpURL(text.trimmingCharacters(in: .whitespacesAndNewlines), shown: nil,
                key: hook.path("url_file") + " (\(path))", at: mark, isBase: false)
            url = url ?? fromFile
        }
        return url
    }

    /// One `Name: value` per line; blank lines and lines starting with `#` are skipped. Values are secrets.
    func parseHeaders(_ text: String, file: String, key: String, at mark: Mark?) -> [WebhookHeader] {
        var headers: [WebhookHeader] = []
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problem("\(file) line \(index + 1): expected \"Name: value\"", key: key, at: mark)
                continue
            }
            let name = String(line[..<colon])
            guard !name.isEmpty, name.allSatisfy(tokenCharacters.contains) else {
                problem("\(file) line \(index + 1): invalid header name", key: key, at: mark)
                continue
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\t" }) else {
                problem("\(file) line \(index + 1): the value contains control characters", key: key, at: mark)
                continue
            }
            headers.append(WebhookHeader(name: name, value: Secret(value)))
        }
        return headers
    }

    /// A list whose items are each one of the values of `type`; duplicates are dropped.
    func choiceList<Choice: CaseIterable & RawRepresentable<String> & Equatable>(
        _ mapping: ConfigMapping, _ key: String, _ type: Choice.Type
    ) -> [Choice] {
        let path = mapping.path(key)
        var result: [Choice] = []
        for (index, node) in sequence(mapping[key]?.value, path: path, at: mapping[key]?.keyMark).enumerated() {
            guard let text = scalar(node, path: "\(path)[\(index)]") else { continue }
            guard let chosen = Choice(rawValue: text.value) else {
                problem("expected one of \(Self.names(of: type)), got \(text.quoted)", key: "\(path)[\(index)]",
                    at: text.mark)
                continue
            }
            if !result.contains(chosen) { result.append(chosen) }
        }
        return result
    }
}
