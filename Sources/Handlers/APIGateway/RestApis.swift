public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    static let maximumCompressionSize = 10_485_760

    public func createRestApi(_ input: APIGateway.CreateRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        try Self.validate(input)
        return try withState(context) { state, directory in
            var source: RestApiRecord?
            if let cloneFrom = input.cloneFrom {
                // AWS answers a create that refers to an unknown API with a 400, not a 404.
                guard let record = state.restApis[cloneFrom] else {
                    throw APIGateway.BadRequestException(message: "Invalid REST API identifier specified")
                }
                source = record
            }
            let id: String
            do throws(Identifiers.CustomIdError) {
                id = try Identifiers.forNewAPI(tags: input.tags) { directory.contains($0) }
            } catch {
                throw error.serviceError(
                    { APIGateway.BadRequestException(message: $0) }, { APIGateway.ConflictException(message: $0) })
            }
            let rootId = Identifiers.make()
            let types = input.endpointConfiguration?.types ?? [.edge]
            let api = APIGateway.RestApi(
                id: id, name: input.name, description: input.description,
                createdDate: Identifiers.creationDate(),
                version: input.version,
                // AWS leaves an empty list out of the API.
                binaryMediaTypes: (input.binaryMediaTypes ?? source?.api.binaryMediaTypes).flatMap {
                    $0.isEmpty ? nil : $0
                },
                minimumCompressionSize: input.minimumCompressionSize,
                apiKeySource: input.apiKeySource ?? source?.api.apiKeySource ?? .header,
                endpointConfiguration: APIGateway.EndpointConfiguration(
                    types: types,
                    ipAddressType: input.endpointConfiguration?.ipAddressType
                        ?? (types.contains(.private) ? .dualstack : .ipv4),
                    vpcEndpointIds: input.endpointConfiguration?.vpcEndpointIds),
                policy: input.policy, tags: input.tags,
                disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false, rootResourceId: rootId,
                securityPolicy: input.securityPolicy, endpointAccessMode: input.endpointAccessMode)
            let resources =
                source.map { Self.cloneResources($0.resources, rootId: rootId) } ?? [
                    rootId: APIGateway.Resource(id: rootId, path: "/")
                ]
            var record = RestApiRecord(api: api, resources: resources)
            record.models = source?.models ?? Self.defaultModels { Identifiers.make(length: 6) }
            if let source {
                record.requestValidators = source.requestValidators
                record.authorizers = source.authorizers
                record.gatewayResponses = source.gatewayResponses
            }
            state.restApis[id] = record
            return api
        }
    }

    public func getRestApis(_ input: APIGateway.GetRestApisRequest, context: RequestContext) async throws
        -> APIGateway.RestApis
    {
        let apis = try readState(context) { state in state.restApis.values.map { (id: $0.api.id!, item: $0.api) } }
        let page = try Page(apis, token: input.position, limit: input.limit)
        return APIGateway.RestApis(position: page.nextToken, items: page.items)
    }

    public func getRestApi(_ input: APIGateway.GetRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        try readState(context) { state in try state.restApi(input.restApiId, context: context).api.withTags }
    }

    public func deleteRestApi(_ input: APIGateway.DeleteRestApiRequest, context: RequestContext) async throws {
        try withState(context) { state in
            guard state.restApis.removeValue(forKey: input.restApiId) != nil else {
                throw APIGateway.NotFoundException.restApi(input.restApiId, context: context)
            }
        }
    }

    public func updateRestApi(_ input: APIGateway.UpdateRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                var api = record.api
                try Self.restApiPatches.apply(input.patchOperations, to: &api, inputName: "updateRestApiInput")
                if let configuration = api.endpointConfiguration, configuration.types?.contains(.private) == true,
                    configuration.ipAddressType == .ipv4
                {
                    throw APIGateway.BadRequestException(
                        message: "Only dualstack ipAddressType is supported for Private APIs.")
                }
                record.api = api
                return api.withTags
            }
        }
    }

    static let restApiPatches: PatchRules<APIGateway.RestApi> = {
        var rules = PatchRules<APIGateway.RestApi>(wording: .plain)
        rules.on("/name", ops: [.replace]) { api, step in
            guard let name = step.value, !name.isEmpty else {
                throw APIGateway.BadRequestException(message: "Name cannot be empty")
            }
            api.name = name
        }
        rules.field("/description", \.description, ops: [.replace, .remove])
        rules.field("/version", \.version, ops: [.replace, .remove])
        rules.field("/policy", \.policy, ops: [.replace, .remove])
        rules.field("/apiKeySource", \.apiKeySource)
        rules.field("/disableExecuteApiEndpoint", \.disableExecuteApiEndpoint)
        rules.field("/securityPolicy", \.securityPolicy)
        rules.field("/endpointAccessMode", \.endpointAccessMode)
        rules.on("/minimumCompressionSize", ops: [.replace]) { api, step in
            guard let value = step.value, !value.isEmpty else {
                api.minimumCompressionSize = nil
                return
            }
            guard let size = Int(value), (0...maximumCompressionSize).contains(size) else {
                throw APIGateway.BadRequestException(
                    message: "Invalid minimum compression size, must be between 0 and \(maximumCompressionSize)")
            }
            api.minimumCompressionSize = size
        }
        rules.list("/binaryMediaTypes", \.binaryMediaTypes)
        rules.on("/endpointConfiguration/types/*", ops: [.add, .remove, .replace, .move, .copy, .test]) { api, step in
            // AWS changes an endpoint type only by `replace`; it refuses `add` and `remove` with this
            // message, which lists them all the same.
            guard step.op == .replace else {
                throw APIGateway.BadRequestException(
                    message: "Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
            }
            var configuration = api.endpointConfiguration ?? APIGateway.EndpointConfiguration()
            var types = configuration.types ?? []
            let valid: [APIGateway.EndpointType] = [.regional, .edge, .private]
            // Terraform names the type by its index (`/endpointConfiguration/types/0`).
            let named =
                Int(step.key).flatMap { types.indices.contains($0) ? types[$0] : nil }
                ?? APIGateway.EndpointType(rawValue: step.key)
            let replacement = step.value.map { APIGateway.EndpointType(rawValue: $0) }
            if [named, replacement].compactMap({ $0 }).contains(where: { !valid.contains($0) }) {
                throw APIGateway.BadRequestException(
                    message: "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE")
            }
            types.removeAll { $0 == named }
            if let replacement, !types.contains(replacement) { types.append(replacement) }
            if types.isEmpty {
                throw APIGateway.BadRequestException(
                    message: "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.")
            }
            if types.count > 1 {
                throw APIGateway.BadRequestException(message: "Cannot create an api with multiple Endpoint Types.")
            }
            if types.contains(.private) { configuration.ipAddressType = .dualstack }
            configuration.types = types
            api.endpointConfiguration = configuration
        }
        rules.on("/endpointConfiguration/ipAddressType", ops: [.replace]) { api, step in
            let type = APIGateway.IpAddressType(rawValue: step.value ?? "")
            guard [.ipv4, .dualstack].contains(type) else {
                throw APIGateway.BadRequestException(message: "ipAddressType must be either ipv4 or dualstack.")
            }
            api.endpointConfiguration = api.endpointConfiguration ?? APIGateway.EndpointConfiguration()
            api.endpointConfiguration!.ipAddressType = type
        }
        rules.on("/endpointConfiguration/vpcEndpointIds", ops: [.add, .remove, .replace]) { api, step in
            var configuration = api.endpointConfiguration ?? APIGateway.EndpointConfiguration()
            var ids = configuration.vpcEndpointIds ?? []
            let values = (step.value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            switch step.op {
            case .add: ids += values.filter { !ids.contains($0) }
            case .remove: ids.removeAll { values.contains($0) }
            default: ids = values
            }
            configuration.vpcEndpointIds = ids.isEmpty ? nil : ids
            api.endpointConfiguration = configuration
        }
        return rules
    }()

    /// The checks AWS makes on CreateRestApi input before anything is created.
    static func validate(_ input: APIGateway.CreateRestApiRequest) throws {
        var errors = ValidationErrors()
        if let types = input.endpointConfiguration?.types,
            !types.allSatisfy({ [.private, .edge, .regional].contains($0) })
        {
            errors.add(
                value: "[\(types.map(\.rawValue).joined(separator: ", "))]",
                at: "createRestApiInput.endpointConfiguration.types",
                constraint:
                    "Member must satisfy constraint: [\(ValidationErrors.enumConstraint([APIGateway.EndpointType.private, .edge, .regional]))]"
            )
        }
        errors.checkEnum(
            input.endpointConfiguration?.ipAddressType, at: "createRestApiInput.endpointConfiguration.ipAddressType",
            allowed: [.ipv4, .dualstack])
        errors.checkEnum(input.apiKeySource, at: "createRestApiInput.apiKeySource", allowed: [.header, .authorizer])
        try errors.throwIfAny()

        // The order of these checks is AWS's (recorded: an empty description is reported before a
        // private API's ipv4 address type).
        if input.name.isEmpty {
            throw APIGateway.BadRequestException(message: "Name cannot be empty")
        }
        if input.description?.isEmpty == true {
            throw APIGateway.BadRequestException(message: "Description cannot be an empty string")
        }
        if let types = input.endpointConfiguration?.types {
            if types.isEmpty {
                throw APIGateway.BadRequestException(
                    message: "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.")
            }
            if types.count > 1 {
                throw APIGateway.BadRequestException(message: "Cannot create an api with multiple Endpoint Types.")
            }
        }
        if let configuration = input.endpointConfiguration, configuration.types?.contains(.private) == true,
            configuration.ipAddressType == .ipv4
        {
            throw APIGateway.BadRequestException(message: "Only dualstack ipAddressType is supported for Private APIs.")
        }
        if let size = input.minimumCompressionSize, !(0...maximumCompressionSize).contains(size) {
            throw APIGateway.BadRequestException(
                message: "Invalid minimum compression size, must be between 0 and \(maximumCompressionSize)")
        }
    }

    /// The resource tree of `resources` with new ids, its root taking `rootId` (cloneFrom).
    static func cloneResources(
        _ resources: OrderedDictionary<String, APIGateway.Resource>, rootId: String
    ) -> OrderedDictionary<String, APIGateway.Resource> {
        var newIds: [String: String] = [:]
        for (id, resource) in resources {
            newIds[id] = resource.parentId == nil ? rootId : Identifiers.make()
        }
        var result: OrderedDictionary<String, APIGateway.Resource> = [:]
        for (id, resource) in resources {
            var copy = resource
            copy.id = newIds[id]
            copy.parentId = resource.parentId.flatMap { newIds[$0] }
            result[newIds[id]!] = copy
        }
        return result
    }
}

extension APIGateway.RestApi: Tagged {}
