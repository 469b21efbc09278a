/// A value that travels as text in a URI label, a query parameter or a header.
public protocol TextValue: Sendable {
    init?(text: String)
    var text: String { get }
}

extension String: TextValue {
    public init?(text: String) { self = text }
    public var text: String { self }
}

extension Int: TextValue {
    public init?(text: String) { self.init(text.trimmingSpaces) }
    public var text: String { String(self) }
}

extension Int64: TextValue {
    public init?(text: String) { self.init(text.trimmingSpaces) }
    public var text: String { String(self) }
}

extension Double: TextValue {
    public init?(text: String) { self.init(text.trimmingSpaces) }
    public var text: String { JSONWriter.format(self) }
}

extension Bool: TextValue {
    public init?(text: String) {
        switch text.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
    public var text: String { self ? "true" : "false" }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return slice
    }
}

/// Reading text-bound members for generated decoders.
public enum TextBinding {
    public static func optional<T: TextValue>(_ text: String?, as type: T.Type = T.self, path: String) throws -> T? {
        guard let text else { return nil }
        guard let value = T(text: text) else {
            throw ServiceError.serialization("Value '\(text)' at '\(path)' is not a valid \(T.self)")
        }
        return value
    }

    public static func required<T: TextValue>(_ text: String?, as type: T.Type = T.self, path: String) throws -> T {
        guard let value = try optional(text, as: type, path: path) else { throw ServiceError.missingMember(path) }
        return value
    }

    public static func list<T: TextValue>(_ texts: [String], as type: T.Type = T.self, path: String) throws -> [T]? {
        guard !texts.isEmpty else { return nil }
        return try texts.map { try required($0, as: type, path: path) }
    }
}

/// A required member that its binding did not find (a query list, a map, a payload).
public func requireMember<T>(_ value: T?, path: String) throws -> T {
    guard let value else { throw ServiceError.missingMember(path) }
    return value
}

/// A string enumeration of a model. Unknown values are kept, not rejected: clients may send
/// values newer than the model, and handlers decide what is valid (with AWS's messages).
public protocol StringEnum: RawRepresentable<String>, TextValue, JSONCodable, Hashable, CustomStringConvertible {
    init(rawValue: String)
    static var knownValues: [Self] { get }
}

extension StringEnum {
    public init?(text: String) { self.init(rawValue: text) }
    public var text: String { rawValue }
    public var description: String { rawValue }
    public var isKnown: Bool { Self.knownValues.contains(self) }

    public init(json: JSONValue, path: String) throws {
        self.init(rawValue: try String(json: json, path: path))
    }

    public func writeJSON(to writer: inout JSONWriter) { writer.string(rawValue) }
}
