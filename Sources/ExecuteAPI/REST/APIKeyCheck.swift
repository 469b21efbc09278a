import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// Whether an `x-api-key` value may call this stage: the key exists, is enabled and is in a
/// usage plan bound to the stage. Gives the key's id.
enum APIKeyCheck: Sendable {
    /// The stage of an API in a partition of the snapshot (read only when a key is checked).
    case stage(Store.Snapshot, partition: Store.PartitionKey, apiId: String, stage: String)
    /// TestInvokeMethod checks no key.
    case any

    /// The id of the key with this value, when it is enabled and in a usage plan bound to the stage.
    func validKeyId(_ value: String) -> String? {
        guard case .stage(let snapshot, let partition, let apiId, let stage) = self else {
            return "test-invoke-api-key-id"
        }
        guard let state = snapshot.partitions[partition]?.apiGateway,
            let key = state.apiKeys.values.first(where: { $0.value == value }), key.enabled ?? false,
            let id = key.id
        else { return nil }
        let planned = state.usagePlans.values.contains { plan in
            plan.keys[id] != nil && (plan.plan.apiStages ?? []).contains { $0.apiId == apiId && $0.stage == stage }
        }
        return planned ? id : nil
    }
}
