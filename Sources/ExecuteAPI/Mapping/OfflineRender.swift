import Foundation
import OrderedCollections
import RestJson1
public import VTL

/// Rendering a mapping template outside a request (`portico render-template`): the caller gives
/// the body, the parameters, and `$context` values merged over a default request context.
public enum OfflineRender {
    public enum Failure: Error, CustomStringConvertible {
        case template(TemplateError)
        case render(RenderError)
        case input(String)

        public var description: String {
            switch self {
            case .template(let error): "Template error: \(error.message) at line \(error.line), column \(error.column)"
            case .render(let error): "Render error: \(error.message)"
            case .input(let message): message
            }
        }
    }

    /// - Parameters:
    ///   - parameters: JSON `{"path": {…}, "querystring": {…}, "header": {…}}`.
    ///   - context: JSON object merged into the default `$context`.
    ///   - stageVariables: JSON object of strings.
    public static func render(
        template text: String, body: String, parameters: String?, context: String?, stageVariables: String?
    ) throws(Failure) -> String {
        let template: Template
        do {
            template = try Template(text)
        } catch {
            throw .template(error)
        }
        var request = MappingTemplateRequest(body: body)
        let parameterObject = try object(parameters, "--params")
        request.path = try strings(parameterObject["path"], "--params path")
        request.querystring = try strings(parameterObject["querystring"], "--params querystring")
        request.header = try strings(parameterObject["header"], "--params header")
        request.stageVariables = try strings(try object(stageVariables, "--stage-variables"), "--stage-variables")
        request.context = merge(defaultContext, try object(context, "--context"))
        do {
            return try template.render(request.variables, options: MappingTemplateRequest.renderOptions)
        } catch {
            throw .render(error)
        }
    }

    /// The `$context` of a request made offline; callers override any of it.
    /// The `$context` variables AWS documents for REST APIs; those a request without a caller
    /// identity or authorizer does not have are null. `requestOverride` and `responseOverride`
    /// are maps a template may set values in.
    static var defaultContext: JSONValue {
        let requestId = UUID().uuidString.lowercased()
        let now = Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return [
            "accountId": "000000000000", "apiId": "offline", "authorizer": [:], "awsEndpointRequestId": .null,
            "deploymentId": "offline", "domainName": "offline.execute-api.localhost", "domainPrefix": "offline",
            "error": ["message": .null, "messageString": .null, "responseType": .null, "validationErrorString": .null],
            "extendedRequestId": .string(requestId), "httpMethod": "POST",
            "identity": [
                "accountId": .null, "apiKey": .null, "apiKeyId": .null, "caller": .null,
                "cognitoAuthenticationProvider": .null, "cognitoAuthenticationType": .null,
                "cognitoIdentityId": .null, "cognitoIdentityPoolId": .null, "principalOrgId": .null,
                "sourceIp": "127.0.0.1", "clientCert": .null, "vpceId": .null, "user": .null,
                "userAgent": "portico render-template", "userArn": .null,
            ],
            "path": "/test/", "protocol": "HTTP/1.1", "requestId": .string(requestId),
            "requestOverride": ["header": [:], "path": [:], "querystring": [:]],
            "responseOverride": ["header": [:], "status": .null],
            "requestTime": .string(formatter.string(from: now)),
            "requestTimeEpoch": .integer(Int(now.timeIntervalSince1970 * 1000)), "resourceId": "offline",
            "resourcePath": "/", "stage": "test", "wafResponseCode": .null, "webaclArn": .null,
        ]
    }

    private static func object(_ text: String?, _ option: String) throws(Failure) -> JSONValue {
        guard let text else { return .object([:]) }
        guard let value = try? JSONValue.parse(text), case .object = value else {
            throw .input("\(option) must be a JSON object")
        }
        return value
    }

    private static func strings(_ value: JSONValue?, _ option: String) throws(Failure) -> OrderedDictionary<
        String, String
    > {
        guard case .object(let members)? = value else { return [:] }
        var result: OrderedDictionary<String, String> = [:]
        for (key, member) in members {
            switch member {
            case .string(let text): result[key] = text
            case .integer, .double, .bool: result[key] = member.jsonText
            default: throw .input("\(option) values must be strings (\(key))")
            }
        }
        return result
    }

    private static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var members) = base, case .object(let overrides) = overlay else { return overlay }
        for (key, value) in overrides {
            members[key] = members[key].map { merge($0, value) } ?? value
        }
        return .object(members)
    }
}
