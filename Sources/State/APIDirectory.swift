import APIGatewayV2
import OrderedCollections

/// Every API of every partition by id, with its kind: API ids are unique across accounts,
/// regions and kinds, so a data-plane request names exactly one API. The store keeps it beside
/// the partitions and publishes it with them.
public struct APIDirectory: Sendable {
    public enum Kind: Sendable, Equatable {
        case rest, http, webSocket
    }

    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var partition: Store.PartitionKey
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public subscript(id: String) -> Entry? { entries[id] }

    /// Whether any API, of any kind in any partition, has this id.
    public func contains(_ id: String) -> Bool { entries[id] != nil }

    /// The ids and kinds of a partition's APIs.
    static func apis(of partition: Partition) -> [String: Kind] {
        var apis: [String: Kind] = [:]
        for id in partition.apiGateway.restApis.keys { apis[id] = .rest }
        for (id, api) in partition.apiGatewayV2.apis { apis[id] = api.protocolType == .websocket ? .webSocket : .http }
        return apis
    }

    /// Takes in a partition's change from `old` to `new`. An id that another partition already
    /// uses is refused, and the directory is left as it was.
    mutating func update(_ key: Store.PartitionKey, from old: Partition, to new: Partition) throws(IdentifierConflict) {
        let before = Self.apis(of: old)
        let after = Self.apis(of: new)
        for (id, _) in after where before[id] == nil {
            if let entry = entries[id], entry.partition != key { throw IdentifierConflict(id: id) }
        }
        for id in before.keys where after[id] == nil { entries[id] = nil }
        for (id, kind) in after { entries[id] = Entry(kind: kind, partition: key) }
    }

    static func apiCount(of partition: Partition) -> Int {
        partition.apiGateway.restApis.count + partition.apiGatewayV2.apis.count
    }
}

/// A write that would give a new API an id another API already has.
public struct IdentifierConflict: Error, Sendable {
    public var id: String
}
