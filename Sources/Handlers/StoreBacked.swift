import RestJson1
import State

/// A service handler whose state is one part of each partition of the store.
protocol StoreBacked {
    associatedtype ServiceState
    var store: Store { get }
    /// Where this service's state lives in a partition.
    static var statePath: WritableKeyPath<Partition, ServiceState> { get }
}

extension StoreBacked {
    /// Runs `body` on the caller's partition; its changes are kept only if it returns.
    func withState<Result: Sendable>(
        _ context: RequestContext, _ body: (inout ServiceState) throws -> Result
    ) throws -> Result {
        try store.withPartition(account: context.accountId, region: context.region) { partition in
            try body(&partition[keyPath: Self.statePath])
        }
    }

    /// Runs `body` on the caller's partition with the ids every API in every partition has (new
    /// API ids must be unique across partitions and kinds).
    func withState<Result: Sendable>(
        _ context: RequestContext, _ body: (inout ServiceState, APIDirectory) throws -> Result
    ) throws -> Result {
        try store.withPartition(account: context.accountId, region: context.region) { partition, directory in
            try body(&partition[keyPath: Self.statePath], directory)
        }
    }

    func readState<Result: Sendable>(_ context: RequestContext, _ body: (ServiceState) throws -> Result) throws
        -> Result
    {
        try store.read(account: context.accountId, region: context.region) { try body($0[keyPath: Self.statePath]) }
    }
}
