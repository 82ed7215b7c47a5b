/// Everything wrong with a configuration file, found in one pass.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// In file order; problems without a line come first.
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
