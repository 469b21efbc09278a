public import APIGatewayManagement
public import State

/// The management API that WebSocket back ends call (`@connections`). Its operations need the
/// WebSocket data plane and answer "not implemented" until it exists.
public struct APIGatewayManagementHandler: APIGatewayManagementService {
    let store: Store

    public init(store: Store) {
        self.store = store
    }
}
