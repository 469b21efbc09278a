import Foundation
import OrderedCollections
import RestJson1
import VTL

/// Reads JSONPath text into steps.
struct JSONPathReader {
    let scalars: [Unicode.Scalar]
    var index = 0
    /// Filters, parentheses, negations and `&&`/`||` terms entered (see `JSONPath.maximumNesting`).
    var nesting = 0

    mutating func enter() throws(JSONPath.Error) {
        nesting += 1
        if nesting > JSONPath.maximumNesting {
            throw JSONPath.Error(description: "The path nests deeper than \(JSONPath.maximumNesting) levels")
        }
    }

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var atEnd: Bool { index >= scalars.count }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func skipSpace() {
        while let scalar = peek(), scalar == " " { index += 1 }
    }

    /// A path from `$` (or, inside filters, from `@`).
    mutating func readPath() throws(JSONPath.Error) -> [JSONPath.Step] {
        skipSpace()
        if let first = peek(), first == "$" || first == "@" { index += 1 }
        var steps: [JSONPath.Step] = []
        while let scalar = peek() {
            if scalar == "." {
                if peek(1) == "." {
                    index += 2
                    if peek() == "[" {
                        steps.append(.deepScan(try readBracket()))
                    } else {
                        steps.append(.deepScan(try readDotMember()))
                    }
                } else {
                    index += 1
                    steps.append(try readDotMember())
                }
            } else if scalar == "[" {
                steps.append(try readBracket())
            } else {
                break
            }
        }
        return steps
    }

    mutating func readDotMember() throws(JSONPath.Error) -> JSONPath.Step {
        if peek() == "*" {
            index += 1
            return .wildcard
        }
        let start = index
        while let scalar = peek(), !". [(),=<>!&|".unicodeScalars.contains(scalar) { index += 1 }
        guard index > start else { throw JSONPath.Error(description: "Expected a field name after '.'") }
        return .field([String(String.UnicodeScalarView(scalars[start..<index]))])
    }

    mutating func readBracket() throws(JSONPath.Error) -> JSONPath.Step {
        index += 1
        skipSpace()
        guard let scalar = peek() else { throw JSONPath.Error(description: "Unterminated '['") }
        let step: JSONPath.Step
        if scalar == "*" {
            index += 1
            step = .wildcard
        } else if scalar == "'" || scalar == "\"" {
            var names: [String] = []
            while true {
                skipSpace()
                names.append(try readQuoted())
                skipSpace()
                if peek() == "," {
                    index += 1
                    continue
                }
                break
            }
            step = .field(names)
        } else if scalar == "?" {
            index += 1
            skipSpace()
            guard peek() == "(" else { throw JSONPath.Error(description: "Expected '(' after '?'") }
            index += 1
            let expression = try readOr()
            skipSpace()
            guard peek() == ")" else { throw JSONPath.Error(description: "Expected ')' to close a filter") }
            index += 1
            step = .filter(expression)
        } else {
            // Indexes, a union of them, or a slice.
            var numbers: [Int?] = []
            var isSlice = false
            var text = ""
            while let c = peek(), c != "]" {
                if c == ":" {
                    isSlice = true
                    numbers.append(Int(text.trimmingCharacters(in: .whitespaces)))
                    text = ""
                } else if c == "," {
                    numbers.append(Int(text.trimmingCharacters(in: .whitespaces)))
                    text = ""
                } else {
                    text.unicodeScalars.append(c)
                }
                index += 1
            }
            numbers.append(Int(text.trimmingCharacters(in: .whitespaces)))
            if isSlice {
                step = .slice(
                    start: numbers[0], end: numbers.count > 1 ? numbers[1] : nil,
                    step: numbers.count > 2 ? numbers[2] : nil)
            } else {
                let indexes = numbers.compactMap { $0 }
                guard indexes.count == numbers.count, !indexes.isEmpty else {
                    throw JSONPath.Error(description: "Invalid array index")
                }
                step = .indexes(indexes)
            }
        }
        skipSpace()
        guard peek() == "]" else { throw JSONPath.Error(description: "Expected ']'") }
        index += 1
        return step
    }

    mutating func readQuoted() throws(JSONPath.Error) -> String {
        guard let quote = peek(), quote == "'" || quote == "\"" else {
            throw JSONPath.Error(description: "Expected a quoted name")
        }
        index += 1
        var text = ""
        while let scalar = peek(), scalar != quote {
            if scalar == "\\", let next = peek(1) {
                text.unicodeScalars.append(next)
                index += 2
                continue
            }
            text.unicodeScalars.append(scalar)
            index += 1
        }
        guard peek() == quote else { throw JSONPath.Error(description: "Unterminated quoted name") }
        index += 1
        return text
    }

    // MARK: Filters

    mutating func readOr() throws(JSONPath.Error) -> JSONPath.FilterExpression {
        let outer = nesting
        defer { nesting = outer }
        var left = try readAnd()
        while true {
            skipSpace()
            guard peek() == "|", peek(1) == "|" else { return left }
            index += 2
            // Each term nests the tree one level deeper (`.or(.or(a, b), c)`).
            try enter()
            left = .or(left, try readAnd())
        }
    }

    mutating func readAnd() throws(JSONPath.Error) -> JSONPath.FilterExpression {
        let outer = nesting
        defer { nesting = outer }
        var left = try readComparison()
        while true {
            skipSpace()
            guard peek() == "&", peek(1) == "&" else { return left }
            index += 2
            try enter()
            left = .and(left, try readComparison())
        }
    }

    mutating func readComparison() throws(JSONPath.Error) -> JSONPath.FilterExpression {
        try enter()
        defer { nesting -= 1 }
        skipSpace()
        if peek() == "!" {
            index += 1
            return .not(try readComparison())
        }
        if peek() == "(" {
            index += 1
            let inner = try readOr()
            skipSpace()
            guard peek() == ")" else { throw JSONPath.Error(description: "Expected ')'") }
            index += 1
            return inner
        }
        let left = try readOperand()
        skipSpace()
        for op in ["==", "!=", "<=", ">=", "=~", "<", ">", " in ", " nin "] {
            let trimmed = op.trimmingCharacters(in: .whitespaces)
            let opScalars = Array(trimmed.unicodeScalars)
            if index + opScalars.count <= scalars.count, Array(scalars[index..<index + opScalars.count]) == opScalars {
                index += opScalars.count
                let right = try readOperand()
                return .compare(left, trimmed, right)
            }
        }
        guard case .path(let path, _) = left else { throw JSONPath.Error(description: "Expected a comparison") }
        return .exists(path)
    }

    mutating func readOperand() throws(JSONPath.Error) -> JSONPath.Operand {
        skipSpace()
        guard let scalar = peek() else { throw JSONPath.Error(description: "Expected a value in a filter") }
        switch scalar {
        case "@", "$":
            let relative = scalar == "@"
            return .path(JSONPath(steps: try readPath()), relative: relative)
        case "'", "\"":
            return .literal(.string(try readQuoted()))
        case "/":
            index += 1
            var pattern = ""
            while let c = peek(), c != "/" {
                pattern.unicodeScalars.append(c)
                index += 1
            }
            index += 1
            var flags = ""
            while let c = peek(), c == "i" {
                flags.unicodeScalars.append(c)
                index += 1
            }
            return .literal(.string(flags.isEmpty ? pattern : "(?i)" + pattern))
        case "[":
            // A literal list for `in` / `nin`.
            let start = index
            var depth = 0
            while let c = peek() {
                if c == "[" { depth += 1 }
                if c == "]" {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        break
                    }
                }
                index += 1
            }
            let text = String(String.UnicodeScalarView(scalars[start..<index])).replacingOccurrences(
                of: "'", with: "\"")
            guard let value = try? JSONValue.parse(text) else { throw JSONPath.Error(description: "Invalid list") }
            return .literal(value)
        default:
            let start = index
            while let c = peek(), !" )&|=!<>".unicodeScalars.contains(c) { index += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<index]))
            guard let value = try? JSONValue.parse(text) else {
                throw JSONPath.Error(description: "Invalid value '\(text)' in a filter")
            }
            return .literal(value)
        }
    }
}
