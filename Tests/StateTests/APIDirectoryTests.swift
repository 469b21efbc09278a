import APIGateway
import APIGatewayV2
import OrderedCollections
import State
import Testing

/// The store's directory of API ids: every API of every partition and kind, kept as writes
/// create and delete them, and refusing an id another partition uses.
@Suite("API directory")
struct APIDirectoryTests {
    func createRest(_ store: Store, _ id: String, region: String = "us-east-1") throws {
        try store.withPartition(account: "000000000000", region: region) { partition in
            partition.apiGateway.restApis[id] = RestApiRecord(api: APIGateway.RestApi(id: id), resources: [:])
        }
    }

    @Test func writesKeepTheDirectory() throws {
        let store = Store()
        try createRest(store, "rest1")
        try store.withPartition(account: "111111111111", region: "eu-west-1") { partition in
            partition.apiGatewayV2.apis["ws1"] = APIGatewayV2.Api(
                apiId: "ws1", name: "w", protocolType: .websocket, routeSelectionExpression: "$request.body.action")
            partition.apiGatewayV2.apis["http1"] = APIGatewayV2.Api(
                apiId: "http1", name: "h", protocolType: .http,
                routeSelectionExpression: "${request.method} ${request.path}")
        }
        let directory = store.snapshot.directory
        #expect(directory["rest1"]?.kind == .rest)
        #expect(directory["rest1"]?.partition == .init(accountId: "000000000000", region: "us-east-1"))
        #expect(directory["ws1"]?.kind == .webSocket)
        #expect(directory["http1"]?.partition == .init(accountId: "111111111111", region: "eu-west-1"))
        try store.withPartition(account: "000000000000", region: "us-east-1") { $0.apiGateway.restApis["rest1"] = nil }
        #expect(!store.snapshot.directory.contains("rest1"))
        #expect(store.snapshot.directory.contains("ws1"))
        store.reset()
        #expect(store.snapshot.directory.entries.isEmpty)
    }

    @Test func anIdAnotherPartitionUsesIsRefusedAndNothingChanges() throws {
        let store = Store()
        try createRest(store, "taken")
        #expect(throws: IdentifierConflict.self) { try createRest(store, "taken", region: "eu-west-1") }
        #expect(store.snapshot.partitions[.init(accountId: "000000000000", region: "eu-west-1")] == nil)
        #expect(store.snapshot.directory["taken"]?.partition.region == "us-east-1")
    }

    @Test func aWriteSeesTheDirectory() throws {
        let store = Store()
        try createRest(store, "seen")
        let seen = try store.withPartition(account: "222222222222", region: "ap-south-1") { _, directory in
            directory.contains("seen")
        }
        #expect(seen)
    }
}
