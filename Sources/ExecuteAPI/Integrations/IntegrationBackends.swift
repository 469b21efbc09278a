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
        _ integration: ServingIntegration, request: IntegrationRequest, invocation: RestInvocation,
        method: ServingMethod, pathParameters: [String: String], context: RequestContextVariables
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

/// MOCK: the request template's `statusCode` chooses the integration response; there is no
/// back end and no body.
enum MockIntegration {
    static func call(_ request: IntegrationRequest) throws(GatewayError) -> IntegrationOutput {
        var status = 200
        let blank = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if !blank {
            if case .object(let members)? = try? JSONValue.parse(request.body) {
                switch members["statusCode"] {
                case .integer(let code)?: status = code
                case .string(let code)?: status = Int(code) ?? 200
                // A number no Int holds (1e300) selects no response rather than trapping.
                case .double(let code)?: status = Int(exactly: code.rounded(.towardZero)) ?? 0
                default: break
                }
            } else if let code = lenientStatusCode(String(decoding: request.body, as: UTF8.self)) {
                status = code
            } else {
                throw .configuration("The MOCK integration's request is not a JSON object with a statusCode")
            }
        }
        return IntegrationOutput(status: status, headers: Headers(), body: [])
    }

    /// `statusCode` from an object AWS reads leniently: the key may be unquoted or single-quoted,
    /// as CDK writes it for CORS preflight methods (`{statusCode: 200}`).
    static func lenientStatusCode(_ text: String) -> Int? {
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("{"),
            let match = trimmed.firstMatch(of: /[{,]\s*["']?statusCode["']?\s*:\s*["']?(-?[0-9]{1,9})["']?\s*[,}]/)
        else { return nil }
        return Int(match.1)
    }
}
