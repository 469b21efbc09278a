import Foundation
import OrderedCollections
import RestJson1

/// A function run in the server's own process, for people who embed Portico in their tests.
/// It receives the event JSON and returns the result JSON; a thrown error is a function error.
public typealias LambdaHandler = @Sendable ([UInt8]) async throws -> [UInt8]

/// Reaches Lambda functions (DESIGN.md §5) through three back ends, tried in this order for a
/// function name: in-process Swift closures, local commands from a functions file, and the
/// Lambda Invoke API of another endpoint (`--lambda-endpoint`, e.g. `sam local start-lambda`).
public struct LambdaInvoker: Sendable {
    public var handlers: [String: LambdaHandler]
    public var localFunctions: LocalFunctions
    public var endpoint: LambdaEndpoint?

    public init(
        handlers: [String: LambdaHandler] = [:], localFunctions: LocalFunctions = LocalFunctions(),
        endpoint: LambdaEndpoint? = nil
    ) {
        self.handlers = handlers
        self.localFunctions = localFunctions
        self.endpoint = endpoint
    }

    func invoke(_ function: LambdaFunctionName, payload: [UInt8], timeout: Duration) async throws(IntegrationFailure)
        -> LambdaResult
    {
        if let handler = handlers[function.name] {
            do {
                return LambdaResult(payload: try await handler(payload))
            } catch {
                return .error("\(error)", type: "Error")
            }
        }
        if let local = localFunctions.functions[function.name] {
            return await local.invoke(payload: payload)
        }
        if let endpoint {
            return try await endpoint.invoke(function, payload: payload, timeout: timeout)
        }
        throw .configuration(
            "Lambda function \(function.name) is not known to Portico: declare it with --functions FILE, "
                + "serve it with --lambda-endpoint URL, or register a handler")
    }
}
