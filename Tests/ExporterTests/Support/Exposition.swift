import Foundation
import Testing

/// A Prometheus text exposition, parsed line by line.
struct Exposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    /// Metric family → number of `# HELP` / `# TYPE` lines.
    var helpCount: [String: Int] = [:]
    var typeCount: [String: Int] = [:]
    var types: [String: String] = [:]
    var helps: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst("# HELP ".count)
                let name = String(rest.prefix { $0 != " " })
                helpCount[name, default: 0] += 1
                helps[name] = String(rest.dropFirst(name.count + 1))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst("# TYPE ".count).split(separator: " ")
                let name = String(parts[0])
                typeCount[name, default: 0] += 1
                types[name] = parts.count > 1 ? String(parts[1]) : ""
            } else if !line.hasPrefix("#") {
                samples.append(try Self.parseSample(String(line)))
            }
        }
    }

    static func parseSample(_ line: String) throws -> Sample {
        var index = line.startIndex
        var name = ""
        while index < line.endIndex, line[index] != "{", line[index] != " " {
            name.append(line[index])
            index = line.index(after: index)
        }
        var labels: [String: String] = [:]
        if index < line.endIndex, line[index] == "{" {
            index = line.index(after: index)
            while index < line.endIndex, line[index] != "}" {
                var key = ""
                while line[index] != "=" {
                    key.append(line[index])
                    index = line.index(after: index)
                }
                index = line.index(index, offsetBy: 2)  // ="
                var value = ""
                while line[index] != "\"" {
                    if line[index] == "\\" {
                        index = line.index(after: index)
                        value.append(line[index] == "n" ? "\n" : line[index])
                    } else {
                        value.append(line[index])
                    }
                    index = line.index(after: index)
                }
                index = line.index(after: index)  // closing quote
                if line[index] == "," { index = line.index(after: index) }
                labels[key] = value
            }
            index = line.index(after: index)  // }
        }
        let valueText = line[index...].trimmingCharacters(in: .whitespaces)
        let value: Double
        switch valueText {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default: value = try #require(Double(valueText), "bad sample value in: \(line)")
        }
        return Sample(name: name, labels: labels, value: value)
    }

    func samples(_ name: String) -> [Sample] {
        samples.filter { $0.name == name }
    }

    /// Samples of `name` whose labels include all of `labels`.
    func samples(_ name: String, _ labels: [String: String]) -> [Sample] {
        samples(name).filter { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The single sample of `name` with exactly these labels (plus any config labels), or nil.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples(name, labels)
        return found.count == 1 ? found[0].value : nil
    }
}
