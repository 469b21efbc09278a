import Foundation
public import RestJson1
public import State

/// TestInvokeMethod: one method of an API's current (undeployed) definition run through the
/// same pipeline as deployed traffic, with AWS's execution log.
public enum TestInvoke {
    public struct Result: Sendable {
        public var status: Int
        public var headers: Headers
        public var body: String
        public var log: String
        public var latencyMilliseconds: Int64
    }

    /// nil when the resource has no such method.
    public static func run(
        definition: RestApiDefinition, accountId: String, region: String, resourceId: String, httpMethod: String,
        pathWithQueryString: String?, headers: Headers, body: String?, stageVariables: [String: String],
        backends: IntegrationBackends
    ) async -> Result? {
        let deployment = RestDeployment(deploymentId: "test-invoke-deployment-id", definition: definition)
        guard let method = deployment.method(resourceId: resourceId, httpMethod: httpMethod) else { return nil }
        let target = pathWithQueryString.flatMap { $0.isEmpty ? nil : $0 } ?? method.resourcePath
        let queryStart = target.firstIndex(of: "?")
        let path = String(target[..<(queryStart ?? target.endIndex)])
        // Path parameters come from the given path when it fits the resource's template (without a
        // path, the template itself stands in, so `{petId}` is its own value); a path that does not
        // fit gives none, and the method still runs, as on AWS.
        let template = ResourceTree(paths: [(resourceId, method.resourcePath)])
        let pathParameters = template.match(path[...])?.pathParameters ?? [:]
        let requestId = UUID().uuidString.lowercased()
        let request = RequestFacts(
            method: httpMethod, path: path,
            rawQuery: queryStart.map { String(target[target.index(after: $0)...]) } ?? "", headers: headers,
            body: Array((body ?? "").utf8), host: "test-invoke-api.execute-api.localhost",
            sourceIp: "test-invoke-source-ip", requestId: requestId, hostHeader: false)
        let log = ExecutionLog()
        let started = ContinuousClock.now
        var invocation = RestInvocation(
            request: request, deployment: deployment, accountId: accountId, region: region,
            stage: "test-invoke-stage", stageVariables: stageVariables, isCanaryRequest: nil,
            apiKeys: .any, backends: backends)
        invocation.log = log
        invocation.fixedMethod = (method, pathParameters)
        var response = await invocation.run()
        let elapsed = ContinuousClock.now - started
        // The gateway's own tracing headers are not part of a test invocation's answer, and an
        // error the gateway raised comes back with its error type alone.
        let isGatewayError = response.headers["x-amzn-ErrorType"] != nil
        response.headers = Headers(
            response.headers.fields.filter { field in
                let name = field.name.lowercased()
                return name != "x-amz-apigw-id" && name != "x-amzn-trace-id"
                    && !(isGatewayError && name == "content-type")
            })
        return Result(
            status: response.status, headers: response.headers, body: response.bodyText,
            log: log.text(requestId: requestId),
            latencyMilliseconds: elapsed.milliseconds)
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
