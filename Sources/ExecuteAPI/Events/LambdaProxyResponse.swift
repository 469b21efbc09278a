import Foundation
import OrderedCollections
import RestJson1
import VTL

/// Reading what a Lambda proxy function returned: `statusCode`, `headers`, `multiValueHeaders`,
/// `body` and `isBase64Encoded`, nothing else. Anything malformed, or a function error, is a 502.
enum LambdaProxyResponse {
    static let allowedKeys: Set<String> = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]

    static func parse(_ result: IntegrationOutput, binaryMediaTypes: [String], accept: String?)
        throws(IntegrationFailure) -> IntegrationOutput
    {
        let text = String(decoding: result.body, as: UTF8.self)
        if result.functionError != nil {
            throw .badResponse("Lambda function failed: \(text)")
        }
        guard case .object(let members)? = try? JSONValue.parse(text) else {
            throw .badResponse("Malformed Lambda proxy response: not a JSON object")
        }
        if let unknown = members.keys.first(where: { !allowedKeys.contains($0) }) {
            throw .badResponse("Malformed Lambda proxy response: unexpected field \(unknown)")
        }
        let status: Int
        switch members["statusCode"] {
        case nil: status = 200
        case .integer(let code)?: status = code
        case .string(let code)?:
            guard let code = Int(code) else { throw .badResponse("Malformed Lambda proxy response: statusCode") }
            status = code
        default: throw .badResponse("Malformed Lambda proxy response: statusCode")
        }
        guard (100...599).contains(status) else { throw .badResponse("Malformed Lambda proxy response: statusCode") }
        var headers = Headers()
        var single: OrderedDictionary<String, String> = [:]
        switch members["headers"] {
        case .object(let fields)?:
            for (name, value) in fields {
                guard let scalar = scalarText(value) else {
                    throw .badResponse("Malformed Lambda proxy response: header \(name)")
                }
                single[name] = scalar
            }
        case .null?, nil: break
        default: throw .badResponse("Malformed Lambda proxy response: headers")
        }
        switch members["multiValueHeaders"] {
        case .object(let fields)?:
            for (name, value) in fields {
                guard case .array(let items) = value else {
                    throw .badResponse("Malformed Lambda proxy response: multiValueHeaders.\(name)")
                }
                var values: [String] = []
                for item in items {
                    guard let scalar = scalarText(item) else {
                        throw .badResponse("Malformed Lambda proxy response: multiValueHeaders.\(name)")
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
        default: throw .badResponse("Malformed Lambda proxy response: multiValueHeaders")
        }
        // A function's reserved headers reach the client renamed, as a proxied back end's do.
        for (name, value) in single {
            if let name = ReservedHeaders.responseName(name) { headers.add(name, value) }
        }
        var body: [UInt8] = []
        switch members["body"] {
        case .string(let text)?: body = Array(text.utf8)
        case .null?, nil: break
        default: throw .badResponse("Malformed Lambda proxy response: body must be a string")
        }
        if case .bool(true)? = members["isBase64Encoded"],
            MediaType.acceptsBinary(accept, binaryTypes: binaryMediaTypes)
                || MediaType.isBinary(headers["Content-Type"], binaryTypes: binaryMediaTypes)
        {
            guard let decoded = Data(base64Encoded: Data(body)) else {
                throw .badResponse("Malformed Lambda proxy response: body is not base64")
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
