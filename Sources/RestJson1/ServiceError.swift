/// An error that is answered as an AWS-shaped response: the status, the `x-amzn-ErrorType`
/// header and a JSON body with at least a `message`.
public protocol ServiceErrorShape: Error, Sendable {
    /// The error code clients see in `x-amzn-ErrorType` (the model's error shape name).
    var errorCode: String { get }
    var httpStatus: Int { get }
    func encodeResponse() -> ServiceResponse
}

/// An error that is not one of a model's error shapes: protocol-level failures (a body that is
/// not JSON, a missing required member) and operations that Portico does not implement yet.
public struct ServiceError: ServiceErrorShape, Equatable, CustomStringConvertible {
    public var errorCode: String
    public var httpStatus: Int
    public var message: String

    public init(code: String, status: Int, message: String) {
        self.errorCode = code
        self.httpStatus = status
        self.message = message
    }

    public var description: String { "\(errorCode) (\(httpStatus)): \(message)" }

    public func encodeResponse() -> ServiceResponse {
        .error(code: errorCode, status: httpStatus, message: message)
    }

    /// A request that is well-formed but wrong (both API Gateway services answer these with their
    /// 400 BadRequestException).
    public static func badRequest(_ message: String) -> ServiceError {
        ServiceError(code: "BadRequestException", status: 400, message: message)
    }

    /// A member that breaks a model constraint (AWS: `1 validation error detected: ...`).
    public static func validation(_ message: String) -> ServiceError {
        ServiceError(code: "ValidationException", status: 400, message: message)
    }

    /// A body that cannot be read as the operation's input: not JSON, or a value of the wrong type.
    public static func serialization(_ message: String) -> ServiceError {
        ServiceError(code: "SerializationException", status: 400, message: message)
    }

    /// The answer of every operation that has no handler yet. The coverage report counts
    /// operations that answer with it as missing.
    public static func notImplemented(operation: String, service: String) -> ServiceError {
        ServiceError(
            code: notImplementedCode, status: 501,
            message: "The operation \(operation) of \(service) is not implemented yet in Portico.")
    }

    public static let notImplementedCode = "NotImplementedException"

    public var isNotImplemented: Bool { errorCode == Self.notImplementedCode }
}

extension ServiceResponse {
    /// An AWS-shaped error response.
    public static func error(
        code: String, status: Int, message: String, extraMembers: (inout JSONWriter) -> Void = { _ in }
    ) -> ServiceResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("message")
        writer.string(message)
        extraMembers(&writer)
        writer.endObject()
        return ServiceResponse(
            status: status,
            headers: [("x-amzn-ErrorType", code), ("Content-Type", "application/json")],
            body: writer.bytes)
    }
}
