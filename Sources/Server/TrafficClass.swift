import Foundation

/// The four kinds of traffic one listener serves (DESIGN.md §4), told apart by host and path.
enum TrafficClass: Equatable {
    /// `/_portico/...` and the health and reset paths of other emulators' test fixtures.
    case `internal`(InternalEndpoint)
    /// A deployed API: `{apiId}.execute-api.*` hosts, `/restapis/{id}/{stage}/_user_request_/...`,
    /// `/_aws/execute-api/{id}/{stage}/...`.
    case dataPlane(apiId: String, stage: String?, path: String)
    /// The WebSocket management API (`@connections`).
    case management
    /// Everything else: the control-plane APIs of apigateway (v1) and apigatewayv2 (`/v2/...`).
    case controlPlane(ControlPlaneService)

    enum InternalEndpoint: Equatable {
        case health
        case reset
    }

    enum ControlPlaneService: Equatable {
        case apiGateway
        case apiGatewayV2
    }

    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - host: the `Host` header without a port, lowercased.
    ///   - path: the raw request path, without the query string.
    static func classify(method: String, host: String, path: String) -> TrafficClass {
        if let endpoint = internalEndpoint(method: method, path: path) { return .internal(endpoint) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if let apiId = executeAPIHostId(host) {
            if segments.count >= 3, segments[1] == "@connections" { return .management }
            let stage = segments.first.flatMap { $0.isEmpty ? nil : $0 }
            return .dataPlane(apiId: apiId, stage: stage, path: "/" + segments.dropFirst().joined(separator: "/"))
        }
        if segments.first == "@connections" { return .management }
        // `/restapis/{id}/stages/_user_request_` is the control plane's GetStage of a stage that
        // happens to have that name.
        if segments.count >= 4, segments[0] == "restapis", segments[3] == "_user_request_",
            !(segments[2] == "stages" && segments.count == 4)
        {
            return .dataPlane(
                apiId: segments[1], stage: segments[2], path: "/" + segments.dropFirst(4).joined(separator: "/"))
        }
        if segments.count >= 3, segments[0] == "_aws", segments[1] == "execute-api" {
            return .dataPlane(
                apiId: segments[2], stage: segments.count > 3 ? segments[3] : nil,
                path: "/" + segments.dropFirst(4).joined(separator: "/"))
        }
        if segments.first == "v2" { return .controlPlane(.apiGatewayV2) }
        return .controlPlane(.apiGateway)
    }

    static func internalEndpoint(method: String, path: String) -> InternalEndpoint? {
        switch (method, path) {
        case ("GET", "/_portico/health"), ("GET", "/_localstack/health"), ("GET", "/moto-api/health"): .health
        case ("POST", "/_portico/reset"), ("POST", "/moto-api/reset"), ("POST", "/_localstack/state/reset"): .reset
        default: nil
        }
    }

    /// Hosts that name this machine rather than a custom domain name.
    static func isLocalHost(_ host: String) -> Bool {
        host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == "0.0.0.0"
            || host.hasSuffix(".localhost") || host.hasSuffix(".amazonaws.com")
    }

    /// The API id of a host of the form `{apiId}.execute-api.{anything}`.
    static func executeAPIHostId(_ host: String) -> String? {
        guard let range = host.range(of: ".execute-api.") else { return nil }
        let id = host[..<range.lowerBound]
        return id.isEmpty || id.contains(".") ? nil : String(id)
    }
}
