import Foundation
import OrderedCollections
import VTL

/// `$context` of a REST API request: the variables AWS documents. It lives for the whole
/// request, so what a request template sets in `requestOverride` and `responseOverride` is seen
/// by the gateway and by the response template. Values are made when a template or mapping
/// reads them: most requests read few or none, and building every map up front cost more than
/// the rest of a MOCK request.
final class RequestContextVariables: HostObject, @unchecked Sendable {
    // One request uses it, from one task at a time.
    struct Identity {
        var sourceIp: String
        var userAgent: String?
        var apiKey: String?
        var apiKeyId: String?
    }

    let accountId: String
    let apiId: String
    let deploymentId: String
    let stage: String
    let method: RestMethod?
    let httpMethod: String
    let requestPath: String
    let host: String
    let requestId: String
    let extendedRequestId: String
    var identity: Identity
    let isCanaryRequest: Bool?
    let started: Date
    /// The maps a template can write into, made on first use.
    private var maps: [String: MapValue] = [:]

    init(
        accountId: String, apiId: String, deploymentId: String, stage: String, method: RestMethod?,
        httpMethod: String, requestPath: String, host: String, requestId: String, extendedRequestId: String,
        identity: Identity, isCanaryRequest: Bool?, started: Date
    ) {
        self.accountId = accountId
        self.apiId = apiId
        self.deploymentId = deploymentId
        self.stage = stage
        self.method = method
        self.httpMethod = httpMethod
        self.requestPath = requestPath
        self.host = host
        self.requestId = requestId
        self.extendedRequestId = extendedRequestId
        self.identity = identity
        self.isCanaryRequest = isCanaryRequest
        self.started = started
    }

    /// Every variable's name, in the order AWS lists them.
    static let names = [
        "accountId", "apiId", "authorizer", "awsEndpointRequestId", "deploymentId", "domainName", "domainPrefix",
        "error", "extendedRequestId", "httpMethod", "identity", "path", "protocol", "requestId", "requestOverride",
        "responseOverride", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage",
        "wafResponseCode", "webaclArn", "isCanaryRequest",
    ]

    func property(_ name: String) -> Value? {
        switch name {
        case "accountId": return .string(accountId)
        case "apiId": return .string(apiId)
        case "deploymentId": return .string(deploymentId)
        case "domainName": return .string(domainName)
        case "domainPrefix": return .string(String(domainName.prefix { $0 != "." }))
        case "extendedRequestId": return .string(extendedRequestId)
        case "httpMethod": return .string(httpMethod)
        case "path": return .string("/\(stage)\(requestPath)")
        case "protocol": return .string("HTTP/1.1")
        case "requestId": return .string(requestId)
        case "requestTime": return .string(Self.requestTime(started))
        case "requestTimeEpoch": return .integer(Int(started.timeIntervalSince1970 * 1000))
        case "resourceId": return method.map { .string($0.resourceId) } ?? .null
        case "resourcePath": return method.map { .string($0.resourcePath) } ?? .null
        case "stage": return .string(stage)
        case "isCanaryRequest": return isCanaryRequest.map { .string($0 ? "true" : "false") } ?? .null
        case "awsEndpointRequestId", "wafResponseCode", "webaclArn": return .null
        case "authorizer", "error", "identity", "requestOverride", "responseOverride": return .map(map(name))
        default: return nil
        }
    }

    func call(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch (name, arguments.count) {
        case ("get", 1): return property(arguments[0].text) ?? .null
        case ("containsKey", 1): return .bool(Self.names.contains(arguments[0].text))
        case ("keySet", 0): return .list(ListValue(Self.names.map(Value.string)))
        default: return nil
        }
    }

    /// Java's `Map.toString` of every variable.
    var text: String { Value.map(materialized()).text }

    var domainName: String { String(host.prefix { $0 != ":" }) }

    /// Every variable as one map (the Lambda proxy event's `requestContext` is made from it).
    func materialized() -> MapValue {
        var entries: OrderedDictionary<String, Value> = [:]
        for name in Self.names {
            if name == "isCanaryRequest" && isCanaryRequest == nil { continue }
            entries[name] = property(name)
        }
        return MapValue(entries, stringKeysOnly: true)
    }

    private func map(_ name: String) -> MapValue {
        if let map = maps[name] { return map }
        let map: MapValue
        switch name {
        case "error":
            map = MapValue([
                "message": .null, "messageString": .null, "responseType": .null, "validationErrorString": .null,
            ])
        case "identity":
            map = MapValue([
                "accountId": .null, "apiKey": identity.apiKey.map(Value.string) ?? .null,
                "apiKeyId": identity.apiKeyId.map(Value.string) ?? .null, "caller": .null,
                "cognitoAuthenticationProvider": .null, "cognitoAuthenticationType": .null,
                "cognitoIdentityId": .null, "cognitoIdentityPoolId": .null, "principalOrgId": .null,
                "sourceIp": .string(identity.sourceIp), "clientCert": .null, "vpceId": .null, "user": .null,
                "userAgent": identity.userAgent.map(Value.string) ?? .null, "userArn": .null,
            ])
        case "requestOverride":
            map = MapValue(["header": .map(MapValue()), "path": .map(MapValue()), "querystring": .map(MapValue())])
        case "responseOverride":
            map = MapValue(["header": .map(MapValue()), "status": .null])
        default:
            map = MapValue()
        }
        maps[name] = map
        return map
    }

    /// The API key the request was let in with.
    func setAPIKeyId(_ id: String) {
        identity.apiKeyId = id
        maps["identity"]?.entries["apiKeyId"] = .string(id)
    }

    /// A mapping expression's `context.a.b` value.
    func value(at path: some StringProtocol) -> Value? {
        var value: Value = .object(self)
        for name in path.split(separator: ".") {
            switch value {
            case .object(let object): guard let next = object.property(String(name)) else { return nil }; value = next
            case .map(let map): guard let next = map.entries[String(name)] else { return nil }; value = next
            default: return nil
            }
        }
        return value
    }

    /// `21/Nov/2026:10:15:00 +0000`, the CLF time AWS gives.
    static func requestTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(parts.tm_mday))/\(months[Int(parts.tm_mon)])/\(parts.tm_year + 1900):"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    /// Sets `$context.error.*` for a gateway response.
    func setError(message: String, responseType: String, validation: String?) {
        let quoted = JSONText.write(.string(message), escapingSlashes: false)
        maps["error"] = MapValue([
            "message": .string(message), "messageString": .string(quoted), "responseType": .string(responseType),
            "validationErrorString": validation.map(Value.string) ?? .null,
        ])
    }

    /// What a template set in `$context.responseOverride`: a status and headers.
    var responseOverride: (status: Int?, headers: [(String, String)]) {
        guard let override = maps["responseOverride"] else { return (nil, []) }
        var status: Int?
        switch override.entries["status"] {
        case .integer(let value)?: status = value
        case .string(let text)?: status = Int(text)
        default: break
        }
        var headers: [(String, String)] = []
        if case .map(let map)? = override.entries["header"] {
            for (name, value) in map.entries where !value.isNull { headers.append((name, value.text)) }
        }
        return (status, headers)
    }

    /// What a request template set in `$context.requestOverride`, by location.
    var requestOverride: [String: [(String, String)]] {
        guard let override = maps["requestOverride"] else { return [:] }
        var result: [String: [(String, String)]] = [:]
        for location in ["header", "path", "querystring"] {
            guard case .map(let map)? = override.entries[location] else { continue }
            result[location] = map.entries.compactMap { $0.value.isNull ? nil : ($0.key, $0.value.text) }
        }
        return result
    }
}
