import Foundation
import OrderedCollections
import RestJson1
import VTL

/// JSONPath with Jayway JsonPath's semantics, as API Gateway's `$input.path` and `$input.json`
/// use it: dot and bracket notation, `*` wildcards, `..` deep scan, indexes (negative from the
/// end), slices and filters (`[?(@.price < 10)]`). A definite path gives one value; any
/// wildcard, deep scan, slice, filter or union gives the list of what matched.
public struct JSONPath: Sendable {
    indirect enum Step: Sendable {
        case field([String])
        case wildcard
        case deepScan(Step)
        case indexes([Int])
        case slice(start: Int?, end: Int?, step: Int?)
        case filter(FilterExpression)
    }

    indirect enum FilterExpression: Sendable {
        case exists(JSONPath)
        case compare(Operand, String, Operand)
        case and(FilterExpression, FilterExpression)
        case or(FilterExpression, FilterExpression)
        case not(FilterExpression)
    }

    enum Operand: Sendable {
        case path(JSONPath, relative: Bool)
        case literal(JSONValue)
    }

    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    let steps: [Step]

    /// The most values one evaluation may produce: deep scans of deep scans over a large body
    /// grow with a power of its size.
    public static let maximumValues = 5_000_000
    /// How deeply filters, parentheses and negations may nest.
    static let maximumNesting = 100

    /// Values produced so far by one evaluation.
    final class Work {
        let maximum: Int
        var values = 0
        var exceeded: Bool { values > maximum }

        init(maximum: Int) { self.maximum = maximum }
    }

    public init(_ text: String) throws(JSONPath.Error) {
        // Jayway reads a path without `$` as a path from the root.
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let rooted = trimmed.hasPrefix("$") || trimmed.hasPrefix("@") ? trimmed : "$." + trimmed
        var reader = PathReader(Array(rooted.unicodeScalars))
        steps = try reader.readPath()
        guard reader.atEnd else { throw Error(description: "Unexpected text in path '\(text)'") }
    }

    init(steps: [Step]) {
        self.steps = steps
    }

    /// Whether the path names at most one value (no wildcard, deep scan, slice, filter or union).
    public var isDefinite: Bool {
        steps.allSatisfy {
            switch $0 {
            case .field: true
            case .indexes(let indexes): indexes.count == 1
            default: false
            }
        }
    }

    /// What the path selects in `document`: the value for a definite path (nil when it is not
    /// there), else an array of every match.
    public func evaluate(_ document: JSONValue, maximumValues: Int = JSONPath.maximumValues) throws(JSONPath.Error)
        -> JSONValue?
    {
        let work = Work(maximum: maximumValues)
        let matches = select(from: [document], root: document, work: work)
        if work.exceeded { throw Error(description: "The path selects more than \(maximumValues) values") }
        if isDefinite { return matches.first }
        return .array(matches)
    }

    func select(from start: [JSONValue], root: JSONValue, work: Work) -> [JSONValue] {
        var current = start
        for step in steps {
            current = current.flatMap { apply(step, to: $0, root: root, work: work) }
            work.values += current.count
            if work.exceeded { return [] }
        }
        return current
    }

    private func apply(_ step: Step, to value: JSONValue, root: JSONValue, work: Work) -> [JSONValue] {
        if work.exceeded { return [] }
        switch step {
        case .field(let names):
            guard case .object(let members) = value else { return [] }
            if names.count > 1 {
                // Several properties of one object: Jayway gives an object of those it has.
                var selected: OrderedDictionary<String, JSONValue> = [:]
                for name in names { if let member = members[name] { selected[name] = member } }
                return [.object(selected)]
            }
            return names.compactMap { members[$0] }
        case .wildcard:
            switch value {
            case .object(let members): return Array(members.values)
            case .array(let items): return items
            default: return []
            }
        case .deepScan(let inner):
            var results = apply(inner, to: value, root: root, work: work)
            work.values += 1
            switch value {
            case .object(let members):
                for member in members.values {
                    results += apply(.deepScan(inner), to: member, root: root, work: work)
                }
            case .array(let items):
                for item in items { results += apply(.deepScan(inner), to: item, root: root, work: work) }
            default: break
            }
            return results
        case .indexes(let indexes):
            guard case .array(let items) = value else { return [] }
            return indexes.compactMap { index in
                let position = index < 0 ? items.count + index : index
                return items.indices.contains(position) ? items[position] : nil
            }
        case .slice(let start, let end, let stride):
            guard case .array(let items) = value else { return [] }
            let count = items.count
            func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                guard let bound else { return fallback }
                return bound < 0 ? max(0, count + bound) : min(bound, count)
            }
            let from = clamp(start, 0)
            let to = clamp(end, count)
            let by = max(1, stride ?? 1)
            guard from < to else { return [] }
            return Swift.stride(from: from, to: to, by: by).map { items[$0] }
        case .filter(let expression):
            switch value {
            case .array(let items): return items.filter { test(expression, $0, root: root, work: work) }
            case .object: return test(expression, value, root: root, work: work) ? [value] : []
            default: return []
            }
        }
    }

    private func test(_ expression: FilterExpression, _ item: JSONValue, root: JSONValue, work: Work) -> Bool {
        switch expression {
        case .exists(let path): return !path.select(from: [item], root: root, work: work).isEmpty
        case .and(let a, let b):
            return test(a, item, root: root, work: work) && test(b, item, root: root, work: work)
        case .or(let a, let b):
            return test(a, item, root: root, work: work) || test(b, item, root: root, work: work)
        case .not(let inner): return !test(inner, item, root: root, work: work)
        case .compare(let left, let op, let right):
            guard let a = resolve(left, item, root: root, work: work),
                let b = resolve(right, item, root: root, work: work)
            else {
                return false
            }
            return Self.compare(a, op, b)
        }
    }

    private func resolve(_ operand: Operand, _ item: JSONValue, root: JSONValue, work: Work) -> JSONValue? {
        switch operand {
        case .literal(let value): return value
        case .path(let path, let relative):
            let found = path.select(from: [relative ? item : root], root: root, work: work)
            return path.isDefinite ? found.first : .array(found)
        }
    }

    private static func compare(_ a: JSONValue, _ op: String, _ b: JSONValue) -> Bool {
        func number(_ value: JSONValue) -> Double? {
            switch value {
            case .integer(let integer): Double(integer)
            case .double(let double): double
            default: nil
            }
        }
        switch op {
        case "==": if let x = number(a), let y = number(b) { return x == y } else { return a == b }
        case "!=": if let x = number(a), let y = number(b) { return x != y } else { return a != b }
        case "<", "<=", ">", ">=":
            if let x = number(a), let y = number(b) {
                return op == "<" ? x < y : op == "<=" ? x <= y : op == ">" ? x > y : x >= y
            }
            if case .string(let x) = a, case .string(let y) = b {
                return op == "<" ? x < y : op == "<=" ? x <= y : op == ">" ? x > y : x >= y
            }
            return false
        case "=~":
            guard case .string(let text) = a, case .string(let pattern) = b else { return false }
            // A pattern that runs past its time limit matches nothing.
            return (try? JavaRegex.matches(text, pattern: pattern)) ?? false
        case "in":
            guard case .array(let items) = b else { return false }
            return items.contains(a)
        case "nin":
            guard case .array(let items) = b else { return false }
            return !items.contains(a)
        default: return false
        }
    }
}

/// Reads JSONPath text into steps.
private struct PathReader {
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
