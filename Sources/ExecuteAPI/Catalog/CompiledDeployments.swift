import Atomics
import OrderedCollections
import State

/// Deployments compiled for serving, keyed by API and deployment id, each built once from the
/// definition its deployment froze. Requests read the table with one atomic load; a deployment
/// not yet in it is compiled outside the store's lock and added with a compare-and-swap.
final class CompiledDeployments: Sendable {
    struct Key: Hashable, Sendable {
        var apiId: String
        var deploymentId: String
    }

    private final class Table: AtomicReference, Sendable {
        let rest: [Key: RestDeployment]
        init(_ rest: [Key: RestDeployment]) { self.rest = rest }
    }

    private let table = ManagedAtomic(Table([:]))

    /// The compiled form of a REST deployment, compiled now if no request has needed it yet.
    /// Adding one drops the compiled deployments the store's latest snapshot no longer has.
    /// `definition` is read only on a miss (a request that finds its deployment compiled copies nothing).
    func rest(_ key: Key, store: Store, definition: () -> RestApiDefinition?) -> RestDeployment? {
        if let compiled = table.load(ordering: .acquiring).rest[key] { return compiled }
        guard let definition = definition() else { return nil }
        let compiled = RestDeployment(deploymentId: key.deploymentId, definition: definition)
        while true {
            let current = table.load(ordering: .acquiring)
            // Another request compiled it first: use theirs, so every request shares one.
            if let existing = current.rest[key] { return existing }
            let latest = store.snapshot
            var entries = current.rest.filter { $0.key == key || Self.exists($0.key, in: latest) }
            entries[key] = compiled
            if table.compareExchange(expected: current, desired: Table(entries), ordering: .acquiringAndReleasing)
                .exchanged
            {
                return compiled
            }
        }
    }

    private static func exists(_ key: Key, in snapshot: Store.Snapshot) -> Bool {
        guard let entry = snapshot.directory[key.apiId],
            let partition = snapshot.partitions[entry.partition]
        else { return false }
        return partition.apiGateway.restApis[key.apiId]?.deployments[key.deploymentId] != nil
    }
}
