/// `${VAR}` expansion in scalar values.
///
/// `${NAME}` (NAME = letters, digits, `_`, not starting with a digit) is replaced by the variable's value;
/// `$${` stands for a literal `${`; any other `$` is kept as is, so `pa$$word` stays `pa$$word`.
/// The expanded text is not parsed as YAML again.
enum EnvironmentExpander {
    enum Failure: Equatable {
        /// A variable that is not set, by name.
        case unset(String)
        /// A `${` with no valid `NAME}` after it.
        case malformed
    }

    enum Expansion {
        case value(String)
        case failed([Failure])
    }

    static func expand(_ text: String, environment: [String: String]) -> Expansion {
        guard text.contains("${") else { return .value(text) }
        let characters = Array(text)
        var output = ""
        var failures: [Failure] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "$", index + 2 < characters.count, characters[index + 1] == "$",
                characters[index + 2] == "{"
            {
                output += "${"
                index += 3
            } else if character == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
                    failures.append(.malformed)
                    break
                }
                let name = String(characters[(index + 2)..<close])
                if !isValidName(name) {
                    failures.append(.malformed)
                } else if let value = environment[name] {
                    output += value
                } else if !failures.contains(.unset(name)) {
                    failures.append(.unset(name))
                }
                index = close + 1
            } else {
                output.append(character)
                index += 1
            }
        }
        return failures.isEmpty ? .value(output) : .failed(failures)
    }

    static func isValidName(_ name: String) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
