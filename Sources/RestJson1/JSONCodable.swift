public import Foundation
public import OrderedCollections

/// A value that generated serializers read from and write to JSON bodies. `path` names the value
/// in AWS's style (`createRestApiInput.endpointConfiguration.types`) for error messages.
public protocol JSONCodable: Sendable {
    init(json: JSONValue, path: String) throws
    func writeJSON(to writer: inout JSONWriter)
}

extension ServiceError {
    /// AWS's wording when a member is absent that the model requires.
    public static func missingMember(_ path: String) -> ServiceError {
        .validation(
            "1 validation error detected: Value null at '\(path)' failed to satisfy constraint: Member must not be null"
        )
    }

    /// AWS's (Java-flavoured) wording when a JSON value has the wrong type for its member.
    public static func typeMismatch(_ value: JSONValue, expected: String, path: String) -> ServiceError {
        let found =
            switch value {
            case .bool: "java.lang.Boolean"
            case .integer, .double, .number: "com.amazon.coral.value.json.numbers.TruncatingBigNumber"
            case .string: "java.lang.String"
            case .array: "java.util.ArrayList"
            case .object: "java.util.LinkedHashMap"
            case .null: "null"
            }
        // AWS's text, to the letter (recorded); it does not name the member.
        _ = path
        return .serialization("class \(found) can not be converted to an \(expected)")
    }
}

extension String: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        guard case .string(let value) = json else {
            throw ServiceError.typeMismatch(json, expected: "String", path: path)
        }
        self = value
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.string(self) }
}

extension Bool: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        guard case .bool(let value) = json else {
            throw ServiceError.typeMismatch(json, expected: "Boolean", path: path)
        }
        self = value
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Int: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        switch json {
        case .integer(let value): self = value
        case .double(let value) where value == value.rounded() && abs(value) < 9e18: self = Int(value)
        default: throw ServiceError.typeMismatch(json, expected: "Integer", path: path)
        }
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Int64: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        self = Int64(try Int(json: json, path: path))
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Double: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        switch json {
        case .integer(let value): self = Double(value)
        case .double(let value): self = value
        case .number(let text): self = Double(text) ?? 0
        default: throw ServiceError.typeMismatch(json, expected: "Double", path: path)
        }
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.double(self) }
}

/// Blobs travel base64-encoded in JSON bodies.
extension Data: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        guard case .string(let text) = json else { throw ServiceError.typeMismatch(json, expected: "Blob", path: path) }
        guard let data = Data(base64Encoded: text) else {
            throw ServiceError.serialization("Value at '\(path)' is not valid base64")
        }
        self = data
    }
    public func writeJSON(to writer: inout JSONWriter) { writer.string(base64EncodedString()) }
}

extension Array: JSONCodable where Element: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        guard case .array(let elements) = json else {
            throw ServiceError.typeMismatch(json, expected: "List", path: path)
        }
        self = try elements.enumerated().map { index, element in
            try Element(json: element, path: "\(path).\(index + 1).member")
        }
    }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.writeJSON(to: &writer) }
        writer.endArray()
    }
}

/// Maps are written with sorted keys so responses are stable from run to run.
extension Dictionary: JSONCodable where Key == String, Value: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        guard case .object(let members) = json else {
            throw ServiceError.typeMismatch(json, expected: "Map", path: path)
        }
        var result: [String: Value] = [:]
        // A null entry is dropped, unless the map is sparse (its values optional) and keeps it.
        let keepsNull = Value.self is any SparseValue.Type
        for (key, value) in members where value != .null || keepsNull {
            result.updateValue(try Value(json: value, path: "\(path).\(key)"), forKey: key)
        }
        self = result
    }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        for key in keys.sorted() {
            writer.key(key)
            self[key]!.writeJSON(to: &writer)
        }
        writer.endObject()
    }
}

/// The value of a sparse map: JSON null reads as `nil` and `nil` writes as null.
extension Optional: JSONCodable where Wrapped: JSONCodable {
    public init(json: JSONValue, path: String) throws {
        self = json == .null ? nil : try Wrapped(json: json, path: path)
    }
    public func writeJSON(to writer: inout JSONWriter) {
        if let self { self.writeJSON(to: &writer) } else { writer.null() }
    }
}

/// Marks the optional values a sparse map holds, so a map of them keeps its null entries.
protocol SparseValue {}
extension Optional: SparseValue {}

extension JSONValue: JSONCodable {
    public init(json: JSONValue, path: String) throws { self = json }
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

/// Reads the members of a JSON object for a generated structure.
public struct JSONObjectReader {
    public let members: OrderedDictionary<String, JSONValue>
    public let path: String

    public init(_ json: JSONValue, path: String, shape: String) throws {
        guard case .object(let members) = json else {
            throw ServiceError.typeMismatch(json, expected: shape, path: path)
        }
        self.members = members
        self.path = path
    }

    /// An empty body reads as an empty object.
    public init(body: [UInt8], path: String) throws {
        self.path = path
        if body.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            self.members = [:]
            return
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(body)
        } catch {
            throw ServiceError.serialization("Could not parse request body into json: \(error)")
        }
        guard case .object(let members) = json else {
            throw ServiceError.serialization("Could not parse request body into json: the body must be a JSON object")
        }
        self.members = members
    }

    public func optional<T: JSONCodable>(_ key: String, as type: T.Type = T.self) throws -> T? {
        guard let value = members[key], value != .null else { return nil }
        return try T(json: value, path: "\(path).\(key)")
    }

    public func required<T: JSONCodable>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let value = try optional(key, as: type) else { throw ServiceError.missingMember("\(path).\(key)") }
        return value
    }

    public func optionalTimestamp(_ key: String, format: TimestampFormat) throws -> Date? {
        guard let value = members[key], value != .null else { return nil }
        let seconds: Double
        switch value {
        case .integer(let integer): seconds = Double(integer)
        case .double(let double): seconds = double
        case .number(let text): seconds = Double(text) ?? .infinity
        case .string(let text):
            guard let date = format.parse(text) ?? TimestampFormat.iso8601.parse(text) else {
                throw ServiceError.serialization("Value '\(text)' at '\(path).\(key)' is not a valid timestamp")
            }
            seconds = date.timeIntervalSince1970
        default: throw ServiceError.typeMismatch(value, expected: "Date", path: "\(path).\(key)")
        }
        // Years 1 to 9999, as every timestamp format can print them.
        guard TimestampFormat.representableSeconds.contains(seconds) else {
            throw ServiceError.serialization(
                "Value at '\(path).\(key)' is not a timestamp between the years 1 and 9999")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    public func requiredTimestamp(_ key: String, format: TimestampFormat) throws -> Date {
        guard let value = try optionalTimestamp(key, format: format) else {
            throw ServiceError.missingMember("\(path).\(key)")
        }
        return value
    }
}

extension JSONWriter {
    public mutating func timestamp(_ date: Date, format: TimestampFormat) {
        switch format {
        case .epochSeconds:
            let seconds = date.timeIntervalSince1970
            if seconds == seconds.rounded(), let whole = Int64(exactly: seconds) {
                integer(whole)
            } else {
                double(seconds)
            }
        case .iso8601, .httpDate: string(format.format(date))
        }
    }
}
