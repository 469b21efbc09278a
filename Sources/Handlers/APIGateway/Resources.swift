import APIGateway
import RestJson1
import State

extension APIGatewayHandler {
    public func getResources(_ input: APIGateway.GetResourcesRequest, context: RequestContext) async throws
        -> APIGateway.Resources
    {
        let resources = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).resources.values.map { (id: $0.id!, item: $0) }
        }
        let embedMethods = input.embed?.contains("methods") == true
        let page = try Page(resources, token: input.position, limit: input.limit)
        return APIGateway.Resources(
            position: page.nextToken, items: page.items.map { embedMethods ? $0 : $0.withoutMethods })
    }

    public func getResource(_ input: APIGateway.GetResourceRequest, context: RequestContext) async throws
        -> APIGateway.Resource
    {
        let resource = try readState(context) { state in
            guard let resource = try state.restApi(input.restApiId, context: context).resources[input.resourceId]
            else { throw APIGateway.NotFoundException(message: "Invalid Resource identifier specified") }
            return resource
        }
        return input.embed?.contains("methods") == true ? resource : resource.withoutMethods
    }
}

extension APIGateway.Resource {
    /// Without `embed=methods`, AWS lists only the names of a resource's methods, with empty bodies.
    var withoutMethods: Self {
        var copy = self
        copy.resourceMethods = copy.resourceMethods?.mapValues { _ in APIGateway.Method() }
        return copy
    }
}
