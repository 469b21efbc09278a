import Atomics
import Synchronization

/// All emulated state, partitioned by account and region as AWS partitions it. Control-plane
/// handlers read and write one partition at a time under a lock; after every write the store
/// publishes an immutable snapshot of all partitions, which the data plane reads with one atomic
/// load, never taking the lock.
public final class Store: Sendable {
    public struct PartitionKey: Hashable, Sendable {
        public var accountId: String
        public var region: String

        public init(accountId: String, region: String) {
            self.accountId = accountId
            self.region = region
        }
    }

    /// Every partition as of the last write. Partitions are values, so a snapshot shares storage
    /// with the live state and costs nothing until the next write copies what it changes.
    public final class Snapshot: AtomicReference, Sendable {
        public let partitions: [PartitionKey: Partition]

        init(_ partitions: [PartitionKey: Partition]) {
            self.partitions = partitions
        }
    }

    private let partitions = Mutex<[PartitionKey: Partition]>([:])
    private let published = ManagedAtomic(Snapshot([:]))

    public init() {}

    /// The state as of the last completed write (lock-free; for the data plane).
    public var snapshot: Snapshot { published.load(ordering: .acquiring) }

    /// Runs `body` with exclusive access to one partition. A body that throws leaves the
    /// partition as it was: changes are made to a copy and kept only on success.
    public func withPartition<Result: Sendable>(
        account: String, region: String, _ body: (inout Partition) throws -> Result
    ) throws -> Result {
        let key = PartitionKey(accountId: account, region: region)
        return try partitions.withLock { partitions in
            var partition = partitions[key] ?? Partition()
            let result = try body(&partition)
            partitions[key] = partition
            // Published under the lock, so snapshots appear in the order the writes happened.
            published.store(Snapshot(partitions), ordering: .releasing)
            return result
        }
    }

    /// Reads one partition without changing it.
    public func read<Result: Sendable>(account: String, region: String, _ body: (Partition) throws -> Result) throws
        -> Result
    {
        let key = PartitionKey(accountId: account, region: region)
        return try partitions.withLock { partitions in try body(partitions[key] ?? Partition()) }
    }

    /// Forgets everything (`POST /_portico/reset`).
    public func reset() {
        partitions.withLock {
            $0.removeAll()
            published.store(Snapshot([:]), ordering: .releasing)
        }
    }
}

/// The state of one account in one region.
public struct Partition: Sendable {
    public var apiGateway = APIGatewayState()
    public var apiGatewayV2 = APIGatewayV2State()

    public init() {}
}
