import BigInt
import OrderedCollections

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
}

/// A Java `LinkedHashMap`: keys keep their insertion order, as they print.
public final class MapValue: @unchecked Sendable {
    public var entries: OrderedDictionary<String, Value>
    /// A map from JSON holds only string keys, so looking up `1` finds nothing; a map literal's
    /// keys are whatever the template wrote, matched by their text.
    public let stringKeysOnly: Bool

    public init(_ entries: OrderedDictionary<String, Value> = [:], stringKeysOnly: Bool = false) {
        self.entries = entries
        self.stringKeysOnly = stringKeysOnly
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
    /// Java's `toString` of the value, as Velocity renders it.
    public var text: String {
        switch self {
        case .null: return "null"
        case .string(let string): return string
        case .integer(let integer): return String(integer)
        case .bigInteger(let integer): return integer.description
        case .bigDecimal(let text): return text
        case .double(let double): return JavaNumbers.doubleText(double)
        case .bool(let bool): return bool ? "true" : "false"
        case .list(let list):
            if list.printsAsJSON { return JSONText.write(self) }
            return "[" + list.items.map(\.text).joined(separator: ", ") + "]"
        case .map(let map):
            return "{" + map.entries.map { "\($0.key)=\($0.value.text)" }.joined(separator: ", ") + "}"
        case .object(let object): return object.text
        }
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
