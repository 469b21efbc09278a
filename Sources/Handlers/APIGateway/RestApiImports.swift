public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    /// ImportRestApi: a new REST API from an OpenAPI document.
    public func importRestApi(_ input: APIGateway.ImportRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        let imported = try OpenAPIImporter(body: input.body, parameters: input.parameters).read()
        if input.failOnWarnings == true, let warning = imported.warnings.first {
            throw APIGateway.BadRequestException(message: "Warnings found during import:\n\t\(warning)")
        }
        let types = try Self.endpointTypes(input.parameters)
        return try withState(context) { state, directory in
            let id = Identifiers.make { directory.contains($0) }
            let rootId = Identifiers.make()
            guard let name = imported.name, !name.isEmpty else {
                throw APIGateway.BadRequestException(
                    message: "Invalid OpenAPI input. The API title (info.title) is required.")
            }
            let api = APIGateway.RestApi(
                id: id, name: name, createdDate: Identifiers.creationDate(), apiKeySource: .header,
                endpointConfiguration: APIGateway.EndpointConfiguration(
                    types: types, ipAddressType: types.contains(.private) ? .dualstack : .ipv4),
                disableExecuteApiEndpoint: false, rootResourceId: rootId)
            var record = RestApiRecord(api: api, resources: [rootId: APIGateway.Resource(id: rootId, path: "/")])
            try record.apply(imported, mode: .overwrite)
            state.restApis[id] = record
            var shown = record.api
            shown.warnings = imported.warnings.isEmpty ? nil : imported.warnings
            return shown
        }
    }

    /// PutRestApi: an existing REST API updated from an OpenAPI document, merged into it or
    /// overwriting it (the default).
    public func putRestApi(_ input: APIGateway.PutRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        let mode: RestApiRecord.ImportMode
        switch input.mode?.rawValue {
        case "merge": mode = .merge
        case "overwrite", nil: mode = .overwrite
        case let other?:
            throw APIGateway.BadRequestException(
                message: "Invalid mode '\(other)' specified. Valid values are merge and overwrite")
        }
        let imported = try OpenAPIImporter(body: input.body, parameters: input.parameters).read()
        if input.failOnWarnings == true, let warning = imported.warnings.first {
            throw APIGateway.BadRequestException(message: "Warnings found during import:\n\t\(warning)")
        }
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                try record.apply(imported, mode: mode)
                var shown = record.api.withTags
                shown.warnings = imported.warnings.isEmpty ? nil : imported.warnings
                return shown
            }
        }
    }

    static func endpointTypes(_ parameters: [String: String]?) throws -> [APIGateway.EndpointType] {
        guard let value = parameters?["endpointConfigurationTypes"] else { return [.edge] }
        let type = APIGateway.EndpointType(rawValue: value.uppercased())
        guard [.edge, .regional, .private].contains(type) else {
            throw APIGateway.BadRequestException(
                message: "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE")
        }
        return [type]
    }
}

extension RestApiRecord {
    enum ImportMode { case merge, overwrite }

    /// Builds the imported definition into this API. Overwrite replaces the definition (keeping
    /// the ids of resources whose paths remain); merge adds to it, the document winning where
    /// both define the same method, model, validator or authorizer.
    mutating func apply(_ imported: ImportedApi, mode: ImportMode) throws {
        if let name = imported.name { api.name = name }
        if mode == .overwrite || imported.description != nil { api.description = imported.description }
        if let version = imported.version { api.version = version }
        if let types = imported.binaryMediaTypes {
            api.binaryMediaTypes =
                mode == .merge
                ? (api.binaryMediaTypes ?? []) + types.filter { !(api.binaryMediaTypes ?? []).contains($0) }
                : types
        } else if mode == .overwrite {
            api.binaryMediaTypes = nil
        }
        if let source = imported.apiKeySource { api.apiKeySource = source }
        if let size = imported.minimumCompressionSize { api.minimumCompressionSize = size }
        if let policy = imported.policy { api.policy = policy }
        if let disabled = imported.disableExecuteApiEndpoint { api.disableExecuteApiEndpoint = disabled }
        if let ids = imported.vpcEndpointIds { api.endpointConfiguration?.vpcEndpointIds = ids }
        let apiId = api.id!

        if mode == .overwrite {
            models = [:]
            requestValidators = [:]
            authorizers = [:]
            gatewayResponses = [:]
            documentationParts = [:]
            parameterOrder = [:]
        }
        for (name, schema) in imported.models {
            let text = ImportedSchemas.rewriteReferences(schema, apiId: apiId).jsonText
            var model = models[name] ?? APIGateway.Model(id: Identifiers.make(length: 6), name: name)
            model.schema = text
            model.contentType = "application/json"
            // The schema's own description describes the model too (it stays in the schema as well).
            if let description = schema["description"]?.stringValue { model.description = description }
            models[name] = model
        }
        var validatorIds: [String: String] = [:]
        for (name, validator) in imported.validators {
            var validator = validator
            validator.id = requestValidators.values.first { $0.name == name }?.id ?? Identifiers.make(length: 6)
            requestValidators[validator.id!] = validator
            validatorIds[name] = validator.id
        }
        var authorizerIds: [String: String] = [:]
        for (name, authorizer) in imported.authorizers {
            var authorizer = authorizer
            authorizer.id = authorizers.values.first { $0.name == name }?.id ?? Identifiers.make(length: 6)
            authorizers[authorizer.id!] = authorizer
            authorizerIds[name] = authorizer.id
        }
        for (type, response) in imported.gatewayResponses { gatewayResponses[type] = response }

        // Resources: the root keeps its id; in overwrite mode every other path is rebuilt, reusing
        // the id a path had before.
        let rootId = api.rootResourceId!
        let previousIds = Dictionary(resources.values.map { ($0.path ?? "", $0.id!) }) { first, _ in first }
        if mode == .overwrite {
            var root = resources[rootId]!
            root.resourceMethods = nil
            resources = [rootId: root]
        }
        var index = ResourceIndex(resources.values)
        for (path, operations) in imported.paths {
            let resourceId = try ensureResource(path: path, previousIds: previousIds, index: &index)
            var methods = resources[resourceId]!.resourceMethods ?? [:]
            for (httpMethod, operation) in operations {
                var method = operation.method
                if let name = operation.authorizerName { method.authorizerId = authorizerIds[name] }
                if let name = operation.validatorName {
                    method.requestValidatorId =
                        validatorIds[name]
                        ?? requestValidators.values.first { $0.name == name }?.id
                }
                if var integration = method.methodIntegration {
                    integration.cacheNamespace = integration.cacheNamespace ?? resourceId
                    method.methodIntegration = integration
                }
                methods[httpMethod] = method
                parameterOrder[MethodKey(resourceId: resourceId, httpMethod: httpMethod)] = operation.parameterOrder
            }
            resources[resourceId]!.resourceMethods = methods.isEmpty ? nil : methods
        }
        for part in imported.documentationParts {
            if let existing = documentationParts.values.first(where: { $0.location == part.location }) {
                documentationParts[existing.id!]!.properties = part.properties
            } else {
                _ = try? addDocumentationPart(location: part.location, properties: part.properties)
            }
        }
    }

    /// The id of the resource at `path`, creating it and its missing ancestors. Lookups go
    /// through `index`, so importing n paths takes time in proportion to n, not n².
    private mutating func ensureResource(path: String, previousIds: [String: String], index: inout ResourceIndex)
        throws -> String
    {
        var currentId = api.rootResourceId!
        var currentPath = "/"
        for part in path.split(separator: "/").map(String.init) {
            let childPath = APIGatewayHandler.childPath(parent: currentPath, pathPart: part)
            if let existing = index.idsByPath[childPath] {
                currentId = existing
            } else {
                do {
                    try APIGatewayHandler.validatePathPart(part)
                    try index.checkPlacement(pathPart: part, under: resources[currentId]!)
                } catch let error as APIGateway.BadRequestException {
                    throw APIGateway.BadRequestException(
                        message: "Errors found during import:\n\tUnable to create resource at path '\(childPath)': "
                            + (error.message ?? ""))
                }
                let id = previousIds[childPath].flatMap { resources[$0] == nil ? $0 : nil } ?? Identifiers.make()
                let resource = APIGateway.Resource(id: id, parentId: currentId, pathPart: part, path: childPath)
                resources[id] = resource
                index.add(resource)
                currentId = id
            }
            currentPath = childPath
        }
        return currentId
    }
}

/// An API's resources by path, and the variable child of each resource, for the import.
struct ResourceIndex {
    var idsByPath: [String: String] = [:]
    var variableChild: [String: String] = [:]

    init(_ resources: some Sequence<APIGateway.Resource>) {
        for resource in resources { add(resource) }
    }

    mutating func add(_ resource: APIGateway.Resource) {
        if idsByPath[resource.path ?? ""] == nil { idsByPath[resource.path ?? ""] = resource.id }
        if resource.isVariable, let parentId = resource.parentId { variableChild[parentId] = resource.pathPart }
    }

    /// `RestApiRecord.checkPlacement`'s rules for a new path part (a sibling of the same name would
    /// have been found by its path).
    func checkPlacement(pathPart: String, under parent: APIGateway.Resource) throws {
        if parent.isGreedy { throw RestApiRecord.greedyParent(parent) }
        if pathPart.hasPrefix("{"), let variable = variableChild[parent.id!] {
            throw RestApiRecord.variableSibling(variable)
        }
    }
}

/// Model schemas as API Gateway stores them: references to other models are absolute URLs.
enum ImportedSchemas {
    static func rewriteReferences(_ schema: JSONValue, apiId: String) -> JSONValue {
        switch schema {
        case .object(var members):
            if case .string(let reference)? = members["$ref"],
                reference.hasPrefix("#/definitions/") || reference.hasPrefix("#/components/schemas/"),
                let name = reference.split(separator: "/").last
            {
                members["$ref"] = .string("https://apigateway.amazonaws.com/restapis/\(apiId)/models/\(name)")
            }
            for (key, value) in members where key != "$ref" {
                members[key] = rewriteReferences(value, apiId: apiId)
            }
            return .object(members)
        case .array(let values):
            return .array(values.map { rewriteReferences($0, apiId: apiId) })
        default:
            return schema
        }
    }
}
