import APIGateway
import Foundation
import RestJson1
import VTL

/// What the data plane calls integrations with: Lambda back ends and the endpoint that AWS
/// service integrations are forwarded to (HTTP goes through `OutboundHTTP`).
public struct IntegrationBackends: Sendable {
    public var lambda: LambdaInvoker
    /// Where `AWS` integrations for services other than Lambda are sent (`--aws-endpoint`).
    public var awsEndpoint: String?

    public init(lambda: LambdaInvoker = LambdaInvoker(), awsEndpoint: String? = nil) {
        self.lambda = lambda
        self.awsEndpoint = awsEndpoint
    }

    /// Calls the integration's back end. An AWS_PROXY call's body is the event the pipeline
    /// built, and its output is the function's result as it came (the pipeline reads it).
    func call(_ target: IntegrationTarget, _ call: IntegrationCall) async throws(IntegrationFailure)
        -> IntegrationOutput
    {
        switch target.kind {
        case .mock:
            return try MockIntegration.call(call.request)
        case .http:
            return try await HTTPIntegration.call(target, call)
        case .lambda(let proxy):
            // Lambda's Invoke API is a POST; AWS fails a proxy integration with another method at run time.
            if proxy, target.httpMethod != "POST" {
                throw .configuration("Lambda proxy integrations must use POST, not \(target.httpMethod ?? "none")")
            }
            let function = try IntegrationURI.lambdaFunction(target.uri, stageVariables: call.stageVariables)
            return try await invoke(function, target, call)
        case .awsService:
            // A URI whose service is a stage variable may name Lambda once substituted.
            if let function = try IntegrationURI.lambdaFunctionIfLambda(target.uri, stageVariables: call.stageVariables)
            {
                return try await invoke(function, target, call)
            }
            return try await AWSServiceIntegration.call(target, call, endpoint: awsEndpoint)
        }
    }

    /// A function's result as an integration's output: 200, its payload, and its error if it failed.
    private func invoke(_ function: LambdaFunctionName, _ target: IntegrationTarget, _ call: IntegrationCall)
        async throws(IntegrationFailure) -> IntegrationOutput
    {
        let result = try await lambda.invoke(function, payload: call.request.body, timeout: target.timeout)
        return IntegrationOutput(
            status: 200, headers: [("Content-Type", "application/json")], body: result.payload,
            errorMessage: result.functionError == nil ? nil : result.errorMessage, functionError: result.functionError)
    }
}
