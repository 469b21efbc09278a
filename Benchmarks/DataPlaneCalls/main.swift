import APIGateway
import ExecuteAPI
import Foundation
import OrderedCollections
import RestJson1
import State

/// The REST data plane without a socket: one deployed MOCK method with a request and a response
/// template (the data-plane benchmark's), invoked in a loop on one thread. Prints the time per
/// call, which is what the server adds to HTTP parsing and writing for such a request.
let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let store = Store()
let definition = try store.withPartition(account: "000000000000", region: "us-east-1") { partition in
    var record = RestApiRecord(
        api: APIGateway.RestApi(id: "bench", rootResourceId: "root"),
        resources: [
            "root": APIGateway.Resource(id: "root", path: "/"),
            "mock": APIGateway.Resource(
                id: "mock", parentId: "root", pathPart: "mock", path: "/mock",
                resourceMethods: [
                    "GET": APIGateway.Method(
                        httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false,
                        methodResponses: ["200": APIGateway.MethodResponse(statusCode: "200")],
                        methodIntegration: APIGateway.Integration(
                            type: .mock, requestTemplates: ["application/json": #"{"statusCode": 200}"#],
                            integrationResponses: [
                                "200": APIGateway.IntegrationResponse(
                                    statusCode: "200", responseTemplates: ["application/json": #"{"message": "hello"}"#]
                                )
                            ]))
                ]),
        ])
    record.deployments["d1"] = DeploymentRecord(
        deployment: APIGateway.Deployment(id: "d1"), definition: record.definition)
    record.stages["bench"] = APIGateway.Stage(deploymentId: "d1", stageName: "bench")
    partition.apiGateway.restApis["bench"] = record
    return record.definition
}
_ = definition
let plane = RestDataPlane(catalog: APICatalog(store: store))
let headers: Headers = [("Host", "bench.execute-api.localhost"), ("User-Agent", "wrk"), ("Accept", "*/*")]

@concurrent func call() async -> Int {
    let request = RequestFacts(
        method: "GET", path: "/mock", rawQuery: "", headers: headers, body: [], host: "bench.execute-api.localhost",
        sourceIp: "127.0.0.1", requestId: RequestIds.uuid())
    return await plane.invoke(apiId: "bench", stage: "bench", request: request).status
}

/// The loop runs off the main actor, as the server's requests do, so no call hops between threads.
@concurrent func measure() async -> (calls: Int, elapsed: Duration) {
    for _ in 0..<2000 { _ = await call() }
    let start = ContinuousClock.now
    var calls = 0
    while ContinuousClock.now - start < .seconds(seconds) {
        for _ in 0..<1000 {
            let status = await call()
            precondition(status == 200)
        }
        calls += 1000
    }
    return (calls, ContinuousClock.now - start)
}

let (calls, elapsed) = await measure()
let micros = (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(calls)
print(String(format: "REST MOCK with templates, in-process: %.2f µs per call (%d calls, one thread)", micros, calls))

// The same on every core at once: what sharing the deployment between threads costs.
let cores = ProcessInfo.processInfo.activeProcessorCount
let parallel = await withTaskGroup(of: (calls: Int, elapsed: Duration).self) { group in
    for _ in 0..<cores { group.addTask { await measure() } }
    var total = 0
    var longest = Duration.zero
    for await (calls, elapsed) in group {
        total += calls
        longest = max(longest, elapsed)
    }
    return (total, longest)
}
let parallelMicros =
    (Double(parallel.1.components.seconds) * 1e6 + Double(parallel.1.components.attoseconds) / 1e12)
    * Double(cores) / Double(parallel.0)
print(
    String(
        format: "the same on %d threads at once: %.2f µs of a thread per call (%d calls)", cores, parallelMicros,
        parallel.0))
