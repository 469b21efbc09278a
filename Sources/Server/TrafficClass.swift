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
        // Deployed APIs on their own host, the most frequent traffic, are told apart first and
        // without splitting the whole path.
        if let apiId = executeAPIHostId(host), let classified = executeAPIHost(apiId: apiId, path: path) {
            return classified
        }
        if let endpoint = internalEndpoint(method: method, path: path) { return .internal(endpoint) }
        // Only the first few segments decide; the rest of the path is kept as one piece.
        var segments: [Substring] = []
        var rest = path.dropFirst()
        while segments.count < 4, let slash = rest.firstIndex(of: "/") {
            segments.append(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        let all = segments + [rest]
        func remainder(after count: Int) -> String {
            count >= all.count ? "/" : "/" + all[count...].joined(separator: "/")
        }
        if let apiId = executeAPIHostId(host) {
            if all.count >= 3, all[1] == "@connections" { return .management }
            let stage = all[0].isEmpty ? nil : String(all[0])
            return .dataPlane(apiId: apiId, stage: stage, path: remainder(after: 1))
        }
        if all[0] == "@connections" { return .management }
        // `/restapis/{id}/stages/_user_request_` is the control plane's GetStage of a stage that
        // happens to have that name.
        if all.count >= 4, all[0] == "restapis", all[3] == "_user_request_", !(all[2] == "stages" && all.count == 4) {
            return .dataPlane(apiId: String(all[1]), stage: String(all[2]), path: remainder(after: 4))
        }
        if all.count >= 3, all[0] == "_aws", all[1] == "execute-api" {
            return .dataPlane(
                apiId: String(all[2]), stage: all.count > 3 ? String(all[3]) : nil, path: remainder(after: 4))
        }
        if all[0] == "v2" { return .controlPlane(.apiGatewayV2) }
        return .controlPlane(.apiGateway)
    }

    /// `/{stage}/{path}` on an API's own host, or nil when the path needs the general rules
    /// (an internal endpoint, or `@connections` below the stage).
    private static func executeAPIHost(apiId: String, path: String) -> TrafficClass? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        let afterSlash = utf8.index(after: utf8.startIndex)
        let stageEnd = utf8[afterSlash...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
        let stage = path[afterSlash..<stageEnd]
        if stage.hasPrefix("_") || stage.hasPrefix("@") || stage == "moto-api" { return nil }
        let rest = path[stageEnd...]
        if rest.hasPrefix("/@connections") { return nil }
        return .dataPlane(
            apiId: apiId, stage: stage.isEmpty ? nil : String(stage), path: rest.isEmpty ? "/" : String(rest))
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
        // The id is the first label, so only the text after the first dot is compared (every
        // request runs this: no Foundation search).
        let utf8 = host.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex,
            utf8[dot...].starts(with: ".execute-api.".utf8)
        else { return nil }
        return String(host[..<dot])
    }
}
