public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createAuthorizer(_ input: APIGateway.CreateAuthorizerRequest, context: RequestContext) async throws
        -> APIGateway.Authorizer
    {
        var errors = ValidationErrors()
        errors.checkEnum(
            input.type, at: "createAuthorizerInput.type", allowed: [.token, .request, .cognitoUserPools])
        try errors.throwIfAny()
        // AWS answers an unknown API here with this 409 (recorded), not a NotFoundException.
        let unknownApi = APIGateway.ConflictException(
            message: "Unable to complete operation due to concurrent modification. Please try again later.")
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: unknownApi) { record in
                var authorizer = APIGateway.Authorizer(
                    name: input.name, type: input.type, providerARNs: input.providerARNs, authType: input.authType,
                    authorizerUri: input.authorizerUri, authorizerCredentials: input.authorizerCredentials,
                    identitySource: input.identitySource,
                    identityValidationExpression: input.identityValidationExpression,
                    authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? 300)
                try Self.validate(authorizer)
                authorizer.authType =
                    authorizer.authType ?? (input.type == .cognitoUserPools ? "cognito_user_pools" : "custom")
                authorizer.id = Identifiers.make(length: 6) { record.authorizers[$0] != nil }
                record.authorizers[authorizer.id!] = authorizer
                return authorizer
            }
        }
    }

    public func getAuthorizer(_ input: APIGateway.GetAuthorizerRequest, context: RequestContext) async throws
        -> APIGateway.Authorizer
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context).authorizer(input.authorizerId)
        }
    }

    public func getAuthorizers(_ input: APIGateway.GetAuthorizersRequest, context: RequestContext) async throws
        -> APIGateway.Authorizers
    {
        let authorizers = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).authorizers.map { (id: $0.key, item: $0.value) }
        }
        let page = try Page(authorizers, token: input.position, limit: input.limit)
        return APIGateway.Authorizers(position: page.nextToken, items: page.items)
    }

    public func updateAuthorizer(_ input: APIGateway.UpdateAuthorizerRequest, context: RequestContext) async throws
        -> APIGateway.Authorizer
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                var authorizer = try record.authorizer(input.authorizerId)
                try Self.authorizerPatches.apply(
                    input.patchOperations, to: &authorizer, inputName: "updateAuthorizerInput")
                try Self.validate(authorizer)
                record.authorizers[input.authorizerId] = authorizer
                return authorizer
            }
        }
    }

    public func deleteAuthorizer(_ input: APIGateway.DeleteAuthorizerRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                _ = try record.authorizer(input.authorizerId)
                for resource in record.resources.values {
                    for (httpMethod, method) in resource.resourceMethods ?? [:]
                    where method.authorizerId == input.authorizerId {
                        throw APIGateway.ConflictException(
                            message: "Cannot delete authorizer '\(input.authorizerId)', is referenced in method: "
                                + "\(resource.path ?? "")/\(httpMethod)")
                    }
                }
                record.authorizers[input.authorizerId] = nil
            }
        }
    }

    static let authorizerPatches: PatchRules<APIGateway.Authorizer> = {
        var rules = PatchRules<APIGateway.Authorizer>(wording: .plain)
        rules.on("/name", ops: [.replace]) { authorizer, step in authorizer.name = try step.string() }
        rules.field("/type", \.type)
        rules.field("/authType", \.authType)
        rules.field("/authorizerUri", \.authorizerUri)
        rules.field("/authorizerCredentials", \.authorizerCredentials)
        rules.field("/identitySource", \.identitySource, ops: [.add, .replace, .remove])
        rules.field("/identityValidationExpression", \.identityValidationExpression)
        rules.field("/authorizerResultTtlInSeconds", \.authorizerResultTtlInSeconds)
        rules.list("/providerARNs", \.providerARNs, ops: [.add, .remove])
        rules.valueList("/providerARNs", \.providerARNs)
        return rules
    }()

    /// AWS's checks on an authorizer's configuration for its type.
    static func validate(_ authorizer: APIGateway.Authorizer) throws {
        if authorizer.name?.isEmpty ?? true {
            throw APIGateway.BadRequestException(message: "Authorizer name must be non-empty")
        }
        if let ttl = authorizer.authorizerResultTtlInSeconds, !(0...3600).contains(ttl) {
            throw APIGateway.BadRequestException(
                message: "Invalid authorizer TTL specified: \(ttl). TTL must be between 0 and 3600 seconds")
        }
        switch authorizer.type {
        case .cognitoUserPools?:
            guard let arns = authorizer.providerARNs, !arns.isEmpty else {
                throw APIGateway.BadRequestException(
                    message: "ProviderARNs need to be specified for authorizer of type COGNITO_USER_POOLS")
            }
            try validateIdentitySource(authorizer.identitySource, required: true)
        case .token?, .request?:
            guard let uri = authorizer.authorizerUri, !uri.isEmpty else {
                throw APIGateway.BadRequestException(message: "Invalid Authorizer URI specified: null")
            }
            guard uri.hasPrefix("arn:"), uri.contains(":lambda:"), uri.contains("/functions/") else {
                throw APIGateway.BadRequestException(message: "Invalid Authorizer URI specified: \(uri)")
            }
            let ttl = authorizer.authorizerResultTtlInSeconds ?? 300
            // A REQUEST authorizer may go without identity sources only when it caches nothing.
            try validateIdentitySource(
                authorizer.identitySource, required: authorizer.type == .token || ttl > 0)
            if authorizer.type == .token, let source = authorizer.identitySource,
                !source.hasPrefix("method.request.header.") || source.contains(",")
            {
                throw APIGateway.BadRequestException(
                    message: "Invalid token source expression: \(source). The source must be a method request "
                        + "header, matching 'method.request.header.[a-zA-Z0-9._-]+'.")
            }
            if authorizer.type == .token, authorizer.identitySource?.contains(",") == true {
                throw APIGateway.BadRequestException(
                    message: "Invalid identity source specified for TOKEN authorizer: \(authorizer.identitySource!). "
                        + "Identity source must be a single method.request.header value")
            }
        default:
            break
        }
    }

    /// Identity sources are comma-separated mapping expressions: `method.request.header.X`,
    /// `method.request.querystring.x`, `stageVariables.x` or `context.x`.
    static func validateIdentitySource(_ source: String?, required: Bool) throws {
        guard let source, !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            if required {
                throw APIGateway.BadRequestException(message: "Identity source must not be empty")
            }
            return
        }
        for part in source.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let valid = [
                "method.request.header.", "method.request.querystring.", "method.request.multivalueheader.",
                "method.request.multivaluequerystring.", "method.request.path.", "stageVariables.", "context.",
            ].contains { part.hasPrefix($0) && part.count > $0.count }
            if !valid {
                throw APIGateway.BadRequestException(message: "Invalid identity source specified: \(part)")
            }
        }
    }
}

extension RestApiRecord {
    func authorizer(_ id: String) throws -> APIGateway.Authorizer {
        guard let authorizer = authorizers[id] else {
            throw APIGateway.NotFoundException(message: "Invalid Authorizer identifier specified")
        }
        return authorizer
    }
}
