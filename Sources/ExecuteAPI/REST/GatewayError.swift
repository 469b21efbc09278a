/// An error the gateway itself raises while serving a request. It is answered with the API's
/// gateway response of `responseType` (AWS's default unless the API put its own).
struct GatewayError: Error, Sendable {
    /// The gateway response type (`MISSING_AUTHENTICATION_TOKEN`, …).
    var responseType: String
    /// `$context.error.message`.
    var message: String
    /// The `x-amzn-ErrorType` header, when AWS sends one for this error.
    var errorType: String?
    /// A status that replaces the gateway response's own (a malformed Lambda answer is a 502).
    var status: Int?
    /// For the log and TestInvokeMethod's execution log: what went wrong, in detail.
    var detail: String?

    static let missingAuthenticationToken = GatewayError(
        responseType: "MISSING_AUTHENTICATION_TOKEN", message: "Missing Authentication Token",
        errorType: "MissingAuthenticationTokenException")
    static let invalidAPIKey = GatewayError(
        responseType: "INVALID_API_KEY", message: "Forbidden", errorType: "ForbiddenException")
    static let invalidBody = GatewayError(
        responseType: "BAD_REQUEST_BODY", message: "Invalid request body", errorType: "BadRequestException")
    static let unsupportedMediaType = GatewayError(
        responseType: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported Media Type",
        errorType: "UnsupportedMediaTypeException")
    static let timeout = GatewayError(
        responseType: "INTEGRATION_TIMEOUT", message: "Endpoint request timed out", errorType: nil)

    static func missingParameters(_ names: [String]) -> GatewayError {
        GatewayError(
            responseType: "BAD_REQUEST_PARAMETERS",
            message: "Missing required request parameters: [\(names.joined(separator: ", "))]",
            errorType: "BadRequestException")
    }

    static func invalidBody(_ detail: String) -> GatewayError {
        var error = invalidBody
        error.detail = detail
        return error
    }

    /// A mapping template read a request body that is not JSON: a 400 that says so.
    static func bodyNotJSON(_ message: String) -> GatewayError {
        GatewayError(
            responseType: "BAD_REQUEST_BODY", message: message, errorType: "BadRequestException", detail: message)
    }

    /// "Execution failed due to configuration error": the API is set up in a way that cannot
    /// serve the request. AWS answers 500 and says why only in its execution log.
    static func configuration(_ detail: String) -> GatewayError {
        GatewayError(
            responseType: "API_CONFIGURATION_ERROR", message: "Internal server error",
            errorType: "InternalServerErrorException", detail: detail)
    }

    /// The back end answered, but not in a form the gateway can use (a malformed Lambda proxy
    /// response): 502.
    static func badGateway(_ detail: String) -> GatewayError {
        GatewayError(
            responseType: "DEFAULT_5XX", message: "Internal server error", errorType: "InternalServerErrorException",
            status: 502, detail: detail)
    }
}

extension GatewayError {
    /// An integration's failure as the REST pipeline answers it: a timeout is 504, an answer
    /// it cannot use 502, anything else the configuration error's 500.
    init(_ failure: IntegrationFailure) {
        switch failure {
        case .timeout: self = .timeout
        case .badResponse(let detail): self = .badGateway(detail)
        case .configuration(let detail): self = .configuration(detail)
        }
    }
}
