import Foundation
import Yams

/// Loads `plesk_exporter.yml` (SPEC §5): parses it, expands `${VAR}`, reads `*_file` secrets, applies
/// defaults and validates everything, reporting every problem at once with its line and key.
public enum ConfigLoader {
    /// Largest configuration file read.
    static let maximumFileSize = 16 << 20

    /// Reads and validates the file; `environment` is used for `${VAR}` expansion. Relative `*_file`
    /// paths are resolved against the directory of `path`.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> ExporterConfiguration {
        let bytes: [UInt8]
        switch FileAccess.readAll(path, limit: maximumFileSize) {
        case .success(let contents):
            bytes = contents
        case .failure(let failure):
            throw ConfigError(problems: [
                ConfigProblem(file: path, key: "", message: "cannot read the configuration file: \(failure.reason)")
            ])
        }
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(problems: [ConfigProblem(file: path, key: "", message: "the file is not UTF-8 text")])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: yaml, file: path, environment: environment, baseDirectory: directory)
    }

    /// Validates configuration text. `file` names it in problems; relative `*_file` paths are resolved
    /// against `baseDirectory`, or the current directory when it is nil.
    public static func parse(
        yaml: String, file: String, environment: [String: String], baseDirectory: String?
    ) throws(ConfigError) -> ExporterConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(problems: [yamlProblem(error, file: file, yaml: yaml)])
        }
        let reader = ConfigReader(
            file: file, environment: environment,
            baseDirectory: baseDirectory ?? FileManager.default.currentDirectoryPath)
        var configuration = reader.readConfiguration(root)
        guard reader.problems.isEmpty else {
            throw ConfigError(problems: inFileOrder(reader.problems))
        }
        configuration.warnings = inFileOrder(reader.warnings)
        return configuration
    }

    /// Whole-file problems first, then by line and column; otherwise in the order found.
    static func inFileOrder(_ problems: [ConfigProblem]) -> [ConfigProblem] {
        problems.enumerated().sorted { a, b in
            let left = (a.element.line ?? 0, a.element.column ?? 0, a.offset)
            let right = (b.element.line ?? 0, b.element.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
    }

    /// Turns a Yams error into a problem. Only libyaml's fixed messages and the position are used:
    /// Yams' own descriptions quote the offending line (or the whole file), which may hold a secret.
    static func yamlProblem(_ error: any Error, file: String, yaml: String) -> ConfigProblem {
        func problem(_ message: String, _ mark: Mark?) -> ConfigProblem {
            ConfigProblem(file: file, line: mark?.line, column: mark?.column, key: "", message: message)
        }
        func detail(_ text: String, _ context: YamlError.Context?, _ mark: Mark) -> String {
            guard let context else { return "invalid YAML: \(text)" }
            let position = context.mark.line == mark.line ? "" : " on line \(context.mark.line)"
            return "invalid YAML: \(text) (\(context.text)\(position))"
        }
        guard let error = error as? YamlError else { return problem("invalid YAML", nil) }
        switch error {
        case .scanner(let context, let text, let mark, _),
            .parser(let context, let text, let mark, _),
            .composer(let context, let text, let mark, _):
            return problem(detail(text, context, mark), mark)
        case .reader(let text, let offset, _, _):
            let place = offset.map { Self.position(atCharacterOffset: $0, in: yaml) }
            return ConfigProblem(file: file, line: place?.line, column: place?.column, key: "",
                message: "invalid YAML: \(text)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return problem("duplicate key \(keys) in one mapping (first on this line)", context.mark)
        case .dataCouldNotBeDecoded:
            return problem("the file is not UTF-8 text", nil)
        default:
            return problem("invalid YAML", nil)
        }
    }

    private static func position(atCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
