public import Atomics
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

    /// Every partition as of the last write, and the directory of their APIs. Partitions are
    /// values, so a snapshot shares storage with the live state and costs nothing until the next
    /// write copies what it changes.
    public final class Snapshot: AtomicReference, Sendable {
        public let partitions: [PartitionKey: Partition]
        public let directory: APIDirectory

        init(_ partitions: [PartitionKey: Partition], directory: APIDirectory) {
            self.partitions = partitions
            self.directory = directory
        }
    }

    private struct Contents {
        var partitions: [PartitionKey: Partition] = [:]
        var directory = APIDirectory()
    }

    private let contents = Mutex(Contents())
    private let published = ManagedAtomic(Snapshot([:], directory: APIDirectory()))

    public init() {}

    /// The state as of the last completed write (lock-free; for the data plane).
    public var snapshot: Snapshot { published.load(ordering: .acquiring) }

    /// Runs `body` with exclusive access to one partition, and a view of every API id in use. A
    /// body that throws leaves the partition as it was: changes are made to a copy and kept only
    /// on success. A body that gives a new API an id another partition uses throws
    /// `IdentifierConflict` and changes nothing.
    public func withPartition<Result: Sendable>(
        account: String, region: String, _ body: (inout Partition, APIDirectory) throws -> Result
    ) throws -> Result {
        let key = PartitionKey(accountId: account, region: region)
        return try contents.withLock { contents in
            let old = contents.partitions[key] ?? Partition()
            var partition = old
            let result = try body(&partition, contents.directory)
            // APIs are created and deleted one at a time, so an unchanged count is an unchanged set.
            if APIDirectory.apiCount(of: partition) != APIDirectory.apiCount(of: old) {
                try contents.directory.update(key, from: old, to: partition)
            }
            contents.partitions[key] = partition
            // Published under the lock, so snapshots appear in the order the writes happened.
            published.store(Snapshot(contents.partitions, directory: contents.directory), ordering: .releasing)
            return result
        }
    }

    /// Runs `body` with exclusive access to one partition (see above).
    public func withPartition<Result: Sendable>(
        account: String, region: String, _ body: (inout Partition) throws -> Result
    ) throws -> Result {
        try withPartition(account: account, region: region) { partition, _ in try body(&partition) }
    }

    /// Reads one partition without changing it.
    public func read<Result: Sendable>(account: String, region: String, _ body: (Partition) throws -> Result) throws
        -> Result
    {
        let key = PartitionKey(accountId: account, region: region)
        return try contents.withLock { contents in try body(contents.partitions[key] ?? Partition()) }
    }

    /// Forgets everything (`POST /_portico/reset`).
    public func reset() {
        contents.withLock {
            $0 = Contents()
            published.store(Snapshot([:], directory: APIDirectory()), ordering: .releasing)
        }
    }
}

/// The state of one account in one region.
public struct Partition: Sendable {
    public var apiGateway = APIGatewayState()
    public var apiGatewayV2 = APIGatewayV2State()

    public init() {}
}
