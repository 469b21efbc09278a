import Foundation
import OrderedCollections
import VTL

/// `$context` of a REST API request: the variables AWS documents, as one template map that
/// lives for the whole request, so what the request template sets in `requestOverride` and
/// `responseOverride` is seen by the gateway and by the response template.
struct RequestContextVariables {
    struct Identity {
        var sourceIp: String
        var userAgent: String?
        var apiKey: String?
        var apiKeyId: String?
    }

    static func make(
        accountId: String, apiId: String, deploymentId: String, stage: String, method: ServingMethod?,
        httpMethod: String, requestPath: String, host: String, requestId: String, extendedRequestId: String,
        identity: Identity, isCanaryRequest: Bool?, started: Date
    ) -> MapValue {
        let domainName = String(host.prefix { $0 != ":" })
        let domainPrefix = String(domainName.prefix { $0 != "." })
        var entries: OrderedDictionary<String, Value> = [
            "accountId": .string(accountId), "apiId": .string(apiId), "authorizer": .map(MapValue()),
            "awsEndpointRequestId": .null, "deploymentId": .string(deploymentId),
            "domainName": .string(domainName), "domainPrefix": .string(domainPrefix),
            "error": .map(
                MapValue([
                    "message": .null, "messageString": .null, "responseType": .null, "validationErrorString": .null,
                ])),
            "extendedRequestId": .string(extendedRequestId), "httpMethod": .string(method?.httpMethod ?? httpMethod),
            "identity": .map(
                MapValue([
                    "accountId": .null, "apiKey": identity.apiKey.map(Value.string) ?? .null,
                    "apiKeyId": identity.apiKeyId.map(Value.string) ?? .null, "caller": .null,
                    "cognitoAuthenticationProvider": .null, "cognitoAuthenticationType": .null,
                    "cognitoIdentityId": .null, "cognitoIdentityPoolId": .null, "principalOrgId": .null,
                    "sourceIp": .string(identity.sourceIp), "clientCert": .null, "vpceId": .null, "user": .null,
                    "userAgent": identity.userAgent.map(Value.string) ?? .null, "userArn": .null,
                ])),
            "path": .string("/\(stage)\(requestPath)"), "protocol": .string("HTTP/1.1"),
            "requestId": .string(requestId),
            "requestOverride": .map(
                MapValue(["header": .map(MapValue()), "path": .map(MapValue()), "querystring": .map(MapValue())])),
            "responseOverride": .map(MapValue(["header": .map(MapValue()), "status": .null])),
            "requestTime": .string(requestTime(started)),
            "requestTimeEpoch": .integer(Int(started.timeIntervalSince1970 * 1000)),
            "resourceId": method.map { .string($0.resourceId) } ?? .null,
            "resourcePath": method.map { .string($0.resourcePath) } ?? .null, "stage": .string(stage),
            "wafResponseCode": .null, "webaclArn": .null,
        ]
        if let isCanaryRequest { entries["isCanaryRequest"] = .string(isCanaryRequest ? "true" : "false") }
        return MapValue(entries, stringKeysOnly: true)
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
    static func setError(_ context: MapValue, message: String, responseType: String, validation: String?) {
        let quoted = JSONText.write(.string(message), escapingSlashes: false)
        context.entries["error"] = .map(
            MapValue([
                "message": .string(message), "messageString": .string(quoted), "responseType": .string(responseType),
                "validationErrorString": validation.map(Value.string) ?? .null,
            ]))
    }

    /// What a template set in `$context.responseOverride`: a status and headers.
    static func responseOverride(_ context: MapValue) -> (status: Int?, headers: [(String, String)]) {
        guard case .map(let override)? = context.entries["responseOverride"] else { return (nil, []) }
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
    static func requestOverride(_ context: MapValue) -> [String: [(String, String)]] {
        guard case .map(let override)? = context.entries["requestOverride"] else { return [:] }
        var result: [String: [(String, String)]] = [:]
        for location in ["header", "path", "querystring"] {
            guard case .map(let map)? = override.entries[location] else { continue }
            result[location] = map.entries.compactMap { $0.value.isNull ? nil : ($0.key, $0.value.text) }
        }
        return result
    }
}
