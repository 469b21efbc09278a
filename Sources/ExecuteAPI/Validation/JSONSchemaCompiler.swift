import Foundation
import OrderedCollections
import RestJson1
import VTL

// MARK: - Compilation

struct SchemaCompiler {
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
