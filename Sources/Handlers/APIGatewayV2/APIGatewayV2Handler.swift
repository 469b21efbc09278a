public import APIGatewayV2
import OrderedCollections
import RestJson1
public import State

/// The control plane of HTTP and WebSocket APIs (API Gateway v2). Operations are implemented in
/// one file per resource family; the rest answer "not implemented" through the generated
/// protocol's defaults.
public struct APIGatewayV2Handler: APIGatewayV2Service, StoreBacked {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    static var statePath: WritableKeyPath<Partition, APIGatewayV2State> { \.apiGatewayV2 }
}

extension APIGatewayV2State {
    func api(_ id: String) throws -> APIGatewayV2.Api {
        guard let api = apis[id] else { throw APIGatewayV2.NotFoundException.api(id) }
        return api
    }
}

extension APIGatewayV2.NotFoundException {
    static func api(_ id: String) -> Self {
        Self(message: "Invalid API identifier specified \(id)", resourceType: nil)
    }
}

/// The v2 model repeats one resource under several shape names (`Api`, `CreateApiResponse`,
/// `GetApiResponse`, ...) with identical members; a value moves between them through its JSON.
func reshape<Output: OperationOutput>(_ value: some JSONCodable, as type: Output.Type = Output.self) throws -> Output {
    var writer = JSONWriter()
    value.writeJSON(to: &writer)
    return try Output(response: ServiceResponse(status: 200, body: writer.bytes))
}
