import Foundation
import OrderedCollections
public import RestJson1
import VTL

/// A request model's JSON Schema (draft-04), compiled once per deployment and then shared by every request
/// that a request validator checks against it. Subschemas sit in one table and refer to each other by index,
/// so a `$ref` (a recursive one too, such as a tree model) is followed while validating instead of being
/// inlined. `format` is not enforced (API Gateway does not enforce it) and unknown keywords are ignored.
/// Failure messages follow the wording of the validator API Gateway runs (java-json-tools).
public struct JSONSchema: Sendable {
    public struct CompileError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public init(message: String) { self.message = message }
        public var description: String { message }
    }

    /// The compiled schemas; the one given to `init` is at index 0.
    let nodes: [Node]

    /// Compiles `schema` (a parsed model schema). `models` maps model names to their parsed schemas, so
    /// `$ref`s to other models of the same API resolve: `https://apigateway.amazonaws.com/restapis/{apiId}/
    /// models/{ModelName}` (any apiId), with or without a `#/json/pointer` fragment, and pointers into the same
    /// document (`#/definitions/Foo`). Throws `CompileError` for unresolvable refs or malformed schemas.
    public init(_ schema: JSONValue, models: [String: JSONValue]) throws {
        var compiler = SchemaCompiler(root: schema, models: models)
        nodes = try compiler.compileRoot()
    }

    /// nil when `value` is valid, else a short description of the first failure (for logs).
    public func firstFailure(_ value: JSONValue) -> String? {
        check(value, 0)?.description
    }

    public func isValid(_ value: JSONValue) -> Bool {
        check(value, 0) == nil
    }

    /// Whether checking a value runs regular expressions (`pattern`, `patternProperties`), each
    /// of which may take up to `JavaRegex.timeLimit`.
    var usesPatterns: Bool {
        nodes.contains { node in
            guard case .constraints(let constraints) = node else { return false }
            return constraints.contains { constraint in
                switch constraint {
                case .pattern: true
                case .properties(_, let patterns, _): !patterns.isEmpty
                default: false
                }
            }
        }
    }
}

// MARK: - Compiled form

extension JSONSchema {
    enum Node: Sendable {
        /// In draft-04 a `$ref` replaces every keyword beside it.
        case ref(Int)
        /// In the order they are checked: type and enum first, as they explain a failure best.
        case constraints([Constraint])
    }

    enum Constraint: Sendable {
        case type([Kind])
        case enumeration(Set<Canonical>, text: String)
        case required([String])
        case propertyCount(min: Int?, max: Int?)
        case properties(named: [String: Int], patterns: [(Pattern, Int)], additional: Additional)
        case dependencies([(String, Dependency)])
        case itemCount(min: Int?, max: Int?)
        case items(Items)
        case uniqueItems
        case minimum(Number, exclusive: Bool)
        case maximum(Number, exclusive: Bool)
        /// The divisor, and the divisor as a Decimal when it is one exactly enough.
        case multipleOf(Number, Decimal?)
        case length(min: Int?, max: Int?)
        case pattern(Pattern)
        case allOf([Int])
        case anyOf([Int])
        case oneOf([Int])
        case not(Int)
    }

    /// `additionalProperties` and `additionalItems`.
    enum Additional: Sendable {
        case allowed
        case forbidden
        case schema(Int)
    }

    enum Items: Sendable {
        case each(Int)
        case positional([Int], additional: Additional)
    }

    enum Dependency: Sendable {
        case properties([String])
        case schema(Int)
    }

    enum Kind: String, Sendable {
        case array, boolean, integer, null, number, object, string

        /// Integral doubles count as integers (1.0 is an integer, as later drafts say outright).
        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool: self = .boolean
            case .integer: self = .integer
            case .double(let double): self = double.rounded(.towardZero) == double ? .integer : .number
            case .number(let text): self = Kind.isIntegral(text) ? .integer : .number
            case .string: self = .string
            case .array: self = .array
            case .object: self = .object
            }
        }

        /// `.number` text has no exponent (the parser reads those as doubles): it is integral when only
        /// zeros follow the point.
        static func isIntegral(_ text: String) -> Bool {
            if text.contains(where: { $0 == "e" || $0 == "E" }) {
                return Double(text).map { $0.rounded(.towardZero) == $0 } ?? false
            }
            guard let point = text.firstIndex(of: ".") else { return true }
            return text[text.index(after: point)...].allSatisfy { $0 == "0" }
        }
    }

    /// A JSON number for comparisons: integers exactly, others as a Double (`.number` text included, whose
    /// extra digits a Double cannot keep).
    enum Number: Sendable, CustomStringConvertible {
        case integer(Int)
        case double(Double)

        init?(_ value: JSONValue) {
            switch value {
            case .integer(let integer): self = .integer(integer)
            case .double(let double): self = .double(double)
            case .number(let text): self = .double(Double(text) ?? .nan)
            default: return nil
            }
        }

        /// Integral doubles within Int's range become integers, so that 1.0 compares (and hashes) as 1.
        var normalized: Number {
            if case .double(let double) = self, double.rounded(.towardZero) == double, double >= -0x1p63,
                double < 0x1p63
            {
                return .integer(Int(double))
            }
            return self
        }

        var doubleValue: Double {
            switch self {
            case .integer(let integer): Double(integer)
            case .double(let double): double
            }
        }

        var description: String {
            switch self {
            case .integer(let integer): String(integer)
            case .double(let double): String(double)
            }
        }

        /// -1, 0 or 1 as `a` is below, equal to or above `b`.
        static func compare(_ a: Number, _ b: Number) -> Int {
            switch (a.normalized, b.normalized) {
            case (.integer(let x), .integer(let y)): return x < y ? -1 : x > y ? 1 : 0
            case (.double(let x), .double(let y)): return x < y ? -1 : x > y ? 1 : 0
            case (.double(let x), .integer(let y)): return compare(x, y)
            case (.integer(let x), .double(let y)): return -compare(y, x)
            }
        }

        /// A normalized double is outside Int's range or has a fraction (so |x| < 2^52), so it never equals
        /// an integer, and Double(y)'s rounding cannot move y across it.
        private static func compare(_ x: Double, _ y: Int) -> Int {
            if x >= 0x1p63 { return 1 }
            if x < -0x1p63 { return -1 }
            return x < Double(y) ? -1 : 1
        }
    }

    /// A JSON value under the equality `enum` and `uniqueItems` use: numbers by value (1 == 1.0), objects
    /// regardless of member order. Hashable, so both are set look-ups.
    enum Canonical: Hashable, Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case double(Double)
        case string(String)
        case array([Canonical])
        case object([String: Canonical])

        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool(let bool): self = .bool(bool)
            case .integer, .double, .number:
                switch Number(value)!.normalized {
                case .integer(let integer): self = .integer(integer)
                case .double(let double): self = .double(double)
                }
            case .string(let string): self = .string(string)
            case .array(let elements): self = .array(elements.map { Canonical($0) })
            case .object(let members):
                var canonical: [String: Canonical] = [:]
                for (key, member) in members { canonical[key] = Canonical(member) }
                self = .object(canonical)
            }
        }
    }

    /// A compiled `pattern`. NSRegularExpression is immutable and documented as safe to share between threads.
    final class Pattern: @unchecked Sendable {
        let source: String
        private let expression: NSRegularExpression

        init(_ source: String) throws {
            self.source = source
            expression = try NSRegularExpression(pattern: source)
        }

        /// Draft-04 patterns are not anchored: they search, as ECMA 262's `RegExp.test` does. A
        /// search that runs past `JavaRegex.timeLimit` does not match, so the body is refused.
        func matches(_ text: String) -> Bool {
            (try? JavaRegex.matches(of: expression, in: text, first: true))?.isEmpty == false
        }
    }
}
