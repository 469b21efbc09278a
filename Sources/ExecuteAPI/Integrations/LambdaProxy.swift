import Foundation
import OrderedCollections
import RestJson1
import VTL

/// The Lambda proxy integration's event, format 1.0: the request as API Gateway describes it.
enum LambdaProxyEvent {
    static func make(
        invocation: RestInvocation, method: ServingMethod, pathParameters: [String: String],
        context: RequestContextVariables
    ) -> [UInt8] {
        let request = invocation.request
        let (headers, multiValueHeaders) = singleAndMultiValue(request.headers.fields)
        let (query, multiValueQuery) = singleAndMultiValue(request.query)
        let isBinary = MediaType.isBinary(
            request.headers["Content-Type"], binaryTypes: invocation.deployment.binaryMediaTypes)
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
            "resource": .string(method.resourcePath), "path": .string(request.path),
            "httpMethod": .string(request.method), "headers": nullIfEmpty(headers),
            "multiValueHeaders": nullIfEmpty(multiValueHeaders), "queryStringParameters": nullIfEmpty(query),
            "multiValueQueryStringParameters": nullIfEmpty(multiValueQuery),
            "pathParameters": nullIfEmpty(pathParameters.mapValues(JSONValue.string).sortedByKey()),
            "stageVariables": nullIfEmpty(invocation.stageVariables.mapValues(JSONValue.string).sortedByKey()),
            "requestContext": requestContext(context.materialized()), "body": body, "isBase64Encoded": .bool(isBinary),
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

/// Reading what a Lambda proxy function returned: `statusCode`, `headers`, `multiValueHeaders`,
/// `body` and `isBase64Encoded`, nothing else. Anything malformed, or a function error, is a 502.
enum LambdaProxyResponse {
    static let allowedKeys: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]

    static func parse(_ result: LambdaResult, binaryMediaTypes: [String], accept: String?) throws(GatewayError)
        -> IntegrationOutput
    {
        let text = String(decoding: result.payload, as: UTF8.self)
        if result.functionError != nil {
            throw .badGateway("Lambda function failed: \(text)")
        }
        guard case .object(let members)? = try? JSONValue.parse(text) else {
            throw .badGateway("Malformed Lambda proxy response: not a JSON object")
        }
        if let unknown = members.keys.first(where: { !allowedKeys.contains($0) }) {
            throw .badGateway("Malformed Lambda proxy response: unexpected field \(unknown)")
        }
        let status: Int
        switch members["statusCode"] {
        case nil: status = 200
        case .integer(let code)?: status = code
        case .string(let code)?:
            guard let code = Int(code) else { throw .badGateway("Malformed Lambda proxy response: statusCode") }
            status = code
        default: throw .badGateway("Malformed Lambda proxy response: statusCode")
        }
        guard (100...599).contains(status) else { throw .badGateway("Malformed Lambda proxy response: statusCode") }
        var headers = Headers()
        var single: OrderedDictionary<String, String> = [:]
        switch members["headers"] {
        case .object(let fields)?:
            for (name, value) in fields {
                guard let scalar = scalarText(value) else {
                    throw .badGateway("Malformed Lambda proxy response: header \(name)")
                }
                single[name] = scalar
            }
        case .null?, nil: break
        default: throw .badGateway("Malformed Lambda proxy response: headers")
        }
        switch members["multiValueHeaders"] {
        case .object(let fields)?:
            for (name, value) in fields {
                guard case .array(let items) = value else {
                    throw .badGateway("Malformed Lambda proxy response: multiValueHeaders.\(name)")
                }
                var values: [String] = []
                for item in items {
                    guard let scalar = scalarText(item) else {
                        throw .badGateway("Malformed Lambda proxy response: multiValueHeaders.\(name)")
                    }
                    values.append(scalar)
                }
                // The same header in both: the multi-value ones first, under the multi-value name.
                if let key = single.keys.first(where: { $0.lowercased() == name.lowercased() }) {
                    values.append(single.removeValue(forKey: key)!)
                }
                if let name = ReservedHeaders.responseName(name) { headers.add(name, values.joined(separator: ", ")) }
            }
        case .null?, nil: break
        default: throw .badGateway("Malformed Lambda proxy response: multiValueHeaders")
        }
        // A function's reserved headers reach the client renamed, as a proxied back end's do.
        for (name, value) in single {
            if let name = ReservedHeaders.responseName(name) { headers.add(name, value) }
        }
        var body: [UInt8] = []
        switch members["body"] {
        case .string(let text)?: body = Array(text.utf8)
        case .null?, nil: break
        default: throw .badGateway("Malformed Lambda proxy response: body must be a string")
        }
        if case .bool(true)? = members["isBase64Encoded"],
            MediaType.acceptsBinary(accept, binaryTypes: binaryMediaTypes)
                || MediaType.isBinary(headers["Content-Type"], binaryTypes: binaryMediaTypes)
        {
            guard let decoded = Data(base64Encoded: Data(body)) else {
                throw .badGateway("Malformed Lambda proxy response: body is not base64")
            }
            body = Array(decoded)
        }
        return IntegrationOutput(status: status, headers: headers, body: body)
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer, .double, .bool, .number: value.jsonText
        default: nil
        }
    }
}
