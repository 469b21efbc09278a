import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State

/// GetExport: a deployed REST API as an OpenAPI 3.0 or Swagger 2.0 document, optionally with
/// API Gateway's extensions (`integrations`, `authorizers`, `apigateway`, `postman`).
struct OpenAPIExporter {
    enum Format { case swagger, oas30 }

    let definition: RestApiDefinition
    let stageName: String
    let region: String
    let format: Format
    /// `integrations` (or `apigateway`) adds integrations; `authorizers` (or `apigateway`) adds
    /// authorizers; `apigateway` adds the API-wide extensions too; `postman` adds the schema
    /// hints Postman reads.
    let extensions: Set<String>

    private var withIntegrations: Bool { extensions.contains("integrations") || extensions.contains("apigateway") }
    private var withAuthorizers: Bool { extensions.contains("authorizers") || extensions.contains("apigateway") }
    private var withApiGateway: Bool { extensions.contains("apigateway") }

    func document() -> JSONValue {
        let api = definition.api
        var root: OrderedDictionary<String, JSONValue> = [:]
        var info: OrderedDictionary<String, JSONValue> = [:]
        let version = api.version ?? Self.dateVersion(api.createdDate)
        let host = "\(api.id ?? "").execute-api.\(region).amazonaws.com"
        switch format {
        case .swagger:
            root["swagger"] = "2.0"
            if let description = api.description { info["description"] = .string(description) }
            info["version"] = .string(version)
            info["title"] = .string(api.name ?? "")
            root["info"] = .object(info)
            root["host"] = .string(host)
            root["basePath"] = .string("/\(stageName)")
            root["schemes"] = ["https"]
        case .oas30:
            root["openapi"] = "3.0.1"
            info["title"] = .string(api.name ?? "")
            if let description = api.description { info["description"] = .string(description) }
            info["version"] = .string(version)
            root["info"] = .object(info)
            root["servers"] = [
                [
                    "url": .string("https://\(host)/{basePath}"),
                    "variables": ["basePath": ["default": .string(stageName)]],
                ]
            ]
        }
        root["paths"] = .object(paths())
        let schemas = modelSchemas()
        let security = securitySchemes()
        switch format {
        case .swagger:
            if !security.isEmpty { root["securityDefinitions"] = .object(security) }
            if !schemas.isEmpty { root["definitions"] = .object(schemas) }
        case .oas30:
            var components: OrderedDictionary<String, JSONValue> = [:]
            if !schemas.isEmpty { components["schemas"] = .object(schemas) }
            if !security.isEmpty { components["securitySchemes"] = .object(security) }
            root["components"] = .object(components)
        }
        if withApiGateway {
            if let types = api.binaryMediaTypes, !types.isEmpty {
                root["x-amazon-apigateway-binary-media-types"] = .array(types.map(JSONValue.string))
            }
            if api.apiKeySource == .authorizer { root["x-amazon-apigateway-api-key-source"] = "AUTHORIZER" }
            if let size = api.minimumCompressionSize {
                root["x-amazon-apigateway-minimum-compression-size"] = .integer(size)
            }
            if let policy = api.policy {
                root["x-amazon-apigateway-policy"] = (try? JSONValue.parse(policy)) ?? .string(policy)
            }
            if !definition.requestValidators.isEmpty {
                var validators: OrderedDictionary<String, JSONValue> = [:]
                for validator in definition.requestValidators.values {
                    validators[validator.name ?? ""] = [
                        "validateRequestParameters": .bool(validator.validateRequestParameters ?? false),
                        "validateRequestBody": .bool(validator.validateRequestBody ?? false),
                    ]
                }
                root["x-amazon-apigateway-request-validators"] = .object(validators)
            }
            if !definition.gatewayResponses.isEmpty {
                var responses: OrderedDictionary<String, JSONValue> = [:]
                for (type, response) in definition.gatewayResponses {
                    var item: OrderedDictionary<String, JSONValue> = [:]
                    if let status = response.statusCode { item["statusCode"] = .string(status) }
                    if let parameters = response.responseParameters, !parameters.isEmpty {
                        item["responseParameters"] = Self.object(parameters)
                    }
                    if let templates = response.responseTemplates { item["responseTemplates"] = Self.object(templates) }
                    responses[type] = .object(item)
                }
                root["x-amazon-apigateway-gateway-responses"] = .object(responses)
            }
            if api.disableExecuteApiEndpoint == true || api.endpointConfiguration?.vpcEndpointIds != nil {
                var endpoint: OrderedDictionary<String, JSONValue> = [:]
                if let ids = api.endpointConfiguration?.vpcEndpointIds {
                    endpoint["vpcEndpointIds"] = .array(ids.map(JSONValue.string))
                }
                endpoint["disableExecuteApiEndpoint"] = .bool(api.disableExecuteApiEndpoint ?? false)
                root["x-amazon-apigateway-endpoint-configuration"] = .object(endpoint)
            }
        }
        return .object(root)
    }

    // MARK: Paths

    private func paths() -> OrderedDictionary<String, JSONValue> {
        var paths: OrderedDictionary<String, JSONValue> = [:]
        for resource in definition.resources.values.sorted(by: { ($0.path ?? "") < ($1.path ?? "") }) {
            guard let methods = resource.resourceMethods, !methods.isEmpty else { continue }
            var item: OrderedDictionary<String, JSONValue> = [:]
            for (name, method) in methods.sorted(by: { $0.key < $1.key }) {
                let key = name == "ANY" ? "x-amazon-apigateway-any-method" : name.lowercased()
                let order = definition.parameterOrder[MethodKey(resourceId: resource.id!, httpMethod: name)] ?? []
                item[key] = operation(method, parameterOrder: order)
            }
            paths[resource.path ?? "/"] = .object(item)
        }
        return paths
    }

    /// - Parameter parameterOrder: the request parameters in the order they were declared; the
    ///   others follow by name.
    private func operation(_ method: APIGateway.Method, parameterOrder: [String]) -> JSONValue {
        var operation: OrderedDictionary<String, JSONValue> = [:]
        if let name = method.operationName { operation["operationId"] = .string(name) }
        let requestTypes = (method.requestModels ?? [:]).keys.sorted()
        if format == .swagger {
            // What the method takes and gives: its models' content types and its mapping templates'.
            let integration = method.methodIntegration
            let consumes = Set(requestTypes).union((integration?.requestTemplates ?? [:]).keys).sorted()
            let produces = Set((method.methodResponses ?? [:]).values.flatMap { ($0.responseModels ?? [:]).keys })
                .union((integration?.integrationResponses ?? [:]).values.flatMap { ($0.responseTemplates ?? [:]).keys })
                .sorted()
            if !consumes.isEmpty { operation["consumes"] = .array(consumes.map(JSONValue.string)) }
            if !produces.isEmpty { operation["produces"] = .array(produces.map(JSONValue.string)) }
        }
        var parameters: [JSONValue] = []
        let declared = (method.requestParameters ?? [:])
        let names =
            parameterOrder.filter { declared[$0] != nil }
            + declared.keys.filter { !parameterOrder.contains($0) }.sorted()
        for (name, required) in names.map({ ($0, declared[$0]!) }) {
            let parts = name.split(separator: ".", maxSplits: 3).map(String.init)
            guard parts.count == 4 else { continue }
            let location =
                switch parts[2] {
                case "path": "path"
                case "querystring", "multivaluequerystring": "query"
                default: "header"
                }
            var parameter: OrderedDictionary<String, JSONValue> = ["name": .string(parts[3]), "in": .string(location)]
            if format == .swagger {
                parameter["required"] = .bool(required || location == "path")
                parameter["type"] = "string"
            } else {
                if required || location == "path" { parameter["required"] = true }
                parameter["schema"] = ["type": "string"]
            }
            parameters.append(.object(parameter))
        }
        if format == .swagger, let model = requestTypes.first.flatMap({ method.requestModels?[$0] }) {
            parameters.append(["in": "body", "name": .string(model), "required": true, "schema": reference(model)])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if format == .oas30, !requestTypes.isEmpty {
            var content: OrderedDictionary<String, JSONValue> = [:]
            for type in requestTypes { content[type] = ["schema": reference(method.requestModels![type]!)] }
            operation["requestBody"] = ["content": .object(content), "required": true]
        }
        var responses: OrderedDictionary<String, JSONValue> = [:]
        for (status, response) in (method.methodResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var item: OrderedDictionary<String, JSONValue> = ["description": .string("\(status) response")]
            let models = response.responseModels ?? [:]
            if format == .swagger, let model = models.sorted(by: { $0.key < $1.key }).first?.value {
                item["schema"] = reference(model)
            }
            let headers = (response.responseParameters ?? [:]).keys.sorted().compactMap { name -> String? in
                name.hasPrefix("method.response.header.")
                    ? String(name.dropFirst("method.response.header.".count)) : nil
            }
            if !headers.isEmpty {
                var headerObjects: OrderedDictionary<String, JSONValue> = [:]
                for header in headers {
                    headerObjects[header] = format == .swagger ? ["type": "string"] : ["schema": ["type": "string"]]
                }
                item["headers"] = .object(headerObjects)
            }
            if format == .oas30 {
                var content: OrderedDictionary<String, JSONValue> = [:]
                for (type, model) in models.sorted(by: { $0.key < $1.key }) {
                    content[type] = ["schema": reference(model)]
                }
                item["content"] = .object(content)
            }
            responses[status] = .object(item)
        }
        operation["responses"] = .object(responses)
        var security: [JSONValue] = []
        if method.apiKeyRequired == true { security.append(["api_key": []]) }
        if withAuthorizers, let id = method.authorizerId, let authorizer = definition.authorizers[id] {
            security.append(
                .object([authorizer.name ?? id: .array((method.authorizationScopes ?? []).map(JSONValue.string))]))
        } else if withAuthorizers, method.authorizationType == "AWS_IAM" {
            security.append(["sigv4": []])
        }
        if !security.isEmpty { operation["security"] = .array(security) }
        if withApiGateway, let id = method.requestValidatorId, let validator = definition.requestValidators[id] {
            operation["x-amazon-apigateway-request-validator"] = .string(validator.name ?? id)
        }
        if withIntegrations, let integration = method.methodIntegration {
            operation["x-amazon-apigateway-integration"] = self.integration(integration)
        }
        return .object(operation)
    }

    private func integration(_ integration: APIGateway.Integration) -> JSONValue {
        var item: OrderedDictionary<String, JSONValue> = [:]
        item["type"] = .string((integration.type?.rawValue ?? "MOCK").lowercased())
        if let method = integration.httpMethod { item["httpMethod"] = .string(method) }
        if let uri = integration.uri { item["uri"] = .string(uri) }
        if let credentials = integration.credentials { item["credentials"] = .string(credentials) }
        if let connectionType = integration.connectionType, connectionType != .internet {
            item["connectionType"] = .string(connectionType.rawValue)
        }
        if let connectionId = integration.connectionId { item["connectionId"] = .string(connectionId) }
        var responses: OrderedDictionary<String, JSONValue> = [:]
        for (status, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            var entry: OrderedDictionary<String, JSONValue> = ["statusCode": .string(status)]
            if let parameters = response.responseParameters { entry["responseParameters"] = Self.object(parameters) }
            if let templates = response.responseTemplates { entry["responseTemplates"] = Self.object(templates) }
            if let handling = response.contentHandling { entry["contentHandling"] = .string(handling.rawValue) }
            responses[response.selectionPattern.flatMap { $0.isEmpty ? nil : $0 } ?? "default"] = .object(entry)
        }
        if !responses.isEmpty { item["responses"] = .object(responses) }
        if let parameters = integration.requestParameters { item["requestParameters"] = Self.object(parameters) }
        if let templates = integration.requestTemplates { item["requestTemplates"] = Self.object(templates) }
        if let behavior = integration.passthroughBehavior {
            item["passthroughBehavior"] = .string(behavior.lowercased())
        }
        if let handling = integration.contentHandling { item["contentHandling"] = .string(handling.rawValue) }
        if let timeout = integration.timeoutInMillis, timeout != 29_000 { item["timeoutInMillis"] = .integer(timeout) }
        if let keys = integration.cacheKeyParameters, !keys.isEmpty {
            item["cacheKeyParameters"] = .array(keys.map(JSONValue.string))
        }
        if let skip = integration.tlsConfig?.insecureSkipVerification {
            item["tlsConfig"] = ["insecureSkipVerification": .bool(skip)]
        }
        return .object(item)
    }

    // MARK: Components

    private func reference(_ model: String) -> JSONValue {
        ["$ref": .string((format == .swagger ? "#/definitions/" : "#/components/schemas/") + model)]
    }

    private func modelSchemas() -> OrderedDictionary<String, JSONValue> {
        var schemas: OrderedDictionary<String, JSONValue> = [:]
        let prefix = "https://apigateway.amazonaws.com/restapis/\(definition.api.id ?? "")/models/"
        let local = format == .swagger ? "#/definitions/" : "#/components/schemas/"
        for model in definition.models.values.sorted(by: { ($0.name ?? "") < ($1.name ?? "") }) {
            guard let text = model.schema, var schema = try? JSONValue.parse(text) else { continue }
            schema = Self.rewrite(schema, from: prefix, to: local)
            if case .object(var members) = schema {
                members["$schema"] = nil
                schema = .object(members)
            }
            schemas[model.name ?? ""] = schema
        }
        return schemas
    }

    private func securitySchemes() -> OrderedDictionary<String, JSONValue> {
        var schemes: OrderedDictionary<String, JSONValue> = [:]
        let methods = definition.resources.values.flatMap { ($0.resourceMethods ?? [:]).values }
        if methods.contains(where: { $0.apiKeyRequired == true }) {
            schemes["api_key"] = ["type": "apiKey", "name": "x-api-key", "in": "header"]
        }
        guard withAuthorizers else { return schemes }
        if methods.contains(where: { $0.authorizationType == "AWS_IAM" }) {
            schemes["sigv4"] = [
                "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4",
            ]
        }
        for authorizer in definition.authorizers.values {
            var spec: OrderedDictionary<String, JSONValue> = [
                "type": .string((authorizer.type?.rawValue ?? "TOKEN").lowercased())
            ]
            if let uri = authorizer.authorizerUri { spec["authorizerUri"] = .string(uri) }
            if let credentials = authorizer.authorizerCredentials {
                spec["authorizerCredentials"] = .string(credentials)
            }
            if let arns = authorizer.providerARNs { spec["providerARNs"] = .array(arns.map(JSONValue.string)) }
            if let source = authorizer.identitySource, authorizer.type != .token {
                spec["identitySource"] = .string(source)
            }
            if let expression = authorizer.identityValidationExpression {
                spec["identityValidationExpression"] = .string(expression)
            }
            if let ttl = authorizer.authorizerResultTtlInSeconds {
                spec["authorizerResultTtlInSeconds"] = .integer(ttl)
            }
            let header =
                authorizer.identitySource?.split(separator: ",").first.map {
                    String($0.trimmingCharacters(in: .whitespaces).split(separator: ".").last ?? "Unused")
                } ?? "Unused"
            schemes[authorizer.name ?? authorizer.id ?? ""] = [
                "type": "apiKey", "name": .string(header), "in": "header",
                "x-amazon-apigateway-authtype": .string(authorizer.authType ?? "custom"),
                "x-amazon-apigateway-authorizer": .object(spec),
            ]
        }
        return schemes
    }

    private static func rewrite(_ value: JSONValue, from prefix: String, to local: String) -> JSONValue {
        switch value {
        case .object(var members):
            for (key, member) in members {
                if key == "$ref", case .string(let reference) = member, reference.hasPrefix(prefix) {
                    members[key] = .string(local + reference.dropFirst(prefix.count))
                } else {
                    members[key] = rewrite(member, from: prefix, to: local)
                }
            }
            return .object(members)
        case .array(let values):
            return .array(values.map { rewrite($0, from: prefix, to: local) })
        default:
            return value
        }
    }

    private static func object(_ map: [String: String]) -> JSONValue {
        object(map.mapValues(Optional.some))
    }

    /// A null value (an integration response template stored as null) stays null.
    private static func object(_ map: [String: String?]) -> JSONValue {
        .object(
            OrderedDictionary(
                uniqueKeysWithValues: map.sorted { $0.key < $1.key }.map {
                    ($0.key, $0.value.map(JSONValue.string) ?? .null)
                }
            ))
    }

    /// AWS versions an export of an API without a version by its creation time.
    static func dateVersion(_ date: Date?) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date ?? Date())
    }
}
