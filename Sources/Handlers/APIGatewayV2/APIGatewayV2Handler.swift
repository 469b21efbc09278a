import APIGatewayV2
import RestJson1
import State

/// The control plane of HTTP and WebSocket APIs (API Gateway v2). Operations are implemented in
/// one file per resource family; the rest answer "not implemented" through the generated
/// protocol's defaults.
public struct APIGatewayV2Handler: APIGatewayV2Service {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    func withState<Result: Sendable>(
        _ context: RequestContext, _ body: (inout APIGatewayV2State) throws -> Result
    ) throws -> Result {
        try store.withPartition(account: context.accountId, region: context.region) { try body(&$0.apiGatewayV2) }
    }

    func readState<Result: Sendable>(_ context: RequestContext, _ body: (APIGatewayV2State) throws -> Result) throws
        -> Result
    {
        try store.read(account: context.accountId, region: context.region) { try body($0.apiGatewayV2) }
    }
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
