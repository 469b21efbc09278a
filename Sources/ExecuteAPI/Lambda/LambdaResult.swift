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
