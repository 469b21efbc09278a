public import BigInt
public import OrderedCollections

/// A value as a template sees it: the Java objects Velocity works with. Lists and maps are
/// reference types, as Java's are: `$list.add(1)` changes every variable that holds the list.
public enum Value: Sendable {
    case null
    case string(String)
    /// A Java `Integer` or `Long` (Velocity promotes on overflow).
    case integer(Int)
    /// A `BigInteger`: what Velocity widens a `Long` to when arithmetic overflows it.
    case bigInteger(BigInt)
    /// A `BigDecimal` from a body's JSON: printed as written; arithmetic uses its double value.
    case bigDecimal(String)
    case double(Double)
    case bool(Bool)
    case list(ListValue)
    case map(MapValue)
    /// An object of the host (`$input`, `$util`, …) with its own properties and methods.
    case object(any HostObject)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var isInteger: Bool {
        switch self {
        case .integer, .bigInteger: true
        default: false
        }
    }

    var isBoolean: Bool {
        if case .bool = self { return true }
        return false
    }
}

/// A Java `List`. `printsAsJSON` marks lists that came from JSON, which API Gateway prints as
/// compact JSON rather than in Java's `[a, b]` form.
public final class ListValue: @unchecked Sendable {
    public var items: [Value]
    public let printsAsJSON: Bool

    public init(_ items: [Value], printsAsJSON: Bool = false) {
        self.items = items
        self.printsAsJSON = printsAsJSON
    }

    deinit {
        guard items.contains(where: \.isCollection) else { return }
        var pending: [Value] = []
        swap(&pending, &items)
        Value.release(&pending)
    }
}

/// A Java `LinkedHashMap`: keys keep their insertion order, as they print.
public final class MapValue: @unchecked Sendable {
    public var entries: OrderedDictionary<String, Value>
    /// A map from JSON holds only string keys, so looking up `1` finds nothing; a map literal's
    /// keys are whatever the template wrote, matched by their text.
    public let stringKeysOnly: Bool
    /// The keys that are not strings (a literal's `{1: "one"}`), by their text: Java's `equals`
    /// tells the Integer 1 from the String "1", so each is found only by its own kind.
    var otherKeys: [String: Value] = [:]

    public init(_ entries: OrderedDictionary<String, Value> = [:], stringKeysOnly: Bool = false) {
        self.entries = entries
        self.stringKeysOnly = stringKeysOnly
    }

    deinit {
        guard entries.values.contains(where: \.isCollection) else { return }
        var pending = Array(entries.values)
        entries = [:]
        Value.release(&pending)
    }
}

extension Value {
    var isCollection: Bool {
        switch self {
        case .list, .map: true
        default: false
        }
    }

    /// Releases nested lists and maps one at a time instead of one inside another: a template can
    /// nest them thousands deep, and a release that recursed once per level would exhaust the stack.
    fileprivate static func release(_ pending: inout [Value]) {
        while var value = pending.popLast() {
            switch value {
            case .list(var list):
                value = .null
                // Only a list nothing else holds may be emptied.
                if isKnownUniquelyReferenced(&list) {
                    pending.append(contentsOf: list.items)
                    list.items = []
                }
            case .map(var map):
                value = .null
                if isKnownUniquelyReferenced(&map) {
                    pending.append(contentsOf: map.entries.values)
                    map.entries = [:]
                }
            default:
                break
            }
        }
    }
}

/// A host object: properties (`$input.body`) and methods (`$input.json('$')`).
public protocol HostObject: Sendable {
    /// The value of `$object.name`, or nil when the object has no such property.
    func property(_ name: String) -> Value?
    /// The result of `$object.name(arguments)`, or nil when the object has no such method.
    func call(_ name: String, _ arguments: [Value]) throws -> Value?
    /// How the object prints when rendered.
    var text: String { get }
}

extension Value {
    /// Java's `toString` of the value, as Velocity renders it. A list or map that holds itself
    /// prints `(this Collection)` or `(this Map)` there, as Java's do; a longer cycle, or nesting
    /// past `maximumPrintDepth`, prints `…` where Java would overflow its stack (the renderer
    /// refuses those first: `printProblem`).
    public var text: String {
        switch self {
        case .null: return "null"
        case .string(let string): return string
        case .integer(let integer): return String(integer)
        case .bigInteger(let integer): return integer.description
        case .bigDecimal(let text): return text
        case .double(let double): return JavaNumbers.doubleText(double)
        case .bool(let bool): return bool ? "true" : "false"
        case .list, .map:
            var output = ""
            var path: [ObjectIdentifier] = []
            appendCollectionText(to: &output, path: &path)
            return output
        case .object(let object): return object.text
        }
    }

    /// How deeply lists and maps may nest and still print.
    static let maximumPrintDepth = 1000
    /// Where printing a list or map stops: past any string a render may build.
    static let maximumPrintBytes = 64 * 1024 * 1024

    private func appendCollectionText(to output: inout String, path: inout [ObjectIdentifier]) {
        let identity: ObjectIdentifier
        switch self {
        case .list(let list): identity = ObjectIdentifier(list)
        case .map(let map): identity = ObjectIdentifier(map)
        default:
            output += text
            return
        }
        // Past a cycle, the depth bound or a length no render keeps, stop printing.
        if path.contains(identity) || path.count >= Self.maximumPrintDepth || output.utf8.count > Self.maximumPrintBytes
        {
            output += "…"
            return
        }
        if case .list(let list) = self, list.printsAsJSON {
            JSONText.append(self, to: &output, escapingSlashes: true, path: &path)
            return
        }
        path.append(identity)
        defer { path.removeLast() }
        switch self {
        case .list(let list):
            output += "["
            for (offset, item) in list.items.enumerated() {
                if offset > 0 { output += ", " }
                if case .list(let inner) = item, inner === list {
                    output += "(this Collection)"
                } else {
                    item.appendCollectionText(to: &output, path: &path)
                }
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (offset, entry) in map.entries.enumerated() {
                if offset > 0 { output += ", " }
                output += entry.key + "="
                if case .map(let inner) = entry.value, inner === map {
                    output += "(this Map)"
                } else {
                    entry.value.appendCollectionText(to: &output, path: &path)
                }
            }
            output += "}"
        default:
            break
        }
    }

    /// Why the value cannot be printed as Java prints it (a list or map inside itself through
    /// another, nesting past `maximumPrintDepth`), or would print longer than `maximumBytes`;
    /// nil when it prints. Sizes are kept per list and map, so shared ones are measured once.
    func printProblem(maximumBytes: Int) -> String? {
        guard isCollection else { return nil }
        var sizes: [ObjectIdentifier: Int] = [:]
        var path: Set<ObjectIdentifier> = []
        do throws(RenderError) {
            if try printedSize(sizes: &sizes, path: &path, maximumBytes: maximumBytes) > maximumBytes {
                return "A list or map prints longer than \(maximumBytes) bytes"
            }
            return nil
        } catch {
            return error.message
        }
    }

    private func printedSize(sizes: inout [ObjectIdentifier: Int], path: inout Set<ObjectIdentifier>, maximumBytes: Int)
        throws(RenderError) -> Int
    {
        let identity: ObjectIdentifier
        let children: [Value]
        switch self {
        case .list(let list):
            identity = ObjectIdentifier(list)
            children = list.items
        case .map(let map):
            identity = ObjectIdentifier(map)
            children = Array(map.entries.values)
        case .string(let string): return string.utf8.count
        case .object: return 64
        default: return text.utf8.count
        }
        if let size = sizes[identity] { return size }
        if path.contains(identity) { throw RenderError(message: "A list or map contains itself through another") }
        if path.count >= Self.maximumPrintDepth {
            throw RenderError(message: "Lists and maps nest deeper than \(Self.maximumPrintDepth) levels")
        }
        path.insert(identity)
        defer { path.remove(identity) }
        var size = 2
        for child in children {
            switch (self, child) {
            case (.list(let outer), .list(let inner)) where outer === inner: size += 20
            case (.map(let outer), .map(let inner)) where outer === inner: size += 12
            default: size += try child.printedSize(sizes: &sizes, path: &path, maximumBytes: maximumBytes) + 2
            }
            // Past the bound the exact size no longer matters.
            if size > maximumBytes { break }
        }
        if case .map(let map) = self { size += map.entries.keys.reduce(0) { $0 + $1.utf8.count + 1 } }
        sizes[identity] = size
        return size
    }

    /// Velocity's truth: false and null are false; everything else is true.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let bool): return bool
        default: return true
        }
    }
}
