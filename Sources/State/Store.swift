import Synchronization

/// All emulated state, partitioned by account and region as AWS partitions it. Control-plane
/// handlers read and write one partition at a time under a lock; the data plane will read
/// immutable deployment snapshots instead, never this lock.
public final class Store: Sendable {
    public struct PartitionKey: Hashable, Sendable {
        public var accountId: String
        public var region: String
    }

    private let partitions = Mutex<[PartitionKey: Partition]>([:])

    public init() {}

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
        partitions.withLock { $0.removeAll() }
    }
}

/// The state of one account in one region.
public struct Partition: Sendable {
    public var apiGateway = APIGatewayState()
    public var apiGatewayV2 = APIGatewayV2State()

    public init() {}
}
