import Foundation
import OrderedCollections
public import RestJson1
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
        var reader = JSONPathReader(Array(rooted.unicodeScalars))
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
