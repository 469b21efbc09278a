public import APIGateway
public import OrderedCollections

/// AWS's default gateway responses, and how an API's own responses and its DEFAULT_4XX and
/// DEFAULT_5XX settings override them. The control plane lists them; the data plane answers
/// with them.
public enum GatewayResponseDefaults {
    public static let status: [String: String] = [
        "ACCESS_DENIED": "403", "API_CONFIGURATION_ERROR": "500", "AUTHORIZER_CONFIGURATION_ERROR": "500",
        "AUTHORIZER_FAILURE": "500", "BAD_REQUEST_BODY": "400", "BAD_REQUEST_PARAMETERS": "400",
        "EXPIRED_TOKEN": "403", "INTEGRATION_FAILURE": "504", "INTEGRATION_TIMEOUT": "504",
        "INVALID_API_KEY": "403", "INVALID_SIGNATURE": "403", "MISSING_AUTHENTICATION_TOKEN": "403",
        "QUOTA_EXCEEDED": "429", "REQUEST_TOO_LARGE": "413", "RESOURCE_NOT_FOUND": "404", "THROTTLED": "429",
        "UNAUTHORIZED": "401", "UNSUPPORTED_MEDIA_TYPE": "415", "WAF_FILTERED": "403",
    ]

    public static let templates = ["application/json": "{\"message\":$context.error.messageString}"]

    /// The response of `type` as the API serves it: its own if put, else the default, which
    /// takes the API's DEFAULT_4XX or DEFAULT_5XX settings for its class when those are put.
    public static func effective(
        _ type: APIGateway.GatewayResponseType, in own: OrderedDictionary<String, APIGateway.GatewayResponse>
    ) -> APIGateway.GatewayResponse {
        if let response = own[type.rawValue] { return response }
        let status = self.status[type.rawValue]
        var response = APIGateway.GatewayResponse(
            responseType: type, statusCode: status, responseParameters: [:], responseTemplates: templates,
            defaultResponse: true)
        if let status, let classDefault = own[status.hasPrefix("4") ? "DEFAULT_4XX" : "DEFAULT_5XX"] {
            response.statusCode = classDefault.statusCode ?? status
            response.responseParameters = classDefault.responseParameters
            response.responseTemplates = classDefault.responseTemplates
        }
        return response
    }
}
