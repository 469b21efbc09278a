import APIGateway
import Foundation
import OrderedCollections
import RestJson1
public import State
import VTL

/// A deployment compiled for serving: built once by CreateDeployment from the frozen
/// `RestApiDefinition`, then read by every request without locks. It holds the routing tree,
/// each method with its parsed templates and compiled schemas, and the gateway responses.
public final class RestDeployment: Sendable {
    public let deploymentId: String
    let apiId: String
    let tree: ResourceTree
    /// Methods by resource id, then by HTTP method (`ANY` included).
    let methods: [String: [String: RestMethod]]
    let gatewayResponses: GatewayResponseSet
    let binaryMediaTypes: [String]
    /// Where the API reads API keys from: the `x-api-key` header, or the authorizer.
    let apiKeyFromHeader: Bool

    public init(deploymentId: String, definition: RestApiDefinition) {
        let apiId = definition.api.id ?? ""
        self.deploymentId = deploymentId
        self.apiId = apiId
        var paths: [(id: String, path: String)] = []
        var methods: [String: [String: RestMethod]] = [:]
        let models = SchemaTable(models: definition.models)
        for (id, resource) in definition.resources {
            let path = resource.path ?? "/"
            paths.append((id, path))
            for (name, method) in resource.resourceMethods ?? [:] {
                methods[id, default: [:]][name] = RestMethod(
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
    func route(method: String, path: Substring) -> (RestMethod, [String: String])? {
        let match = tree.match(path) { id in methods[id].map { $0[method] != nil || $0["ANY"] != nil } ?? false }
        guard let match, let resourceMethods = methods[match.resourceId],
            let served = resourceMethods[method] ?? resourceMethods["ANY"]
        else { return nil }
        return (served, match.pathParameters)
    }

    /// The method a resource id names, for TestInvokeMethod.
    /// The resource's method for this verb, else its `ANY`, as routing chooses.
    func method(resourceId: String, httpMethod: String) -> RestMethod? {
        methods[resourceId]?[httpMethod] ?? methods[resourceId]?["ANY"]
    }
}
