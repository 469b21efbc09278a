import APIGateway
import OrderedCollections
import State
import Testing

@testable import ExecuteAPI

/// The catalog: which API an id names, and each deployment compiled once.
@Suite("API catalog")
struct APICatalogTests {
    func store(deployments: [String]) throws -> Store {
        let store = Store()
        try store.withPartition(account: "000000000000", region: "eu-west-1") { partition in
            var record = RestApiRecord(
                api: APIGateway.RestApi(id: "api1", rootResourceId: "root"),
                resources: ["root": APIGateway.Resource(id: "root", path: "/")])
            for id in deployments {
                record.deployments[id] = DeploymentRecord(
                    deployment: APIGateway.Deployment(id: id), definition: record.definition)
            }
            partition.apiGateway.restApis["api1"] = record
        }
        return store
    }

    @Test func findsAnAPIByIdInItsPartition() throws {
        let catalog = APICatalog(store: try store(deployments: []))
        guard case .rest(let record, let key)? = catalog.api("api1", in: catalog.store.snapshot) else {
            Issue.record("api1 not found")
            return
        }
        #expect(record.api.id == "api1")
        #expect(key.region == "eu-west-1")
        #expect(catalog.api("nope", in: catalog.store.snapshot) == nil)
    }

    @Test func compilesADeploymentOnceAndDropsDeletedOnes() throws {
        let store = try store(deployments: ["d1", "d2"])
        let catalog = APICatalog(store: store)
        let snapshot = store.snapshot
        guard case .rest(let record, _)? = catalog.api("api1", in: snapshot) else { return }
        let first = try #require(catalog.restDeployment(record, "d1", snapshot: snapshot))
        #expect(catalog.restDeployment(record, "d1", snapshot: snapshot) === first)
        #expect(catalog.restDeployment(record, "missing", snapshot: snapshot) == nil)
        // Deleting d1 and compiling d2 drops d1's compiled form; asked for again, it is rebuilt.
        try store.withPartition(account: "000000000000", region: "eu-west-1") {
            $0.apiGateway.restApis["api1"]!.deployments["d1"] = nil
        }
        let later = store.snapshot
        guard case .rest(let current, _)? = catalog.api("api1", in: later) else { return }
        _ = catalog.restDeployment(current, "d2", snapshot: later)
        #expect(catalog.restDeployment(record, "d1", snapshot: snapshot) !== first)
    }
}
