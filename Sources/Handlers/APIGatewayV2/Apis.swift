public import APIGatewayV2
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayV2Handler {
    public func createApi(_ input: APIGatewayV2.CreateApiRequest, context: RequestContext) async throws
        -> APIGatewayV2.CreateApiResponse
    {
        try Self.validate(input)
        let api = try withState(context) { state, directory in
            let id: String
            do throws(Identifiers.CustomIdError) {
                id = try Identifiers.forNewAPI(tags: input.tags) { directory.contains($0) }
            } catch {
                throw error.serviceError(
                    { APIGatewayV2.BadRequestException(message: $0) }, { APIGatewayV2.ConflictException(message: $0) })
            }
            let isWebSocket = input.protocolType == .websocket
            let port = context.host.split(separator: ":").last.flatMap { Int($0) }
            let endpoint =
                "\(isWebSocket ? "ws" : "http")://\(id).execute-api.localhost" + (port.map { ":\($0)" } ?? "")
            let api = APIGatewayV2.Api(
                apiEndpoint: endpoint, apiId: id,
                apiKeySelectionExpression: input.apiKeySelectionExpression ?? "$request.header.x-api-key",
                corsConfiguration: input.corsConfiguration,
                createdDate: Identifiers.creationDate(),
                description: input.description, disableSchemaValidation: input.disableSchemaValidation,
                disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
                ipAddressType: input.ipAddressType ?? .ipv4, name: input.name, protocolType: input.protocolType,
                routeSelectionExpression: input.routeSelectionExpression ?? "$request.method $request.path",
                tags: input.tags ?? [:], version: input.version)
            state.apis[id] = api
            return api
        }
        return try reshape(api)
    }

    public func getApis(_ input: APIGatewayV2.GetApisRequest, context: RequestContext) async throws
        -> APIGatewayV2.GetApisResponse
    {
        var limit: Int?
        if let text = input.maxResults {
            guard let value = Int(text) else {
                throw APIGatewayV2.BadRequestException(message: "Invalid MaxResults specified: \(text)")
            }
            limit = value
        }
        let apis = try readState(context) { state in state.apis.values.map { (id: $0.apiId!, item: $0) } }
        let page = try Page(apis, token: input.nextToken, limit: limit, defaultLimit: 100, maximumLimit: 500)
        return APIGatewayV2.GetApisResponse(items: page.items, nextToken: page.nextToken)
    }

    public func getApi(_ input: APIGatewayV2.GetApiRequest, context: RequestContext) async throws
        -> APIGatewayV2.GetApiResponse
    {
        try reshape(try readState(context) { state in try state.api(input.apiId) })
    }

    public func deleteApi(_ input: APIGatewayV2.DeleteApiRequest, context: RequestContext) async throws {
        try withState(context) { state in
            guard state.apis.removeValue(forKey: input.apiId) != nil else {
                throw APIGatewayV2.NotFoundException.api(input.apiId)
            }
        }
    }

    static func validate(_ input: APIGatewayV2.CreateApiRequest) throws {
        var errors = ValidationErrors()
        errors.checkEnum(input.protocolType, at: "protocolType", allowed: [.websocket, .http])
        errors.checkEnum(input.ipAddressType, at: "ipAddressType", allowed: [.ipv4, .dualstack])
        try errors.throwIfAny()
        if input.name.isEmpty {
            throw APIGatewayV2.BadRequestException(message: "Name cannot be empty")
        }
        if input.protocolType == .websocket {
            guard input.routeSelectionExpression != nil else {
                throw APIGatewayV2.BadRequestException(
                    message: "RouteSelectionExpression is required for a WEBSOCKET API")
            }
            if input.corsConfiguration != nil {
                throw APIGatewayV2.BadRequestException(message: "CORS configuration is supported only for HTTP APIs")
            }
        }
        // Quick create makes a route, an integration and a stage with the API; those come with
        // the HTTP API issue. Refusing it whole keeps state consistent until then.
        if input.target != nil || input.routeKey != nil || input.credentialsArn != nil {
            throw ServiceError(
                code: ServiceError.notImplementedCode, status: 501,
                message: "Quick create (Target, RouteKey, CredentialsArn) is not implemented yet in Portico.")
        }
    }
}
