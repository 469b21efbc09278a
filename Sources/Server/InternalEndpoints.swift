import RestJson1

/// Answers of the internal endpoints (`/_portico/health`, resets).
enum InternalEndpoints {
    static let services = ["apigateway", "apigatewayv2", "apigatewaymanagementapi"]

    /// Shaped like other emulators' health answers, so existing wait-for-ready scripts work.
    static func health() -> ServiceResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("status")
        writer.string("running")
        writer.key("services")
        writer.beginObject()
        for service in services {
            writer.key(service)
            writer.string("running")
        }
        writer.endObject()
        writer.endObject()
        return ServiceResponse(status: 200, headers: [("Content-Type", "application/json")], body: writer.bytes)
    }

    static func resetDone() -> ServiceResponse {
        ServiceResponse(
            status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"reset":true}"#.utf8))
    }
}
