/// One thing wrong with the configuration, located in the file.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The configuration file as it was named to the loader.
    public var file: String
    /// 1-based line of the offending key or value; nil when the problem concerns the whole file.
    public var line: Int?
    /// 1-based column.
    public var column: Int?
    /// Path of the key, e.g. `targets[1].tls.ca_file` (list indices count from 0); empty for the whole file.
    public var key: String
    /// What is wrong. Never contains a secret.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `plesk_exporter.yml:12: targets[1].tls.ca_file: cannot read /x/y.pem: No such file or directory`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
