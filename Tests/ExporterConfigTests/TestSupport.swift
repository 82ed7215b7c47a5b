import Foundation
import TestSupport
import Testing

@testable import ExporterConfig

let testCertificatePEM = """
    -----BEGIN CERTIFICATE-----
    MIIBszCCAVmgAwIBAgIUZmFrZSBjZXJ0aWZpY2F0ZSBmb3IgdGVzdHMwCgYIKoZI
    -----END CERTIFICATE-----

    """

/// Parses `yaml`, expecting success.
func load(
    _ yaml: String, environment: [String: String] = [:], directory: TemporaryDirectory? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> ExporterConfiguration {
    do {
        return try ConfigLoader.parse(
            yaml: yaml, file: "test.yml", environment: environment, baseDirectory: directory?.path ?? "/nonexistent")
    } catch {
        Issue.record("unexpected problems:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Parses `yaml`, expecting problems, and returns them.
func problems(
    _ yaml: String, environment: [String: String] = [:], directory: TemporaryDirectory? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> [ConfigProblem] {
    do {
        _ = try ConfigLoader.parse(
            yaml: yaml, file: "test.yml", environment: environment, baseDirectory: directory?.path ?? "/nonexistent")
        Issue.record("expected the configuration to be rejected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

/// The 1-based line of the first line of `yaml` containing `needle`.
func line(of needle: String, in yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
        Issue.record("\(needle) is not in the YAML", sourceLocation: sourceLocation)
        return nil
    }
    return index + 1
}

/// Expects exactly one problem at `key` whose message contains every one of `fragments`, on the line
/// containing `lineContaining`.
@discardableResult
func expectProblem(
    _ problems: [ConfigProblem], key: String, onLineWith lineContaining: String?, in yaml: String,
    containing fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
) -> ConfigProblem? {
    let matching = problems.filter { problem in
        problem.key == key && fragments.allSatisfy { problem.message.contains($0) }
    }
    guard matching.count == 1, let problem = matching.first else {
        let all = problems.map(\.description).joined(separator: "\n")
        Issue.record("expected one problem at \(key) containing \(fragments), found \(matching.count) among:\n\(all)", sourceLocation: sourceLocation)
        return nil
    }
    if let lineContaining {
        #expect(problem.line == line(of: lineContaining, in: yaml), "\(problem)", sourceLocation: sourceLocation)
    }
    return problem
}

/// A minimal valid target, to embed in configurations that test something else.
let minimalTarget = """
    targets:
      - name: web01
        url: https://web01.example.com:8443
        api_key: k
    """
