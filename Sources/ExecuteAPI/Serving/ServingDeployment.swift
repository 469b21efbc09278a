import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// A deployment compiled for serving: built once by CreateDeployment from the frozen
/// `RestApiDefinition`, then read by every request without locks. It holds the routing tree,
/// each method with its parsed templates and compiled schemas, and the gateway responses.
public final class ServingDeployment: Sendable {
    public let deploymentId: String
    let apiId: String
    let tree: ResourceTree
    /// Methods by resource id, then by HTTP method (`ANY` included).
    let methods: [String: [String: ServingMethod]]
    let gatewayResponses: GatewayResponseSet
    let binaryMediaTypes: [String]
    /// Where the API reads API keys from: the `x-api-key` header, or the authorizer.
    let apiKeyFromHeader: Bool

    public init(deploymentId: String, definition: RestApiDefinition) {
        let apiId = definition.api.id ?? ""
        self.deploymentId = deploymentId
        self.apiId = apiId
        var paths: [(id: String, path: String)] = []
        var methods: [String: [String: ServingMethod]] = [:]
        let models = SchemaTable(models: definition.models)
        for (id, resource) in definition.resources {
            let path = resource.path ?? "/"
            paths.append((id, path))
            for (name, method) in resource.resourceMethods ?? [:] {
                methods[id, default: [:]][name] = ServingMethod(
                    method, httpMethod: name, resourceId: id, resourcePath: path, definition: definition,
                    schemas: models)
            }
        }
        self.tree = ResourceTree(paths: paths)
        self.methods = methods
        self.gatewayResponses = GatewayResponseSet(definition.gatewayResponses)
        self.binaryMediaTypes = definition.api.binaryMediaTypes ?? []
        self.apiKeyFromHeader = definition.api.apiKeySource != .authorizer
    }

    /// The method a request names, or nil (API Gateway's "Missing Authentication Token").
    /// A method defined for the verb wins over the resource's ANY method.
    /// The method serving a request: the most specific resource matching the path that has the
    /// request's method or ANY (a literal resource without it leaves the request to a `{proxy+}`).
    func route(method: String, path: Substring) -> (ServingMethod, [String: String])? {
        let match = tree.match(path) { id in methods[id].map { $0[method] != nil || $0["ANY"] != nil } ?? false }
        guard let match, let resourceMethods = methods[match.resourceId],
            let served = resourceMethods[method] ?? resourceMethods["ANY"]
        else { return nil }
        return (served, match.pathParameters)
    }

    /// The method a resource id names, for TestInvokeMethod.
    /// The resource's method for this verb, else its `ANY`, as routing chooses.
    func method(resourceId: String, httpMethod: String) -> ServingMethod? {
        methods[resourceId]?[httpMethod] ?? methods[resourceId]?["ANY"]
    }
}

/// A mapping template parsed once, or the reason it could not be (which fails the request at
/// run time, as an invalid template does on AWS).
enum CompiledTemplate: Sendable {
    case template(Template)
    case invalid(String)

    init(_ text: String) {
        do {
            self = .template(try Template(text))
        } catch {
            self = .invalid("\(error.message) at line \(error.line), column \(error.column)")
        }
    }
}

/// Templates keyed by content type, parsed once.
struct TemplateTable: Sendable {
    /// In the order AWS considers them; keys lowercased. A nil template (an integration response's
    /// `null`) passes the body through unchanged.
    let entries: [(contentType: String, template: CompiledTemplate?)]

    init(_ templates: [String: String]?) {
        self.init(sparse: templates)
    }

    init(sparse templates: [String: String?]?) {
        entries = (templates ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key.lowercased(), $0.value.map(CompiledTemplate.init))
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    subscript(contentType: String) -> CompiledTemplate? {
        entries.first { $0.contentType == contentType }?.template ?? nil
    }
}

/// A Java regular expression matched against the whole text (`Pattern.matches`), compiled once.
struct SelectionPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once made and safe to use from many threads.
    let regex: NSRegularExpression?
    let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
        self.regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.dotMatchesLineSeparators])
    }

    /// A match that runs past `JavaRegex.timeLimit` counts as none.
    func matches(_ text: String) -> Bool {
        guard let regex else { return false }
        let found = try? JavaRegex.matches(of: regex, in: text, options: [.anchored], first: true)
        return found?.isEmpty == false
    }
}

/// One method of a deployment, compiled.
struct ServingMethod: Sendable {
    let httpMethod: String
    let resourceId: String
    let resourcePath: String
    let apiKeyRequired: Bool
    let authorizationType: String
    /// Required `method.request.{location}.{name}` parameters, sorted by their full key.
    let requiredParameters: [(location: String, name: String)]
    let validatesParameters: Bool
    let validatesBody: Bool
    /// Request models' schemas by content type (lowercased).
    let bodySchemas: [String: Result<JSONSchema, JSONSchema.CompileError>]
    let integration: ServingIntegration
    let methodResponses: [String: APIGateway.MethodResponse]

    init(
        _ method: APIGateway.Method, httpMethod: String, resourceId: String, resourcePath: String,
        definition: RestApiDefinition, schemas: SchemaTable
    ) {
        self.httpMethod = httpMethod
        self.resourceId = resourceId
        self.resourcePath = resourcePath
        self.apiKeyRequired = method.apiKeyRequired ?? false
        self.authorizationType = method.authorizationType ?? "NONE"
        self.requiredParameters = (method.requestParameters ?? [:]).filter(\.value).keys.sorted().compactMap { key in
            let parts = key.split(separator: ".", maxSplits: 3)
            guard parts.count == 4 else { return nil }
            return (String(parts[2]), String(parts[3]))
        }
        let validator = method.requestValidatorId.flatMap { definition.requestValidators[$0] }
        self.validatesParameters = validator?.validateRequestParameters ?? false
        self.validatesBody = validator?.validateRequestBody ?? false
        var bodySchemas: [String: Result<JSONSchema, JSONSchema.CompileError>] = [:]
        if validatesBody {
            for (contentType, model) in method.requestModels ?? [:] {
                bodySchemas[contentType.lowercased()] = schemas.schema(named: model)
            }
        }
        self.bodySchemas = bodySchemas
        self.integration = ServingIntegration(method.methodIntegration ?? APIGateway.Integration(type: .mock))
        self.methodResponses = method.methodResponses ?? [:]
    }
}

/// An integration, compiled: its request templates parsed and its responses ordered for selection.
struct ServingIntegration: Sendable {
    let type: APIGateway.IntegrationType
    let httpMethod: String?
    let uri: String?
    /// `integration.request.{location}.{name}` ← a source expression, in key order.
    let requestParameters: [(target: String, source: String)]
    let requestTemplates: TemplateTable
    let passthroughBehavior: String
    let contentHandling: APIGateway.ContentHandlingStrategy?
    let timeout: Duration
    /// Responses with a selection pattern, in status-code order; `defaultResponse` has none.
    let selectable: [(pattern: SelectionPattern, response: ServingIntegrationResponse)]
    let defaultResponse: ServingIntegrationResponse?

    init(_ integration: APIGateway.Integration) {
        self.type = integration.type ?? .mock
        self.httpMethod = integration.httpMethod
        self.uri = integration.uri
        self.requestParameters = (integration.requestParameters ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        self.requestTemplates = TemplateTable(integration.requestTemplates)
        self.passthroughBehavior = integration.passthroughBehavior ?? "WHEN_NO_MATCH"
        self.contentHandling = integration.contentHandling
        self.timeout = .milliseconds(integration.timeoutInMillis ?? 29_000)
        var selectable: [(SelectionPattern, ServingIntegrationResponse)] = []
        var defaultResponse: ServingIntegrationResponse?
        for (status, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            let served = ServingIntegrationResponse(status: status, response)
            if let pattern = response.selectionPattern, !pattern.isEmpty {
                selectable.append((SelectionPattern(pattern), served))
            } else {
                defaultResponse = served
            }
        }
        self.selectable = selectable
        self.defaultResponse = defaultResponse
    }

    var isProxy: Bool { type == .httpProxy || type == .awsProxy }

    /// The integration response for a back end's answer: the first whose pattern matches
    /// `selector` (the status code, or a Lambda error message), else the default.
    func response(for selector: String?) -> ServingIntegrationResponse? {
        if let selector, let match = selectable.first(where: { $0.pattern.matches(selector) }) {
            return match.response
        }
        return defaultResponse
    }
}

struct ServingIntegrationResponse: Sendable {
    let statusCode: String
    let responseParameters: [(target: String, source: String)]
    let responseTemplates: TemplateTable
    let contentHandling: APIGateway.ContentHandlingStrategy?

    init(status: String, _ response: APIGateway.IntegrationResponse) {
        self.statusCode = status
        self.responseParameters = (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        self.responseTemplates = TemplateTable(sparse: response.responseTemplates)
        self.contentHandling = response.contentHandling
    }
}

/// The API's gateway responses, effective for every type, with templates parsed.
struct GatewayResponseSet: Sendable {
    struct Entry: Sendable {
        let status: Int
        let parameters: [(target: String, source: String)]
        let templates: TemplateTable
    }

    let entries: [String: Entry]

    init(_ own: OrderedDictionary<String, APIGateway.GatewayResponse>) {
        var entries: [String: Entry] = [:]
        for type in GatewayResponseDefaults.status.keys {
            let response = GatewayResponseDefaults.effective(APIGateway.GatewayResponseType(rawValue: type), in: own)
            entries[type] = Entry(
                status: response.statusCode.flatMap { Int($0) } ?? Int(GatewayResponseDefaults.status[type]!)!,
                parameters: (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                templates: TemplateTable(response.responseTemplates))
        }
        for type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
            let response = own[type]
            entries[type] = Entry(
                status: response?.statusCode.flatMap { Int($0) } ?? (type == "DEFAULT_4XX" ? 400 : 500),
                parameters: (response?.responseParameters ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                templates: TemplateTable(response?.responseTemplates ?? GatewayResponseDefaults.templates))
        }
        self.entries = entries
    }
}

/// The API's models as parsed JSON, compiled into schemas on demand while a deployment is built.
struct SchemaTable {
    let documents: [String: JSONValue]

    /// Models whose schema is not JSON are left out; a method that uses one fails validation.
    init(models: OrderedDictionary<String, APIGateway.Model>) {
        var documents: [String: JSONValue] = [:]
        for (name, model) in models {
            if let text = model.schema, let value = try? JSONValue.parse(text) { documents[name] = value }
        }
        self.documents = documents
    }

    func schema(named name: String) -> Result<JSONSchema, JSONSchema.CompileError> {
        guard let document = documents[name] else {
            return .failure(JSONSchema.CompileError(message: "model \(name) has no usable schema"))
        }
        return Result { try JSONSchema(document, models: documents) }.mapError {
            $0 as? JSONSchema.CompileError ?? JSONSchema.CompileError(message: "\($0)")
        }
    }
}
