import APIGateway
import APIGatewayV2
import OrderedCollections
public import State

/// Which API a data-plane request names: its kind, its account and region, its definition, and
/// its compiled deployments. One lookup in the store's directory (ids are unique across
/// partitions and kinds), no scan and no lock.
public final class APICatalog: Sendable {
    public let store: Store
    let deployments = CompiledDeployments()

    public init(store: Store) {
        self.store = store
    }

    /// An API found in a snapshot.
    enum Entry {
        case rest(RestApiRecord, key: Store.PartitionKey)
        case http(APIGatewayV2.Api, key: Store.PartitionKey)
        case webSocket(APIGatewayV2.Api, key: Store.PartitionKey)
    }

    func api(_ id: String, in snapshot: Store.Snapshot) -> Entry? {
        guard let found = snapshot.directory[id], let partition = snapshot.partitions[found.partition] else {
            return nil
        }
        switch found.kind {
        case .rest:
            return partition.apiGateway.restApis[id].map { .rest($0, key: found.partition) }
        case .http:
            return partition.apiGatewayV2.apis[id].map { .http($0, key: found.partition) }
        case .webSocket:
            return partition.apiGatewayV2.apis[id].map { .webSocket($0, key: found.partition) }
        }
    }

    /// A REST API's deployment, compiled once.
    func restDeployment(_ record: RestApiRecord, _ deploymentId: String, snapshot: Store.Snapshot)
        -> RestDeployment?
    {
        guard let apiId = record.api.id else { return nil }
        return deployments.rest(CompiledDeployments.Key(apiId: apiId, deploymentId: deploymentId), store: store) {
            record.deployments[deploymentId]?.definition
        }
    }

    /// Compiles a deployment just made, so its first request does not wait for it (called by
    /// CreateDeployment after its write, outside the store's lock).
    public func prepareDeployment(apiId: String, deploymentId: String) {
        let snapshot = store.snapshot
        guard case .rest(let record, _)? = api(apiId, in: snapshot) else { return }
        _ = restDeployment(record, deploymentId, snapshot: snapshot)
    }
}
