import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State

extension APIGatewayHandler {
    static let maximumCompressionSize = 10_485_760

    public func createRestApi(_ input: APIGateway.CreateRestApiRequest, context: RequestContext) async throws
        -> APIGateway.RestApi
    {
        try Self.validate(input)
        return try withState(context) { state in
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
                id = try Identifiers.forNewAPI(tags: input.tags) { state.restApis[$0] != nil }
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
            state.restApis[id] = RestApiRecord(api: api, resources: resources)
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
        try readState(context) { state in try state.restApi(input.restApiId, context: context).api }
    }

    public func deleteRestApi(_ input: APIGateway.DeleteRestApiRequest, context: RequestContext) async throws {
        try withState(context) { state in
            guard state.restApis.removeValue(forKey: input.restApiId) != nil else {
                throw APIGateway.NotFoundException.restApi(input.restApiId, context: context)
            }
        }
    }

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
