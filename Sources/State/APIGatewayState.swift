import APIGateway
import OrderedCollections

/// REST APIs (API Gateway v1) of one partition, in creation order.
public struct APIGatewayState: Sendable {
    public var restApis: OrderedDictionary<String, RestApiRecord> = [:]

    public init() {}
}

/// A REST API and everything that belongs to it.
public struct RestApiRecord: Sendable {
    public var api: APIGateway.RestApi
    /// Resources by id, in creation order; the root resource (`/`) comes first.
    public var resources: OrderedDictionary<String, APIGateway.Resource>

    public init(api: APIGateway.RestApi, resources: OrderedDictionary<String, APIGateway.Resource>) {
        self.api = api
        self.resources = resources
    }
}
