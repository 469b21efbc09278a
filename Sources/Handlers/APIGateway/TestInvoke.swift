public import APIGateway
import ExecuteAPI
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    /// Runs a method of the API as it is now (no deployment needed) and returns what a client
    /// would get, with AWS's execution log.
    public func testInvokeMethod(_ input: APIGateway.TestInvokeMethodRequest, context: RequestContext) async throws
        -> APIGateway.TestInvokeMethodResponse
    {
        let definition = try readState(context) { state in
            let record = try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource)
            guard let resource = record.resources[input.resourceId] else {
                throw APIGateway.NotFoundException(message: "Invalid Resource identifier specified")
            }
            // The verb's own method, else the resource's ANY, as deployed traffic is routed.
            guard resource.resourceMethods?[input.httpMethod] ?? resource.resourceMethods?["ANY"] != nil else {
                throw APIGateway.NotFoundException(message: "Invalid Method identifier specified")
            }
            return record.definition
        }
        var headers = Headers()
        for (name, value) in (input.headers ?? [:]).sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
        for (name, values) in (input.multiValueHeaders ?? [:]).sorted(by: { $0.key < $1.key }) {
            for value in values where headers[name] != value { headers.add(name, value) }
        }
        guard
            let result = await TestInvoke.run(
                definition: definition, accountId: context.accountId, region: context.region,
                resourceId: input.resourceId, httpMethod: input.httpMethod,
                pathWithQueryString: input.pathWithQueryString, headers: headers, body: input.body,
                stageVariables: input.stageVariables ?? [:], backends: backends)
        else { throw APIGateway.NotFoundException(message: "Invalid Method identifier specified") }
        var single: [String: String] = [:]
        var multi: [String: [String]] = [:]
        for (name, value) in result.headers {
            single[name] = value
            multi[name, default: []].append(value)
        }
        return APIGateway.TestInvokeMethodResponse(
            status: result.status, body: result.body, headers: single, multiValueHeaders: multi, log: result.log,
            latency: result.latencyMilliseconds)
    }
}
