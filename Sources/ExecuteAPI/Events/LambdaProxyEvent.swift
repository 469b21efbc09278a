import Foundation
import OrderedCollections
import RestJson1
import VTL

/// The Lambda proxy integration's event, format 1.0: the request as API Gateway describes it.
enum LambdaProxyEvent {
    /// - Parameters:
    ///   - resourcePath: the resource the request reached (`/pets/{id}`).
    ///   - context: the request's context as the API describes it (REST: `$context`).
    static func make(
        request: RequestFacts, resourcePath: String, pathParameters: [String: String],
        stageVariables: [String: String], binaryMediaTypes: [String], context: MapValue
    ) -> [UInt8] {
        let (headers, multiValueHeaders) = singleAndMultiValue(request.headers.fields)
        let (query, multiValueQuery) = singleAndMultiValue(request.query)
        let isBinary = MediaType.isBinary(request.headers["Content-Type"], binaryTypes: binaryMediaTypes)
        let body: JSONValue =
            request.body.isEmpty
            ? .null
            : isBinary
                ? .string(Data(request.body).base64EncodedString())
                : .string(String(decoding: request.body, as: UTF8.self))

        func nullIfEmpty(_ members: OrderedDictionary<String, JSONValue>) -> JSONValue {
            members.isEmpty ? .null : .object(members)
        }
        let event: JSONValue = .object([
            "resource": .string(resourcePath), "path": .string(request.path),
            "httpMethod": .string(request.method), "headers": nullIfEmpty(headers),
            "multiValueHeaders": nullIfEmpty(multiValueHeaders), "queryStringParameters": nullIfEmpty(query),
            "multiValueQueryStringParameters": nullIfEmpty(multiValueQuery),
            "pathParameters": nullIfEmpty(pathParameters.mapValues(JSONValue.string).sortedByKey()),
            "stageVariables": nullIfEmpty(stageVariables.mapValues(JSONValue.string).sortedByKey()),
            "requestContext": requestContext(context), "body": body, "isBase64Encoded": .bool(isBinary),
        ])
        return Array(event.jsonText.utf8)
    }

    /// The event's two views of repeated names: the last value, and all of them in order.
    private static func singleAndMultiValue(_ pairs: [(name: String, value: String)]) -> (
        OrderedDictionary<String, JSONValue>, OrderedDictionary<String, JSONValue>
    ) {
        var single: OrderedDictionary<String, JSONValue> = [:]
        var multi: OrderedDictionary<String, [JSONValue]> = [:]
        for (name, value) in pairs {
            single[name] = .string(value)
            multi[name, default: []].append(.string(value))
        }
        return (single, multi.mapValues(JSONValue.array))
    }

    /// `requestContext`: what `$context` holds, less the template-only parts.
    private static func requestContext(_ context: MapValue) -> JSONValue {
        var members: OrderedDictionary<String, JSONValue> = [:]
        let skipped: Set<String> = [
            "requestOverride", "responseOverride", "error", "awsEndpointRequestId", "wafResponseCode", "webaclArn",
            "isCanaryRequest",
        ]
        for (key, value) in context.entries where !skipped.contains(key) {
            if key == "authorizer", case .map(let map) = value, map.entries.isEmpty { continue }
            members[key] = json(value)
        }
        if case .object(var identity)? = members["identity"] {
            identity["accessKey"] = .null
            identity["clientCert"] = nil
            identity["vpceId"] = nil
            identity["apiKey"] = nil
            identity["apiKeyId"] = nil
            members["identity"] = .object(identity)
        }
        return .object(members)
    }

    private static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .map(let map): return .object(map.entries.mapValues(json))
        case .list(let list): return .array(list.items.map(json))
        default: return .string(value.text)
        }
    }
}

extension Dictionary where Key == String {
    func sortedByKey() -> OrderedDictionary<String, Value> {
        OrderedDictionary(uniqueKeysWithValues: sorted { $0.key < $1.key })
    }
}
