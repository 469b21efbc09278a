/// Reading members bound to the query string, headers and payload, for generated decoders.
public enum QueryBinding {
    /// The query parameters that no other member binds, as a map (last value wins). The
    /// parameters of a presigned URL's signature (`X-Amz-*`) are not the caller's.
    public static func map(_ query: [(name: String, value: String)], excluding bound: Set<String>) -> [String: String]?
    {
        var result: [String: String] = [:]
        for item in query where isFree(item.name, bound) { result[item.name] = item.value }
        return result.isEmpty ? nil : result
    }

    /// The same, keeping every value of a repeated parameter.
    public static func multiMap(_ query: [(name: String, value: String)], excluding bound: Set<String>) -> [String:
        [String]]?
    {
        var result: [String: [String]] = [:]
        for item in query where isFree(item.name, bound) { result[item.name, default: []].append(item.value) }
        return result.isEmpty ? nil : result
    }

    static func isFree(_ name: String, _ bound: Set<String>) -> Bool {
        !bound.contains(name) && !name.hasPrefix("X-Amz-")
    }
}

public enum HeaderBinding {
    /// The headers whose names start with `prefix` (compared case-insensitively), keyed by the rest.
    public static func map(_ headers: Headers, prefix: String) -> [String: String]? {
        var result: [String: String] = [:]
        for field in headers where field.name.lowercased().hasPrefix(prefix.lowercased()) {
            result[String(field.name.dropFirst(prefix.count))] = field.value
        }
        return result.isEmpty ? nil : result
    }
}

public enum PayloadBinding {
    /// A structure sent as the whole JSON body; nil when the body is empty.
    public static func json<T: JSONCodable>(_ body: [UInt8], as type: T.Type, path: String) throws -> T? {
        guard !body.isEmpty else { return nil }
        do {
            return try T(json: try JSONValue.parse(body), path: path)
        } catch let error as JSONParseError {
            throw ServiceError.serialization("Could not parse request body into json: \(error)")
        }
    }
}
