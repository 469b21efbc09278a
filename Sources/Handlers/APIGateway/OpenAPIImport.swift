import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State

/// A REST API read from an OpenAPI 2.0 (Swagger) or 3.0 document with API Gateway's
/// `x-amazon-apigateway-*` extensions. References between objects are kept by name here
/// (models, validators, authorizers) and resolved to ids when the API is built.
struct ImportedApi {
    struct Operation {
        var method: APIGateway.Method
        /// Names, resolved to ids when the API is built.
        var authorizerName: String?
        var validatorName: String?
        /// The request parameters' names in the order the document declares them.
        var parameterOrder: [String] = []
    }

    var name: String?
    var description: String?
    var version: String?
    var binaryMediaTypes: [String]?
    var apiKeySource: APIGateway.ApiKeySourceType?
    var minimumCompressionSize: Int?
    var policy: String?
    var disableExecuteApiEndpoint: Bool?
    var vpcEndpointIds: [String]?
    /// Models by name: their schema (JSON text, `$ref`s still in document form) and content type.
    var models: OrderedDictionary<String, JSONValue> = [:]
    var validators: OrderedDictionary<String, APIGateway.RequestValidator> = [:]
    var authorizers: OrderedDictionary<String, APIGateway.Authorizer> = [:]
    var gatewayResponses: OrderedDictionary<String, APIGateway.GatewayResponse> = [:]
    /// Paths (after base-path handling), in document order, with their operations by HTTP method.
    var paths: OrderedDictionary<String, OrderedDictionary<String, Operation>> = [:]
    var documentationParts: [(location: APIGateway.DocumentationPartLocation, properties: String)] = []
    var warnings: [String] = []
}

/// Reads an OpenAPI document into an `ImportedApi`, as API Gateway's importer does.
struct OpenAPIImporter {
    enum BasePathMode: String { case ignore, prepend, split }

    let document: JSONValue
    let isSwagger: Bool
    let basePathMode: BasePathMode
    let importDocumentation: Bool

    static let invalidInput = APIGateway.BadRequestException(message: "Invalid OpenAPI input.")

    init(body: Data, parameters: [String: String]?) throws {
        guard let document = try? OpenAPIDocumentText.parse(body), case .object = document else {
            throw Self.invalidInput
        }
        if case .string(let version)? = document["swagger"], version.hasPrefix("2") {
            isSwagger = true
        } else if case .string(let version)? = document["openapi"], version.hasPrefix("3") {
            isSwagger = false
        } else {
            throw Self.invalidInput
        }
        self.document = document
        let mode = parameters?["basepath"] ?? "ignore"
        guard let basePathMode = BasePathMode(rawValue: mode) else {
            throw APIGateway.BadRequestException(
                message: "Invalid basepath parameter: \(mode). Valid options are ignore, prepend, split")
        }
        self.basePathMode = basePathMode
        importDocumentation = parameters?["ignore"] != "documentation"
    }

    func read() throws -> ImportedApi {
        var api = ImportedApi()
        let info = document["info"]
        api.name = info?["title"]?.stringValue
        api.description = info?["description"]?.stringValue
        api.version = info?["version"]?.scalarText
        api.binaryMediaTypes = document["x-amazon-apigateway-binary-media-types"]?.stringArray
        if let source = document["x-amazon-apigateway-api-key-source"]?.stringValue {
            api.apiKeySource = APIGateway.ApiKeySourceType(rawValue: source)
        }
        if case .integer(let size)? = document["x-amazon-apigateway-minimum-compression-size"] {
            api.minimumCompressionSize = size
        }
        if let policy = document["x-amazon-apigateway-policy"] {
            api.policy = policy.stringValue ?? policy.jsonText
        }
        if let endpoint = document["x-amazon-apigateway-endpoint-configuration"] {
            if case .bool(let disabled)? = endpoint["disableExecuteApiEndpoint"] {
                api.disableExecuteApiEndpoint = disabled
            }
            api.vpcEndpointIds = endpoint["vpcEndpointIds"]?.stringArray
        }
        for (name, schema) in members(of: isSwagger ? document["definitions"] : document["components"]?["schemas"]) {
            api.models[name] = schema
        }
        if case .object(let validators)? = document["x-amazon-apigateway-request-validators"] {
            for (name, settings) in validators {
                api.validators[name] = APIGateway.RequestValidator(
                    name: name, validateRequestBody: settings["validateRequestBody"]?.boolValue ?? false,
                    validateRequestParameters: settings["validateRequestParameters"]?.boolValue ?? false)
            }
        }
        let schemes = securitySchemes()
        for (name, scheme) in schemes {
            if let authorizer = authorizer(named: name, scheme: scheme) { api.authorizers[name] = authorizer }
        }
        if case .object(let responses)? = document["x-amazon-apigateway-gateway-responses"] {
            for (type, response) in responses {
                let responseType = APIGateway.GatewayResponseType(rawValue: type)
                guard responseType.isKnown else {
                    api.warnings.append("Unknown gateway response type \(type) was ignored")
                    continue
                }
                api.gatewayResponses[type] = APIGateway.GatewayResponse(
                    responseType: responseType,
                    statusCode: response["statusCode"]?.scalarText ?? GatewayResponses.defaultStatus[type],
                    responseParameters: response["responseParameters"]?.stringMap ?? [:],
                    responseTemplates: response["responseTemplates"]?.stringMap ?? GatewayResponses.defaultTemplates,
                    defaultResponse: false)
            }
        }
        let defaultValidator = document["x-amazon-apigateway-request-validator"]?.stringValue
        let defaultSecurity = document["security"]
        let prefix = basePathPrefix()
        for (rawPath, item) in members(of: document["paths"]) {
            let path = Self.join(prefix, rawPath)
            var operations: OrderedDictionary<String, ImportedApi.Operation> = [:]
            let shared = item["parameters"]
            for (verb, operation) in members(of: item) {
                let httpMethod: String
                if verb == "x-amazon-apigateway-any-method" {
                    httpMethod = "ANY"
                } else if APIGatewayHandler.httpMethods.contains(verb.uppercased()), verb != "any" {
                    httpMethod = verb.uppercased()
                } else {
                    continue
                }
                operations[httpMethod] = try self.operation(
                    operation, httpMethod: httpMethod, path: path, sharedParameters: shared, api: &api,
                    schemes: schemes, defaultSecurity: defaultSecurity, defaultValidator: defaultValidator)
            }
            api.paths[path] = operations
        }
        if importDocumentation,
            case .array(let parts)? = document["x-amazon-apigateway-documentation"]?[
                "documentationParts"]
        {
            for part in parts {
                guard
                    let location = try? APIGateway.DocumentationPartLocation(json: part["location"] ?? .null, path: "")
                else {
                    api.warnings.append("A documentation part without a valid location was ignored")
                    continue
                }
                api.documentationParts.append((location, part["properties"]?.jsonText ?? "{}"))
            }
        }
        return api
    }

    // MARK: Operations

    private func operation(
        _ operation: JSONValue, httpMethod: String, path: String, sharedParameters: JSONValue?,
        api: inout ImportedApi, schemes: OrderedDictionary<String, JSONValue>, defaultSecurity: JSONValue?,
        defaultValidator: String?
    ) throws -> ImportedApi.Operation {
        var method = APIGateway.Method(
            httpMethod: httpMethod, authorizationType: "NONE", apiKeyRequired: false,
            operationName: operation["operationId"]?.stringValue)
        var result = ImportedApi.Operation(method: method)
        // Parameters and bodies.
        var requestParameters: [String: Bool] = [:]
        var parameterOrder: [String] = []
        var requestModels: [String: String] = [:]
        let parameters = (sharedParameters?.arrayValue ?? []) + (operation["parameters"]?.arrayValue ?? [])
        for reference in parameters {
            let parameter = resolve(reference)
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                continue
            }
            let required = parameter["required"]?.boolValue ?? false
            let declared: (String, Bool)? =
                switch location {
                case "path": ("method.request.path.\(name)", true)
                case "query": ("method.request.querystring.\(name)", required)
                case "header": ("method.request.header.\(name)", required)
                default: nil
                }
            if let (key, required) = declared {
                if requestParameters.updateValue(required, forKey: key) == nil { parameterOrder.append(key) }
            }
            if location == "body", let schema = parameter["schema"] {
                for type in operation["consumes"]?.stringArray ?? document["consumes"]?.stringArray
                    ?? ["application/json"]
                {
                    requestModels[type] = modelName(for: schema, suggested: name, api: &api)
                }
            }
        }
        if !isSwagger, let body = operation["requestBody"].map(resolve) {
            for (type, media) in members(of: body["content"]) {
                if let schema = media["schema"] {
                    requestModels[type] = modelName(
                        for: schema, suggested: (operation["operationId"]?.stringValue ?? "") + "Request", api: &api)
                }
            }
        }
        // Every parameter of the path template is a required path parameter, declared or not.
        for name in Self.pathParameterNames(path) {
            let key = "method.request.path.\(name)"
            if requestParameters.updateValue(true, forKey: key) == nil { parameterOrder.append(key) }
        }
        method.requestParameters = requestParameters.isEmpty ? nil : requestParameters
        method.requestModels = requestModels.isEmpty ? nil : requestModels
        // Responses.
        var responses: [String: APIGateway.MethodResponse] = [:]
        for (status, reference) in members(of: operation["responses"]) where Int(status) != nil {
            let response = resolve(reference)
            var parameters: [String: Bool] = [:]
            for (header, _) in members(of: response["headers"]) {
                parameters["method.response.header.\(header)"] = false
            }
            var models: [String: String] = [:]
            if isSwagger {
                if let schema = response["schema"] {
                    let types =
                        operation["produces"]?.stringArray ?? document["produces"]?.stringArray
                        ?? ["application/json"]
                    for type in types {
                        models[type] = modelName(for: schema, suggested: "Response\(status)", api: &api)
                    }
                }
            } else {
                for (type, media) in members(of: response["content"]) {
                    if let schema = media["schema"] {
                        models[type] = modelName(for: schema, suggested: "Response\(status)", api: &api)
                    }
                }
            }
            responses[status] = APIGateway.MethodResponse(
                statusCode: status, responseParameters: parameters.isEmpty ? nil : parameters,
                responseModels: models.isEmpty ? nil : models)
        }
        method.methodResponses = responses.isEmpty ? nil : responses
        // Security: API keys, authorizers, IAM.
        for requirement in (operation["security"] ?? defaultSecurity)?.arrayValue ?? [] {
            for (schemeName, scopes) in members(of: requirement) {
                guard let scheme = schemes[schemeName] else {
                    api.warnings.append(
                        "Security scheme \(schemeName) of '\(httpMethod)' at '\(path)' is not defined and was ignored")
                    continue
                }
                let authType = scheme["x-amazon-apigateway-authtype"]?.stringValue?.lowercased()
                if let authorizer = api.authorizers[schemeName] {
                    method.authorizationType =
                        authorizer.type == .cognitoUserPools ? "COGNITO_USER_POOLS" : "CUSTOM"
                    result.authorizerName = schemeName
                    if let scopes = scopes.stringArray, !scopes.isEmpty { method.authorizationScopes = scopes }
                } else if authType == "awssigv4" {
                    method.authorizationType = "AWS_IAM"
                } else if scheme["type"]?.stringValue == "apiKey" {
                    method.apiKeyRequired = true
                }
            }
        }
        result.validatorName = operation["x-amazon-apigateway-request-validator"]?.stringValue ?? defaultValidator
        if let integration = operation["x-amazon-apigateway-integration"] {
            method.methodIntegration = try self.integration(integration, httpMethod: httpMethod, path: path, api: &api)
        }
        result.method = method
        result.parameterOrder = parameterOrder
        return result
    }

    private func integration(_ spec: JSONValue, httpMethod: String, path: String, api: inout ImportedApi) throws
        -> APIGateway.Integration
    {
        var integration = APIGateway.Integration(
            type: APIGateway.IntegrationType(rawValue: (spec["type"]?.stringValue ?? "").uppercased()),
            httpMethod: spec["httpMethod"]?.stringValue, uri: spec["uri"]?.stringValue,
            connectionType: spec["connectionType"]?.stringValue.map {
                APIGateway.ConnectionType(rawValue: $0.uppercased())
            },
            connectionId: spec["connectionId"]?.stringValue, credentials: spec["credentials"]?.stringValue,
            passthroughBehavior: (spec["passthroughBehavior"]?.stringValue ?? "when_no_match").uppercased(),
            contentHandling: spec["contentHandling"]?.stringValue.map {
                APIGateway.ContentHandlingStrategy(rawValue: $0)
            },
            timeoutInMillis: spec["timeoutInMillis"]?.intValue ?? 29_000,
            cacheNamespace: spec["cacheNamespace"]?.stringValue,
            cacheKeyParameters: spec["cacheKeyParameters"]?.stringArray ?? [])
        var requestParameters: [String: String] = [:]
        for (name, value) in members(of: spec["requestParameters"]) {
            guard let text = value.stringValue else {
                api.warnings.append(
                    "Invalid format for 'requestParameters'. Expected type string for property '\(name)' of resource "
                        + "'\(path)' and method '\(httpMethod)' but got '\(value.scalarText ?? value.jsonText)'")
                continue
            }
            requestParameters[name] = text
        }
        integration.requestParameters = requestParameters.isEmpty ? nil : requestParameters
        integration.requestTemplates = spec["requestTemplates"]?.stringMap
        if case .bool(let skip)? = spec["tlsConfig"]?["insecureSkipVerification"] {
            integration.tlsConfig = APIGateway.TlsConfig(insecureSkipVerification: skip)
        }
        var responses: [String: APIGateway.IntegrationResponse] = [:]
        for (pattern, response) in members(of: spec["responses"]) {
            guard let status = response["statusCode"]?.scalarText else { continue }
            responses[status] = APIGateway.IntegrationResponse(
                statusCode: status, selectionPattern: pattern == "default" ? nil : pattern,
                responseParameters: response["responseParameters"]?.stringMap,
                responseTemplates: response["responseTemplates"]?.templateMap,
                contentHandling: response["contentHandling"]?.stringValue.map {
                    APIGateway.ContentHandlingStrategy(rawValue: $0)
                })
        }
        integration.integrationResponses = responses.isEmpty ? nil : responses
        do {
            try APIGatewayHandler.validate(&integration, vpcLinks: nil)
        } catch let error as APIGateway.BadRequestException {
            throw APIGateway.BadRequestException(
                message: "Errors found during import:\n\tUnable to put integration on '\(httpMethod)' for resource "
                    + "at path '\(path)': \(error.message ?? "")")
        }
        return integration
    }

    // MARK: Security schemes

    private func securitySchemes() -> OrderedDictionary<String, JSONValue> {
        var schemes: OrderedDictionary<String, JSONValue> = [:]
        for (name, scheme) in members(
            of: isSwagger
                ? document["securityDefinitions"]
                : document["components"]?[
                    "securitySchemes"])
        {
            schemes[name] = scheme
        }
        return schemes
    }

    private func authorizer(named name: String, scheme: JSONValue) -> APIGateway.Authorizer? {
        guard let spec = scheme["x-amazon-apigateway-authorizer"] else { return nil }
        let type = APIGateway.AuthorizerType(rawValue: (spec["type"]?.stringValue ?? "token").uppercased())
        var identitySource = spec["identitySource"]?.stringValue
        if identitySource == nil, type == .token || type == .cognitoUserPools,
            scheme["in"]?.stringValue == "header", let header = scheme["name"]?.stringValue
        {
            identitySource = "method.request.header.\(header)"
        }
        return APIGateway.Authorizer(
            name: name, type: type, providerARNs: spec["providerARNs"]?.stringArray,
            authType: scheme["x-amazon-apigateway-authtype"]?.stringValue
                ?? (type == .cognitoUserPools ? "cognito_user_pools" : "custom"),
            authorizerUri: spec["authorizerUri"]?.stringValue,
            authorizerCredentials: spec["authorizerCredentials"]?.stringValue, identitySource: identitySource,
            identityValidationExpression: spec["identityValidationExpression"]?.stringValue,
            authorizerResultTtlInSeconds: spec["authorizerResultTtlInSeconds"]?.intValue
                ?? (type == .cognitoUserPools ? nil : 300))
    }

    // MARK: Models and references

    /// The model a body or response schema names; an inline schema becomes a model of its own.
    private func modelName(for schema: JSONValue, suggested: String, api: inout ImportedApi) -> String {
        if let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last {
            return String(name)
        }
        let base = String(suggested.filter { $0.isLetter || $0.isNumber }.prefix(60))
        var name = base.isEmpty ? "Model" : base.prefix(1).uppercased() + base.dropFirst()
        var counter = 1
        while let existing = api.models[name], existing != schema {
            counter += 1
            name = "\(base.isEmpty ? "Model" : base)\(counter)"
        }
        api.models[name] = schema
        return name
    }

    /// Follows a local `$ref` (`#/parameters/X`, `#/components/responses/X`, …) to its object.
    private func resolve(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue, reference.hasPrefix("#/") else { return value }
        var current: JSONValue? = document
        for segment in reference.dropFirst(2).split(separator: "/") {
            current =
                current?[
                    String(segment).replacingOccurrences(of: "~1", with: "/")
                        .replacingOccurrences(of: "~0", with: "~")]
        }
        return current ?? value
    }

    private func members(of value: JSONValue?) -> [(String, JSONValue)] {
        guard case .object(let members)? = value else { return [] }
        return members.map { ($0.key, $0.value) }
    }

    // MARK: Base path

    /// The prefix `basepath=prepend` or `split` puts before every path.
    private func basePathPrefix() -> String {
        guard basePathMode != .ignore, let basePath = documentBasePath(), basePath != "/" else { return "" }
        let segments = basePath.split(separator: "/").map(String.init)
        switch basePathMode {
        case .prepend: return "/" + segments.joined(separator: "/")
        case .split: return segments.count > 1 ? "/" + segments.dropFirst().joined(separator: "/") : ""
        case .ignore: return ""
        }
    }

    private func documentBasePath() -> String? {
        if isSwagger { return document["basePath"]?.stringValue }
        guard case .array(let servers)? = document["servers"], let server = servers.first else { return nil }
        // OpenAPI 3 documents give API Gateway's base path as the server variable `basePath`,
        // whether or not the URL uses it.
        if let basePath = server["variables"]?["basePath"]?["default"]?.scalarText {
            return basePath.hasPrefix("/") ? basePath : "/" + basePath
        }
        guard var url = server["url"]?.stringValue else { return nil }
        if let variables = server["variables"] {
            for (name, variable) in members(of: variables) {
                url = url.replacingOccurrences(of: "{\(name)}", with: variable["default"]?.scalarText ?? "")
            }
        }
        if let range = url.range(of: "://") {
            let rest = url[range.upperBound...]
            url = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        return url.hasPrefix("/") ? url : "/" + url
    }

    /// The names of a path template's parameters: `{id}` and `{proxy+}` name `id` and `proxy`.
    static func pathParameterNames(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return nil }
            let name = segment.dropFirst().dropLast()
            return String(name.hasSuffix("+") ? name.dropLast() : name)
        }.filter { !$0.isEmpty }
    }

    static func join(_ prefix: String, _ path: String) -> String {
        guard !prefix.isEmpty else { return path }
        return path == "/" ? prefix : prefix + path
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A scalar as text (`200` and `"200"` alike).
    var scalarText: String? {
        switch self {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        switch self {
        case .integer(let value): return value
        case .string(let value): return Int(value)
        default: return nil
        }
    }

    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    var stringArray: [String]? {
        arrayValue?.compactMap(\.stringValue)
    }

    var stringMap: [String: String]? {
        guard case .object(let members) = self else { return nil }
        return Dictionary(uniqueKeysWithValues: members.compactMap { key, value in value.scalarText.map { (key, $0) } })
    }

    /// Integration response templates: a null or empty template is kept as null, as AWS keeps it.
    var templateMap: [String: String?]? {
        guard case .object(let members) = self else { return nil }
        return Dictionary(
            uniqueKeysWithValues: members.compactMap { key, value -> (String, String?)? in
                if value == .null { return (key, nil) }
                return value.scalarText.map { (key, APIGatewayHandler.storedTemplate($0)) }
            })
    }
}
