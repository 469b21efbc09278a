public import APIGateway
public import ExecuteAPI
import OrderedCollections
import RestJson1
public import State

/// The control plane of REST APIs (API Gateway v1). Operations are implemented in one file per
/// resource family, as extensions of this type; the rest answer "not implemented" through the
/// generated protocol's defaults.
public struct APIGatewayHandler: APIGatewayService, StoreBacked {
    let store: Store
    /// What TestInvokeMethod calls integrations with.
    let backends: IntegrationBackends
    /// The data plane's catalog, which CreateDeployment has compile each new deployment.
    let catalog: APICatalog

    public init(store: Store, backends: IntegrationBackends = IntegrationBackends(), catalog: APICatalog? = nil) {
        self.store = store
        self.backends = backends
        self.catalog = catalog ?? APICatalog(store: store)
    }

    /// Runs `body` on the caller's partition.
    static var statePath: WritableKeyPath<Partition, APIGatewayState> { \.apiGateway }
}

extension APIGatewayState {
    /// The REST API with this id, or AWS's NotFoundException.
    /// The REST API with this id. Some operations report an unknown API as an unknown object of
    /// their own (recorded on AWS); they pass that error as `unknown`.
    func restApi(_ id: String, context: RequestContext, unknown: (any Error)? = nil) throws -> RestApiRecord {
        guard let record = restApis[id] else {
            throw unknown ?? APIGateway.NotFoundException.restApi(id, context: context)
        }
        return record
    }
}

extension APIGateway.NotFoundException {
    static func restApi(_ id: String, context: RequestContext) -> Self {
        Self(message: "Invalid API identifier specified \(context.accountId):\(id)")
    }
}

extension APIGatewayState {
    /// Runs `body` on the REST API with this id, or throws AWS's NotFoundException.
    mutating func updateRestApi<Result>(
        _ id: String, context: RequestContext, unknown: (any Error)? = nil,
        _ body: (inout RestApiRecord) throws -> Result
    ) throws -> Result {
        guard restApis[id] != nil else { throw unknown ?? APIGateway.NotFoundException.restApi(id, context: context) }
        return try body(&restApis[id]!)
    }
}
