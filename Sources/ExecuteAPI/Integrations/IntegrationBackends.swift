import APIGateway
import Foundation
import RestJson1
import VTL

/// What the data plane calls integrations with: Lambda back ends, an HTTP client, and the
/// endpoint that AWS service integrations are forwarded to.
public struct IntegrationBackends: Sendable {
    public var lambda: LambdaInvoker
    /// Where `AWS` integrations for services other than Lambda are sent (`--aws-endpoint`).
    public var awsEndpoint: String?
    let http: HTTPIntegrationClient

    public init(lambda: LambdaInvoker = LambdaInvoker(), awsEndpoint: String? = nil) {
        self.lambda = lambda
        self.awsEndpoint = awsEndpoint
        self.http = HTTPIntegrationClient()
    }

    func call(
        _ integration: RestIntegration, request: IntegrationRequest, invocation: RestInvocation,
        method: RestMethod, pathParameters: [String: String], context: RequestContextVariables
    ) async throws(GatewayError) -> IntegrationOutput {
        switch integration.type {
        case .mock:
            return try MockIntegration.call(request)
        case .http, .httpProxy:
            return try await http.call(integration, request: request, invocation: invocation)
        case .awsProxy:
            // Lambda's Invoke API is a POST; AWS fails any other integration method at run time.
            guard integration.httpMethod == "POST" else {
                throw .configuration("Lambda proxy integrations must use POST, not \(integration.httpMethod ?? "none")")
            }
            let function = try IntegrationURI.lambdaFunction(integration.uri, stageVariables: invocation.stageVariables)
            let event = LambdaProxyEvent.make(
                invocation: invocation, method: method, pathParameters: pathParameters, context: context)
            let result = try await lambda.invoke(function, payload: event, timeout: integration.timeout)
            return try LambdaProxyResponse.parse(
                result, binaryMediaTypes: invocation.deployment.binaryMediaTypes,
                accept: invocation.request.headers["Accept"])
        case .aws:
            if let function = try IntegrationURI.lambdaFunctionIfLambda(
                integration.uri, stageVariables: invocation.stageVariables)
            {
                let result = try await lambda.invoke(function, payload: request.body, timeout: integration.timeout)
                return IntegrationOutput(
                    status: 200, headers: [("Content-Type", "application/json")], body: result.payload,
                    errorMessage: result.functionError == nil ? nil : result.errorMessage)
            }
            return try await AWSServiceIntegration.call(
                integration, request: request, invocation: invocation, endpoint: awsEndpoint)
        default:
            throw .configuration("Integration type \(integration.type.rawValue) is not supported")
        }
    }
}
