public import APIGatewayV2
public import OrderedCollections

/// HTTP and WebSocket APIs (API Gateway v2) of one partition, in creation order.
public struct APIGatewayV2State: Sendable {
    public var apis: OrderedDictionary<String, APIGatewayV2.Api> = [:]

    public init() {}
}
