/// Why an integration gave no answer the gateway can use. Each pipeline answers it its own way
/// (REST: gateway responses; HTTP APIs: their fixed 500/503/504; WebSocket: an error frame).
enum IntegrationFailure: Error, Sendable {
    /// The integration cannot serve the request as it is set up (an invalid URI, an unknown
    /// function, a back end that cannot be reached). The text says why, for logs.
    case configuration(String)
    /// The back end did not answer within the integration's timeout.
    case timeout
    /// The back end answered, but not in a form the gateway can use (a malformed Lambda proxy
    /// answer, a function error where a proxy answer was due).
    case badResponse(String)
}
