import Foundation
import OrderedCollections
import RestJson1
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

// MARK: - Validation

extension JSONSchema {
    struct Failure: CustomStringConvertible {
        var message: String
        /// The instance path, innermost segment first: segments are added as the failure returns upwards.
        var reversedPath: [String] = []

        init(_ message: String) { self.message = message }

        func at(_ segment: String) -> Failure {
            var failure = self
            failure.reversedPath.append(segment)
            return failure
        }

        var description: String {
            if reversedPath.isEmpty { return message }
            return "/\(reversedPath.reversed().joined(separator: "/")): \(message)"
        }
    }

    func check(_ value: JSONValue, _ node: Int) -> Failure? {
        switch nodes[node] {
        case .ref(let target):
            return check(value, target)
        case .constraints(let constraints):
            for constraint in constraints {
                if let failure = check(value, constraint) { return failure }
            }
            return nil
        }
    }

    // Each keyword constrains only values of its kind; others pass it.
    func check(_ value: JSONValue, _ constraint: Constraint) -> Failure? {
        switch constraint {
        case .type(let allowed):
            let kind = Kind(value)
            if allowed.contains(kind) || (kind == .integer && allowed.contains(.number)) { return nil }
            return Failure(
                "instance type (\(kind.rawValue)) does not match any allowed primitive type (allowed: "
                    + "\(Self.quoted(allowed.map(\.rawValue))))")
        case .enumeration(let values, let text):
            if values.contains(Canonical(value)) { return nil }
            return Failure("instance value (\(Self.excerpt(value))) not found in enum (possible values: \(text))")
        case .required(let names):
            guard case .object(let members) = value else { return nil }
            let missing = names.filter { members[$0] == nil }
            return missing.isEmpty ? nil : Failure("object has missing required properties (\(Self.quoted(missing)))")
        case .propertyCount(let min, let max):
            guard case .object(let members) = value else { return nil }
            if let min, members.count < min {
                return Failure("object has too few properties (found: \(members.count), required minimum: \(min))")
            }
            if let max, members.count > max {
                return Failure("object has too many properties (found: \(members.count), maximum allowed: \(max))")
            }
            return nil
        case .properties(let named, let patterns, let additional):
            guard case .object(let members) = value else { return nil }
            return checkMembers(members, named: named, patterns: patterns, additional: additional)
        case .dependencies(let dependencies):
            guard case .object(let members) = value else { return nil }
            for (name, dependency) in dependencies where members[name] != nil {
                switch dependency {
                case .properties(let required):
                    let missing = required.filter { members[$0] == nil }
                    if !missing.isEmpty {
                        return Failure(
                            "property \"\(name)\" of object has missing property dependencies (missing: "
                                + "\(Self.quoted(missing)))")
                    }
                case .schema(let node):
                    if let failure = check(value, node) { return failure }
                }
            }
            return nil
        case .itemCount(let min, let max):
            guard case .array(let elements) = value else { return nil }
            if let min, elements.count < min {
                return Failure(
                    "array is too short: must have at least \(min) elements but instance has \(elements.count) "
                        + "elements")
            }
            if let max, elements.count > max {
                return Failure(
                    "array is too long: must have at most \(max) elements but instance has \(elements.count) elements")
            }
            return nil
        case .items(let items):
            guard case .array(let elements) = value else { return nil }
            return checkElements(elements, items)
        case .uniqueItems:
            guard case .array(let elements) = value else { return nil }
            var seen = Set<Canonical>()
            for (index, element) in elements.enumerated() {
                if !seen.insert(Canonical(element)).inserted {
                    return Failure("array must not contain duplicate elements").at(String(index))
                }
            }
            return nil
        case .minimum(let limit, let exclusive):
            guard let number = Number(value) else { return nil }
            let order = Number.compare(number, limit)
            if order > 0 || (order == 0 && !exclusive) { return nil }
            return Failure(
                exclusive
                    ? "numeric instance is not strictly greater than the required minimum \(limit)"
                    : "numeric instance is lower than the required minimum (minimum: \(limit), found: \(number))")
        case .maximum(let limit, let exclusive):
            guard let number = Number(value) else { return nil }
            let order = Number.compare(number, limit)
            if order < 0 || (order == 0 && !exclusive) { return nil }
            return Failure(
                exclusive
                    ? "numeric instance is not strictly lower than the required maximum \(limit)"
                    : "numeric instance is greater than the required maximum (maximum: \(limit), found: \(number))")
        case .multipleOf(let divisor, let decimalDivisor):
            guard let number = Number(value) else { return nil }
            if Self.isMultiple(value, number, of: divisor, decimalDivisor) { return nil }
            return Failure("remainder of division is not zero (\(number) / \(divisor))")
        case .length(let min, let max):
            guard case .string(let string) = value else { return nil }
            // JSON Schema counts code points.
            let length = string.unicodeScalars.count
            if let min, length < min {
                return Failure(
                    "string \(Self.excerpt(value)) is too short (length: \(length), required minimum: \(min))")
            }
            if let max, length > max {
                return Failure("string \(Self.excerpt(value)) is too long (length: \(length), maximum allowed: \(max))")
            }
            return nil
        case .pattern(let pattern):
            guard case .string(let string) = value, !pattern.matches(string) else { return nil }
            return Failure(
                "ECMA 262 regex \(JSONValue.string(pattern.source).jsonText) does not match input string "
                    + Self.excerpt(value))
        case .allOf(let schemas):
            for node in schemas {
                if let failure = check(value, node) { return failure }
            }
            return nil
        case .anyOf(let schemas):
            if schemas.contains(where: { check(value, $0) == nil }) { return nil }
            return Failure("instance failed to match at least one required schema among \(schemas.count)")
        case .oneOf(let schemas):
            let matched = schemas.filter { check(value, $0) == nil }.count
            if matched == 1 { return nil }
            return Failure("instance failed to match exactly one schema (matched \(matched) out of \(schemas.count))")
        case .not(let node):
            return check(value, node) == nil ? Failure("instance matched a schema which it should not") : nil
        }
    }

    private func checkMembers(
        _ members: OrderedDictionary<String, JSONValue>, named: [String: Int], patterns: [(Pattern, Int)],
        additional: Additional
    ) -> Failure? {
        var unexpected: [String] = []
        for (key, member) in members {
            var matched = false
            if let node = named[key] {
                matched = true
                if let failure = check(member, node) { return failure.at(key) }
            }
            for (pattern, node) in patterns where pattern.matches(key) {
                matched = true
                if let failure = check(member, node) { return failure.at(key) }
            }
            if matched { continue }
            switch additional {
            case .allowed: break
            case .forbidden: unexpected.append(key)
            case .schema(let node):
                if let failure = check(member, node) { return failure.at(key) }
            }
        }
        if unexpected.isEmpty { return nil }
        return Failure(
            "object instance has properties which are not allowed by the schema: \(Self.quoted(unexpected))")
    }

    private func checkElements(_ elements: [JSONValue], _ items: Items) -> Failure? {
        for (index, element) in elements.enumerated() {
            let node: Int
            switch items {
            case .each(let each):
                node = each
            case .positional(let schemas, let additional):
                if index < schemas.count {
                    node = schemas[index]
                } else {
                    switch additional {
                    case .allowed:
                        return nil
                    case .forbidden:
                        return Failure(
                            "array has too many elements (found: \(elements.count), maximum allowed: \(schemas.count))")
                    case .schema(let schema):
                        node = schema
                    }
                }
            }
            if let failure = check(element, node) { return failure.at(String(index)) }
        }
        return nil
    }

    /// Exact for integers; in decimal for other numbers, so that 0.3 is a multiple of 0.1 as the author means
    /// (in binary floating point it is not); in Double where Decimal's range ends.
    static func isMultiple(_ value: JSONValue, _ number: Number, of divisor: Number, _ decimalDivisor: Decimal?)
        -> Bool
    {
        if case .integer(let x) = number.normalized, case .integer(let y) = divisor.normalized {
            return x % y == 0
        }
        if let x = exactDecimal(value), let y = decimalDivisor {
            var quotient = x / y
            if !quotient.isNaN {
                var whole = Decimal()
                NSDecimalRound(&whole, &quotient, 0, .plain)
                return whole == quotient
            }
        }
        let quotient = number.doubleValue / divisor.doubleValue
        return quotient.isFinite && quotient.rounded(.towardZero) == quotient
    }

    /// The number as a Decimal, when its magnitude keeps quotients within Decimal's exponent (about ±127).
    static func exactDecimal(_ value: JSONValue) -> Decimal? {
        func inRange(_ double: Double) -> Bool { double == 0 || (abs(double) > 1e-60 && abs(double) < 1e60) }
        switch value {
        case .integer(let integer): return Decimal(integer)
        case .double(let double): return inRange(double) ? Decimal(string: String(double)) : nil
        case .number(let text):
            guard let double = Double(text), inRange(double) else { return nil }
            return Decimal(string: text)
        default: return nil
        }
    }

    /// `["a","b"]`
    static func quoted(_ names: [String]) -> String {
        JSONValue.array(names.map { .string($0) }).jsonText
    }

    /// A value for a message: containers by kind only and long strings cut, so a failure never copies a body.
    static func excerpt(_ value: JSONValue) -> String {
        switch value {
        case .array: return "array"
        case .object: return "object"
        case .string(let text):
            guard let cut = text.index(text.startIndex, offsetBy: 40, limitedBy: text.endIndex), cut < text.endIndex
            else { return value.jsonText }
            return JSONValue.string(String(text[..<cut]) + "…").jsonText
        default: return value.jsonText
        }
    }
}

// MARK: - Compilation

private struct SchemaCompiler {
    typealias Node = JSONSchema.Node
    typealias Keywords = OrderedDictionary<String, JSONValue>

    /// Where a schema sits: in the schema being compiled (`document` nil) or in a model, at a JSON pointer.
    /// Nodes are keyed by it, so `#/properties/a` is the node compiled for that property, and recursion ends.
    struct Location: Hashable, CustomStringConvertible {
        var document: String?
        var pointer: [String]

        func appending(_ tokens: String...) -> Location {
            Location(document: document, pointer: pointer + tokens)
        }

        var description: String { (document ?? "") + "#" + pointer.map { "/" + $0 }.joined() }
    }

    let root: JSONValue
    let models: [String: JSONValue]
    var nodes: [Node] = []
    var locations: [Location] = []
    var compiled: [Location: Int] = [:]

    mutating func compileRoot() throws -> [Node] {
        _ = try compile(root, at: Location(document: nil, pointer: []))
        try rejectLoops()
        return nodes
    }

    mutating func compile(_ schema: JSONValue, at location: Location) throws -> Int {
        if let index = compiled[location] { return index }
        // Reserved before the keywords compile, so that a $ref back to this schema (recursion) finds it.
        let index = nodes.count
        nodes.append(.constraints([]))
        locations.append(location)
        compiled[location] = index
        let built = try node(schema, at: location)
        nodes[index] = built
        return index
    }

    mutating func node(_ schema: JSONValue, at location: Location) throws -> Node {
        guard case .object(let keywords) = schema else { throw malformed(location, "a schema must be an object") }
        if let ref = keywords["$ref"] {
            guard case .string(let text) = ref else { throw malformed(location, "$ref must be a string") }
            let (target, value) = try resolve(text, from: location)
            return .ref(try compile(value, at: target))
        }
        var constraints: [JSONSchema.Constraint] = []
        if let type = keywords["type"] { constraints.append(.type(try readKinds(type, at: location))) }
        if let values = keywords["enum"] {
            guard case .array(let elements) = values else { throw malformed(location, "enum must be an array") }
            constraints.append(.enumeration(Set(elements.map { JSONSchema.Canonical($0) }), text: values.jsonText))
        }

        if let required = keywords["required"] {
            constraints.append(.required(try strings(required, "required", at: location)))
        }
        let minProperties = try readCount(keywords, "minProperties", at: location)
        let maxProperties = try readCount(keywords, "maxProperties", at: location)
        if minProperties != nil || maxProperties != nil {
            constraints.append(.propertyCount(min: minProperties, max: maxProperties))
        }
        if keywords["properties"] != nil || keywords["patternProperties"] != nil
            || keywords["additionalProperties"] != nil
        {
            var named: [String: Int] = [:]
            for (name, subschema) in try readMembers(keywords, "properties", at: location) {
                named[name] = try compile(subschema, at: location.appending("properties", name))
            }
            var patterns: [(JSONSchema.Pattern, Int)] = []
            for (source, subschema) in try readMembers(keywords, "patternProperties", at: location) {
                let pattern = try compilePattern(source, at: location)
                let node = try compile(subschema, at: location.appending("patternProperties", source))
                patterns.append((pattern, node))
            }
            let additional = try readAdditional(keywords, "additionalProperties", at: location)
            constraints.append(.properties(named: named, patterns: patterns, additional: additional))
        }
        var dependencies: [(String, JSONSchema.Dependency)] = []
        for (name, dependency) in try readMembers(keywords, "dependencies", at: location) {
            switch dependency {
            case .array:
                dependencies.append((name, .properties(try strings(dependency, "dependencies", at: location))))
            case .object:
                let node = try compile(dependency, at: location.appending("dependencies", name))
                dependencies.append((name, .schema(node)))
            default:
                throw malformed(location, "a dependency must be an array of names or a schema")
            }
        }
        if !dependencies.isEmpty { constraints.append(.dependencies(dependencies)) }

        let minItems = try readCount(keywords, "minItems", at: location)
        let maxItems = try readCount(keywords, "maxItems", at: location)
        if minItems != nil || maxItems != nil { constraints.append(.itemCount(min: minItems, max: maxItems)) }
        // additionalItems only means something beside an array of `items`.
        if let items = keywords["items"] {
            switch items {
            case .object:
                constraints.append(.items(.each(try compile(items, at: location.appending("items")))))
            case .array(let schemas):
                var positional: [Int] = []
                for (index, subschema) in schemas.enumerated() {
                    positional.append(try compile(subschema, at: location.appending("items", String(index))))
                }
                let additional = try readAdditional(keywords, "additionalItems", at: location)
                constraints.append(.items(.positional(positional, additional: additional)))
            default:
                throw malformed(location, "items must be a schema or an array of schemas")
            }
        }
        if try readFlag(keywords, "uniqueItems", at: location) == true { constraints.append(.uniqueItems) }

        // Draft-04: exclusiveMinimum/exclusiveMaximum are booleans qualifying minimum/maximum.
        if let minimum = try readNumber(keywords, "minimum", at: location) {
            let exclusive = try readFlag(keywords, "exclusiveMinimum", at: location) ?? false
            constraints.append(.minimum(minimum, exclusive: exclusive))
        }
        if let maximum = try readNumber(keywords, "maximum", at: location) {
            let exclusive = try readFlag(keywords, "exclusiveMaximum", at: location) ?? false
            constraints.append(.maximum(maximum, exclusive: exclusive))
        }
        if let divisor = keywords["multipleOf"] {
            guard let number = JSONSchema.Number(divisor), JSONSchema.Number.compare(number, .integer(0)) > 0 else {
                throw malformed(location, "multipleOf must be a number above zero")
            }
            constraints.append(.multipleOf(number, JSONSchema.exactDecimal(divisor)))
        }

        let minLength = try readCount(keywords, "minLength", at: location)
        let maxLength = try readCount(keywords, "maxLength", at: location)
        if minLength != nil || maxLength != nil { constraints.append(.length(min: minLength, max: maxLength)) }
        if let pattern = keywords["pattern"] {
            guard case .string(let source) = pattern else { throw malformed(location, "pattern must be a string") }
            constraints.append(.pattern(try compilePattern(source, at: location)))
        }

        if let schemas = try readSchemas(keywords, "allOf", at: location) { constraints.append(.allOf(schemas)) }
        if let schemas = try readSchemas(keywords, "anyOf", at: location) { constraints.append(.anyOf(schemas)) }
        if let schemas = try readSchemas(keywords, "oneOf", at: location) { constraints.append(.oneOf(schemas)) }
        if let negated = keywords["not"] {
            constraints.append(.not(try compile(negated, at: location.appending("not"))))
        }
        return .constraints(constraints)
    }

    /// `#/pointer` in the current document, or a model's URL with an optional `#/pointer`.
    func resolve(_ ref: String, from location: Location) throws -> (Location, JSONValue) {
        let hash = ref.firstIndex(of: "#") ?? ref.endIndex
        let base = ref[..<hash]
        let fragment = hash == ref.endIndex ? "" : String(ref[ref.index(after: hash)...])
        let document: String?
        if base.isEmpty {
            document = location.document
        } else if let name = Self.modelName(base) {
            document = name
        } else {
            throw malformed(location, "cannot resolve $ref \"\(ref)\": not a model of this API")
        }
        var value = root
        if let document {
            guard let model = models[document] else {
                throw malformed(location, "cannot resolve $ref \"\(ref)\": no model named \(document)")
            }
            value = model
        }
        guard fragment.isEmpty || fragment.hasPrefix("/") else {
            throw malformed(location, "cannot resolve $ref \"\(ref)\": the fragment is not a JSON pointer")
        }
        // RFC 6901 inside a URI fragment: percent-decode, then ~1 is "/" and ~0 is "~".
        let tokens = fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            (token: Substring) -> String in
            let decoded = String(token).removingPercentEncoding ?? String(token)
            return decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        for token in tokens {
            if case .object(let members) = value, let member = members[token] {
                value = member
            } else if case .array(let elements) = value, let index = Int(token), elements.indices.contains(index) {
                value = elements[index]
            } else {
                throw malformed(location, "cannot resolve $ref \"\(ref)\": nothing at \"\(fragment)\"")
            }
        }
        return (Location(document: document, pointer: tokens), value)
    }

    /// The model a URL names: https://apigateway.amazonaws.com/restapis/{restApiId}/models/{modelName}.
    static func modelName(_ url: Substring) -> String? {
        let parts = url.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "https:" || parts[0] == "http:", parts[1].isEmpty,
            parts[2].lowercased() == "apigateway.amazonaws.com", parts[3] == "restapis", !parts[4].isEmpty,
            parts[5] == "models", !parts[6].isEmpty
        else { return nil }
        return String(parts[6]).removingPercentEncoding ?? String(parts[6])
    }

    /// `$ref`, allOf, anyOf, oneOf, not and schema dependencies apply to the same value. A cycle of them
    /// (`A` is `{"$ref": B}`, `B` is `{"$ref": A}`) would recurse forever without reaching a smaller value.
    func rejectLoops() throws {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 unvisited, 1 on the current path, 2 done
        func visit(_ node: Int) throws {
            if state[node] == 2 { return }
            if state[node] == 1 {
                throw malformed(locations[node], "$ref cycle that never reaches a part of the value")
            }
            state[node] = 1
            for next in sameValueSchemas(nodes[node]) { try visit(next) }
            state[node] = 2
        }
        for node in nodes.indices { try visit(node) }
    }

    func sameValueSchemas(_ node: Node) -> [Int] {
        let constraints: [JSONSchema.Constraint]
        switch node {
        case .ref(let target): return [target]
        case .constraints(let list): constraints = list
        }
        var schemas: [Int] = []
        for constraint in constraints {
            switch constraint {
            case .allOf(let nodes), .anyOf(let nodes), .oneOf(let nodes): schemas += nodes
            case .not(let node): schemas.append(node)
            case .dependencies(let dependencies):
                for (_, dependency) in dependencies {
                    if case .schema(let node) = dependency { schemas.append(node) }
                }
            default: break
            }
        }
        return schemas
    }

    // MARK: Keyword readers

    func malformed(_ location: Location, _ message: String) -> JSONSchema.CompileError {
        JSONSchema.CompileError("\(location): \(message)")
    }

    func compilePattern(_ source: String, at location: Location) throws -> JSONSchema.Pattern {
        do {
            return try JSONSchema.Pattern(source)
        } catch {
            throw malformed(location, "invalid pattern \(JSONValue.string(source).jsonText)")
        }
    }

    func readKinds(_ type: JSONValue, at location: Location) throws -> [JSONSchema.Kind] {
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array: names = try strings(type, "type", at: location)
        default: throw malformed(location, "type must be a string or an array of strings")
        }
        var kinds: [JSONSchema.Kind] = []
        for name in names {
            guard let kind = JSONSchema.Kind(rawValue: name) else {
                throw malformed(location, "unknown type \(JSONValue.string(name).jsonText)")
            }
            kinds.append(kind)
        }
        guard !kinds.isEmpty else { throw malformed(location, "type must name at least one type") }
        return kinds
    }

    func strings(_ value: JSONValue, _ keyword: String, at location: Location) throws -> [String] {
        guard case .array(let elements) = value else { throw malformed(location, "\(keyword) must be an array") }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                throw malformed(location, "\(keyword) must hold only strings")
            }
            names.append(name)
        }
        return names
    }

    func readCount(_ keywords: Keywords, _ keyword: String, at location: Location) throws -> Int? {
        guard let value = keywords[keyword] else { return nil }
        guard case .integer(let count)? = JSONSchema.Number(value)?.normalized, count >= 0 else {
            throw malformed(location, "\(keyword) must be a non-negative integer")
        }
        return count
    }

    func readNumber(_ keywords: Keywords, _ keyword: String, at location: Location) throws -> JSONSchema.Number? {
        guard let value = keywords[keyword] else { return nil }
        guard let number = JSONSchema.Number(value) else { throw malformed(location, "\(keyword) must be a number") }
        return number
    }

    func readFlag(_ keywords: Keywords, _ keyword: String, at location: Location) throws -> Bool? {
        guard let value = keywords[keyword] else { return nil }
        guard case .bool(let flag) = value else { throw malformed(location, "\(keyword) must be a boolean") }
        return flag
    }

    func readMembers(_ keywords: Keywords, _ keyword: String, at location: Location) throws -> Keywords {
        guard let value = keywords[keyword] else { return [:] }
        guard case .object(let members) = value else { throw malformed(location, "\(keyword) must be an object") }
        return members
    }

    mutating func readAdditional(_ keywords: Keywords, _ keyword: String, at location: Location) throws
        -> JSONSchema.Additional
    {
        guard let value = keywords[keyword] else { return .allowed }
        switch value {
        case .bool(let allowed): return allowed ? .allowed : .forbidden
        case .object: return .schema(try compile(value, at: location.appending(keyword)))
        default: throw malformed(location, "\(keyword) must be a boolean or a schema")
        }
    }

    mutating func readSchemas(_ keywords: Keywords, _ keyword: String, at location: Location) throws -> [Int]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .array(let schemas) = value, !schemas.isEmpty else {
            throw malformed(location, "\(keyword) must be a non-empty array of schemas")
        }
        var indexes: [Int] = []
        for (index, schema) in schemas.enumerated() {
            indexes.append(try compile(schema, at: location.appending(keyword, String(index))))
        }
        return indexes
    }
}
