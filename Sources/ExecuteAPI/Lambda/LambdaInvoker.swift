import Foundation
import OrderedCollections
import RestJson1

/// What a Lambda invocation gave back: the payload, and Lambda's `X-Amz-Function-Error`
/// (`Unhandled`/`Handled`) when the function failed.
public struct LambdaResult: Sendable {
    public var payload: [UInt8]
    public var functionError: String?

    public init(payload: [UInt8], functionError: String? = nil) {
        self.payload = payload
        self.functionError = functionError
    }

    /// `errorMessage` of a function error's payload (what selection patterns match).
    var errorMessage: String? {
        guard case .object(let members)? = try? JSONValue.parse(payload) else {
            return String(decoding: payload, as: UTF8.self)
        }
        guard case .string(let message)? = members["errorMessage"] else { return nil }
        return message
    }

    /// A function error as Lambda reports one.
    static func error(_ message: String, type: String?) -> LambdaResult {
        var members: OrderedDictionary<String, JSONValue> = ["errorMessage": .string(message)]
        if let type { members["errorType"] = .string(type) }
        return LambdaResult(payload: Array(JSONValue.object(members).jsonText.utf8), functionError: "Unhandled")
    }
}

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

    func invoke(_ function: LambdaFunctionName, payload: [UInt8], timeout: Duration) async throws(GatewayError)
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
