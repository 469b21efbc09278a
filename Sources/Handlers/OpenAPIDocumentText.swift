import Foundation
import OrderedCollections
import RestJson1
import Yams

/// An OpenAPI (or API Gateway documentation) file as JSON values, whether it was written in
/// JSON or YAML. YAML mappings keep their key order, as JSON objects do.
enum OpenAPIDocumentText {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> JSONValue {
        if let json = try? JSONValue.parse(data) { return json }
        guard let text = String(data: data, encoding: .utf8) else { throw Unreadable(description: "not UTF-8 text") }
        try checkNesting(text)
        do {
            guard let node = try Yams.compose(yaml: text) else { throw Unreadable(description: "empty document") }
            return try value(of: node)
        } catch let error as Unreadable {
            throw error
        } catch {
            throw Unreadable(description: "\(error)")
        }
    }

    /// The YAML reader recurses once per level; a hostile document nested thousands deep must be
    /// refused before it runs out of stack.
    static let maximumDepth = 256

    private static func checkNesting(_ text: String) throws {
        var flowDepth = 0
        var indentation = 0
        var atLineStart = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                atLineStart = true
                indentation = 0
            case UInt8(ascii: " ") where atLineStart:
                indentation += 1
                // Two columns a level is the least a block level can take.
                if indentation > 2 * maximumDepth { throw Unreadable(description: "nested too deeply") }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                atLineStart = false
                flowDepth += 1
                if flowDepth > maximumDepth { throw Unreadable(description: "nested too deeply") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                atLineStart = false
                flowDepth = max(0, flowDepth - 1)
            default:
                atLineStart = false
            }
        }
    }

    private static func value(of node: Node) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            // Only plain scalars are nulls, booleans or numbers; quoted ones stay strings
            // (`version: "1.0"` is text).
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let integer = node.int { return .integer(integer) }
            if let double = node.float { return .double(double) }
            return .string(scalar.string)
        case .mapping(let mapping):
            var members: OrderedDictionary<String, JSONValue> = [:]
            for (key, item) in mapping {
                guard let name = key.string else { throw Unreadable(description: "a mapping key is not a string") }
                members[name] = try value(of: item)
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(try sequence.map(value(of:)))
        case .alias:
            throw Unreadable(description: "YAML aliases are not supported")
        }
    }
}

extension OpenAPIDocumentText {
    /// The document as YAML, keys in the order they were built.
    static func yaml(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(of: value), width: -1, allowUnicode: true)
    }

    private static func node(of value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null), .plain)
        case .bool(let bool): return Node(bool ? "true" : "false", Tag(.bool), .plain)
        case .integer(let integer): return Node(String(integer), Tag(.int), .plain)
        case .double(let double): return Node(String(double), Tag(.float), .plain)
        case .number(let text): return Node(text, Tag(.float), .plain)
        case .string(let string):
            // Text that YAML would read as another type is quoted.
            let lowered = string.lowercased()
            let ambiguous =
                string.isEmpty || string.first!.isNumber || Int(string) != nil || Double(string) != nil
                || ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lowered)
            return Node(string, Tag(.str), ambiguous ? .singleQuoted : .any)
        case .array(let values):
            return .sequence(Node.Sequence(values.map(node(of:))))
        case .object(let members):
            return .mapping(Node.Mapping(members.map { (Node($0.key, Tag(.str), .any), node(of: $0.value)) }))
        }
    }
}
