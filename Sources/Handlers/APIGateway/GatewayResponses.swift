public import APIGateway
import ExecuteAPI
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func putGatewayResponse(_ input: APIGateway.PutGatewayResponseRequest, context: RequestContext)
        async throws -> APIGateway.GatewayResponse
    {
        try GatewayResponses.validate(input.responseType)
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                if let code = input.statusCode { try Self.validateStatusCode(code) }
                let response = APIGateway.GatewayResponse(
                    responseType: input.responseType,
                    statusCode: input.statusCode ?? GatewayResponses.defaultStatus[input.responseType.rawValue],
                    responseParameters: input.responseParameters ?? [:],
                    responseTemplates: input.responseTemplates ?? GatewayResponses.defaultTemplates,
                    defaultResponse: false)
                record.gatewayResponses[input.responseType.rawValue] = response
                return response
            }
        }
    }

    public func getGatewayResponse(_ input: APIGateway.GetGatewayResponseRequest, context: RequestContext)
        async throws -> APIGateway.GatewayResponse
    {
        try GatewayResponses.validate(input.responseType)
        return try readState(context) { state in
            GatewayResponses.effective(
                input.responseType, in: try state.restApi(input.restApiId, context: context).gatewayResponses)
        }
    }

    public func getGatewayResponses(_ input: APIGateway.GetGatewayResponsesRequest, context: RequestContext)
        async throws -> APIGateway.GatewayResponses
    {
        let responses = try readState(context) { state in
            let custom = try state.restApi(input.restApiId, context: context).gatewayResponses
            return APIGateway.GatewayResponseType.knownValues.sorted { $0.rawValue < $1.rawValue }.map {
                (id: $0.rawValue, item: GatewayResponses.effective($0, in: custom))
            }
        }
        let page = try Page(responses, token: input.position, limit: input.limit)
        return APIGateway.GatewayResponses(position: page.nextToken, items: page.items)
    }

    public func updateGatewayResponse(_ input: APIGateway.UpdateGatewayResponseRequest, context: RequestContext)
        async throws -> APIGateway.GatewayResponse
    {
        try GatewayResponses.validate(input.responseType)
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                // Updating a default response makes it the API's own.
                var response = GatewayResponses.effective(input.responseType, in: record.gatewayResponses)
                response.defaultResponse = false
                try GatewayResponses.patches.apply(
                    input.patchOperations, to: &response, inputName: "updateGatewayResponseInput")
                if let code = response.statusCode { try Self.validateStatusCode(code) }
                record.gatewayResponses[input.responseType.rawValue] = response
                return response
            }
        }
    }

    public func deleteGatewayResponse(_ input: APIGateway.DeleteGatewayResponseRequest, context: RequestContext)
        async throws
    {
        try GatewayResponses.validate(input.responseType)
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                guard record.gatewayResponses.removeValue(forKey: input.responseType.rawValue) != nil else {
                    throw APIGateway.NotFoundException(message: "Gateway response type not defined on api")
                }
            }
        }
    }
}

/// The gateway responses every REST API has: AWS's default status per type, the default
/// template, and how an API's DEFAULT_4XX/DEFAULT_5XX customizations flow into the defaults.
enum GatewayResponses {
    static var defaultStatus: [String: String] { GatewayResponseDefaults.status }
    static var defaultTemplates: [String: String] { GatewayResponseDefaults.templates }

    static func effective(
        _ type: APIGateway.GatewayResponseType, in own: OrderedDictionary<String, APIGateway.GatewayResponse>
    ) -> APIGateway.GatewayResponse {
        GatewayResponseDefaults.effective(type, in: own)
    }

    static func validate(_ type: APIGateway.GatewayResponseType) throws {
        let order: [APIGateway.GatewayResponseType] = [
            .requestTooLarge, .resourceNotFound, .authorizerConfigurationError, .missingAuthenticationToken,
            .badRequestBody, .invalidSignature, .invalidApiKey, .badRequestParameters, .authorizerFailure,
            .unauthorized, .integrationTimeout, .accessDenied, .default4xx, .default5xx, .wafFiltered,
            .quotaExceeded, .throttled, .apiConfigurationError, .unsupportedMediaType, .integrationFailure,
            .expiredToken,
        ]
        var errors = ValidationErrors()
        errors.checkEnum(type, at: "responseType", allowed: order)
        try errors.throwIfAny()
    }

    static let patches: PatchRules<APIGateway.GatewayResponse> = {
        var rules = PatchRules<APIGateway.GatewayResponse>(wording: .pathOnly)
        rules.on("/statusCode", ops: [.replace]) { response, step in response.statusCode = try step.string() }
        rules.on("/responseParameters/*", ops: [.add, .replace, .remove]) { response, step in
            response.responseParameters = try patchMap(response.responseParameters, step, name: "responseParameters")
        }
        rules.on("/responseTemplates/*", ops: [.add, .replace, .remove]) { response, step in
            response.responseTemplates = try patchMap(response.responseTemplates, step, name: "responseTemplates")
        }
        return rules
    }()

    private static func patchMap(_ map: [String: String]?, _ step: PatchStep, name: String) throws -> [String: String] {
        var map = map ?? [:]
        if step.op != .add, map[step.key] == nil {
            throw APIGateway.NotFoundException(message: "Invalid parameter name specified")
        }
        if step.isRemoval {
            map[step.key] = nil
        } else {
            guard let value = step.value, !value.isEmpty else {
                throw APIGateway.BadRequestException(message: "Invalid null or empty value in \(name)")
            }
            map[step.key] = value
        }
        return map
    }
}
