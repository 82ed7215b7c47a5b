import Foundation
import Yams

/// Loads the `--web.config.file` (exporter-toolkit `web-config.yml`): parses it, checks every key, value and
/// referenced file, and reports every problem at once with its line and key, like ``ConfigLoader``.
///
/// Unlike `plesk_exporter.yml`, `${VAR}` is not expanded: the format is shared with other exporters, which take
/// values literally.
public enum WebConfigLoader {
    /// Reads and validates the file. Relative paths in it are resolved against its directory.
    public static func load(path: String) throws(ConfigError) -> WebConfiguration {
        let bytes: [UInt8]
        switch FileAccess.readAll(path, limit: ConfigLoader.maximumFileSize) {
        case .success(let contents):
            bytes = contents
        case .failure(let failure):
            throw ConfigError(problems: [
                ConfigProblem(file: path, key: "", message: "cannot read the web configuration file: \(failure.reason)")
            ])
        }
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(problems: [ConfigProblem(file: path, key: "", message: "the file is not UTF-8 text")])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: yaml, file: path, baseDirectory: directory)
    }

    /// Validates web configuration text; `file` names it in problems.
    public static func parse(
        yaml: String, file: String, baseDirectory: String?
    ) throws(ConfigError) -> WebConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(problems: [ConfigLoader.yamlProblem(error, file: file, yaml: yaml)])
        }
        let reader = ConfigReader(
            file: file, environment: [:], baseDirectory: baseDirectory ?? FileManager.default.currentDirectoryPath,
            expandsVariables: false)
        var configuration = reader.readWebConfiguration(root)
        guard reader.problems.isEmpty else {
            throw ConfigError(problems: ConfigLoader.inFileOrder(reader.problems))
        }
        configuration.warnings = ConfigLoader.inFileOrder(reader.warnings)
        return configuration
    }
}
