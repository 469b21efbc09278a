/// One call of an integration: what the pipeline mapped, and what of the client's request an
/// integration passes on (HTTP_PROXY forwards its headers and query; `ANY` takes its method).
struct IntegrationCall: Sendable {
    var request: IntegrationRequest
    var client: RequestFacts
    var stageVariables: [String: String]
    var apiId: String
    var region: String
    /// TestInvokeMethod's execution log, when there is one.
    var log: ExecutionLog?

    /// The method to call the back end with.
    func method(_ target: IntegrationTarget) -> String {
        guard let method = target.httpMethod, method != "ANY" else { return client.method }
        return method
    }
}
