public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    static let integrationTimeouts = 50...29_000

    public func putIntegration(_ input: APIGateway.PutIntegrationRequest, context: RequestContext) async throws
        -> APIGateway.Integration
    {
        var errors = ValidationErrors()
        errors.checkEnum(
            input.type, at: "putIntegrationInput.type", allowed: [.http, .mock, .awsProxy, .httpProxy, .aws])
        try errors.throwIfAny()
        return try withState(context) { state in
            let vpcLinks = Set(state.vpcLinks.keys)
            return try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                _ = try record.method(input.resourceId, input.httpMethod)
                var integration = APIGateway.Integration(
                    type: input.type, httpMethod: input.integrationHttpMethod, uri: input.uri,
                    connectionType: input.connectionType, connectionId: input.connectionId,
                    credentials: input.credentials, requestParameters: input.requestParameters,
                    requestTemplates: input.requestTemplates,
                    passthroughBehavior: input.passthroughBehavior ?? "WHEN_NO_MATCH",
                    contentHandling: input.contentHandling, timeoutInMillis: input.timeoutInMillis ?? 29_000,
                    cacheNamespace: input.cacheNamespace ?? input.resourceId,
                    cacheKeyParameters: input.cacheKeyParameters ?? [], tlsConfig: input.tlsConfig,
                    responseTransferMode: input.responseTransferMode, integrationTarget: input.integrationTarget)
                try Self.validate(&integration, vpcLinks: vpcLinks)
                try Self.checkCredentials(of: integration, accountId: context.accountId)
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = integration }
                return integration
            }
        }
    }

    public func getIntegration(_ input: APIGateway.GetIntegrationRequest, context: RequestContext) async throws
        -> APIGateway.Integration
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource).integration(
                input.resourceId, input.httpMethod)
        }
    }

    public func deleteIntegration(_ input: APIGateway.DeleteIntegrationRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                _ = try record.integration(input.resourceId, input.httpMethod)
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = nil }
            }
        }
    }

    public func updateIntegration(_ input: APIGateway.UpdateIntegrationRequest, context: RequestContext)
        async throws -> APIGateway.Integration
    {
        try withState(context) { state in
            let vpcLinks = Set(state.vpcLinks.keys)
            return try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var integration = try record.integration(input.resourceId, input.httpMethod)
                try Self.integrationPatches.apply(
                    input.patchOperations, to: &integration, inputName: "updateIntegrationInput")
                try Self.validate(&integration, vpcLinks: vpcLinks)
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = integration }
                return integration
            }
        }
    }

    static let integrationPatches: PatchRules<APIGateway.Integration> = {
        var rules = PatchRules<APIGateway.Integration>(wording: .plain)
        rules.field("/httpMethod", \.httpMethod)
        rules.field("/uri", \.uri)
        rules.field("/connectionType", \.connectionType)
        rules.field("/connectionId", \.connectionId)
        rules.field("/credentials", \.credentials)
        rules.field("/passthroughBehavior", \.passthroughBehavior)
        rules.field("/contentHandling", \.contentHandling, ops: [.replace, .remove])
        rules.field("/timeoutInMillis", \.timeoutInMillis)
        rules.field("/cacheNamespace", \.cacheNamespace)
        rules.field("/responseTransferMode", \.responseTransferMode)
        rules.field("/integrationTarget", \.integrationTarget)
        rules.map("/requestParameters", \.requestParameters)
        rules.map("/requestTemplates", \.requestTemplates)
        rules.list("/cacheKeyParameters", \.cacheKeyParameters, keepsEmpty: true)
        rules.on("/tlsConfig/insecureSkipVerification", ops: [.replace]) { integration, step in
            var config = integration.tlsConfig ?? APIGateway.TlsConfig()
            config.insecureSkipVerification = try step.bool()
            integration.tlsConfig = config
        }
        return rules
    }()

    /// AWS's checks on an integration (PutIntegration and UpdateIntegration).
    static func validate(
        _ integration: inout APIGateway.Integration, vpcLinks: Set<String>?
    ) throws {
        let type = integration.type ?? .mock
        if let timeout = integration.timeoutInMillis, !integrationTimeouts.contains(timeout) {
            throw APIGateway.BadRequestException(
                message: "Timeout should be between \(integrationTimeouts.lowerBound) ms and "
                    + "\(integrationTimeouts.upperBound) ms")
        }
        if let behavior = integration.passthroughBehavior,
            !["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"].contains(behavior)
        {
            throw APIGateway.BadRequestException(
                message: "Invalid passthrough behavior specified: \(behavior). "
                    + "Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER")
        }
        if type == .mock {
            // A MOCK integration calls nothing: AWS keeps neither a URI nor an HTTP method for it.
            integration.uri = nil
            integration.httpMethod = nil
        } else {
            guard let method = integration.httpMethod, !method.isEmpty else {
                throw APIGateway.BadRequestException(message: "Enumeration value for HttpMethod must be non-empty")
            }
            integration.httpMethod = try validHTTPMethod(method)
        }
        switch type {
        case .http, .httpProxy:
            let isVpcLink = integration.connectionType == .vpcLink
            // Stage variables may stand for any part of the URL; they are checked when a request uses them.
            let checked = integration.uri.map {
                $0.replacingOccurrences(
                    of: #"\$\{stageVariables\.[A-Za-z0-9_]+\}"#, with: "stage-variable", options: .regularExpression)
            }
            guard let uri = checked, let url = URL(string: uri), ["http", "https"].contains(url.scheme),
                url.host?.isEmpty == false || isVpcLink && url.host != nil
            else {
                throw APIGateway.BadRequestException(message: "Invalid HTTP endpoint specified for URI")
            }
        case .aws, .awsProxy:
            try validateAWSIntegrationURI(integration.uri, type: type)
        default:
            break
        }
        if integration.connectionType == .vpcLink {
            guard let connectionId = integration.connectionId, !connectionId.isEmpty else {
                throw APIGateway.BadRequestException(
                    message: "ConnectionId must be set to vpcLinkId for private integration")
            }
            if !connectionId.hasPrefix("${stageVariables."), let vpcLinks, !vpcLinks.contains(connectionId) {
                throw APIGateway.NotFoundException(message: "Invalid Vpc Link identifier specified")
            }
        } else if integration.connectionType == .internet || integration.connectionType == nil {
            if integration.connectionId != nil {
                throw APIGateway.BadRequestException(
                    message: "ConnectionId must not be set when connectionType is INTERNET")
            }
            if type == .http || type == .httpProxy { integration.connectionType = .internet }
        }
    }

    /// The role an integration assumes: one of the caller's own account (AWS refuses to pass
    /// another account's role), and one is needed for an AWS service other than Lambda.
    static func checkCredentials(of integration: APIGateway.Integration, accountId: String) throws {
        if let credentials = integration.credentials, credentials.hasPrefix("arn:aws:iam::") {
            let account = credentials.dropFirst("arn:aws:iam::".count).prefix { $0 != ":" }
            if !account.isEmpty, account != "*", account != accountId {
                throw ServiceError(
                    code: "AccessDeniedException", status: 403, message: "Cross-account pass role is not allowed.")
            }
        }
        let service = integration.uri.flatMap(awsURIParts)?[4]
        if integration.type == .aws, integration.credentials?.isEmpty ?? true, service != "lambda" {
            throw APIGateway.BadRequestException(message: "Role ARN must be specified for AWS integrations")
        }
    }

    /// The six parts of `arn:aws:apigateway:{region}:{service}:{rest}`, or nil for another form.
    static func awsURIParts(_ uri: String) -> [String]? {
        let parts = uri.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        return parts.count == 6 && parts[2] == "apigateway" ? parts : nil
    }

    /// `arn:aws:apigateway:{region}:{service}:{path|action}/{...}`; AWS_PROXY reaches only Lambda
    /// functions and Firehose streams.
    static func validateAWSIntegrationURI(_ uri: String?, type: APIGateway.IntegrationType) throws {
        guard let uri, uri.hasPrefix("arn:") else {
            throw APIGateway.BadRequestException(message: "Invalid ARN specified in the request")
        }
        guard let parts = awsURIParts(uri), parts[5].hasPrefix("path/") || parts[5].hasPrefix("action/") else {
            throw APIGateway.BadRequestException(message: "AWS ARN for integration must contain path or action")
        }
        if type == .awsProxy {
            let service = parts[4]
            let target = parts[5]
            let isLambda = service == "lambda" && target.contains("/functions/") && target.hasSuffix("/invocations")
            let isFirehose = service == "firehose"
            guard isLambda || isFirehose else {
                throw APIGateway.BadRequestException(
                    message: "Integrations of type 'AWS_PROXY' currently only supports Lambda function and "
                        + "Firehose stream invocations.")
            }
        }
    }

    // MARK: Integration responses

    public func putIntegrationResponse(_ input: APIGateway.PutIntegrationResponseRequest, context: RequestContext)
        async throws -> APIGateway.IntegrationResponse
    {
        try Self.validateStatusCode(input.statusCode)
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var integration = try record.integration(input.resourceId, input.httpMethod)
                let response = APIGateway.IntegrationResponse(
                    statusCode: input.statusCode, selectionPattern: input.selectionPattern,
                    responseParameters: input.responseParameters,
                    responseTemplates: input.responseTemplates.map(Self.nullingEmptyTemplates),
                    contentHandling: input.contentHandling)
                integration.integrationResponses = (integration.integrationResponses ?? [:]).merging([
                    input.statusCode: response
                ]) { $1 }
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = integration }
                return response
            }
        }
    }

    public func getIntegrationResponse(_ input: APIGateway.GetIntegrationResponseRequest, context: RequestContext)
        async throws -> APIGateway.IntegrationResponse
    {
        try Self.validateStatusCode(input.statusCode)
        return try readState(context) { state in
            let integration = try state.restApi(
                input.restApiId, context: context, unknown: RestApiRecord.unknownResource
            ).integration(
                input.resourceId, input.httpMethod)
            return try Self.integrationResponse(of: integration, input.statusCode)
        }
    }

    public func deleteIntegrationResponse(
        _ input: APIGateway.DeleteIntegrationResponseRequest, context: RequestContext
    ) async throws {
        try Self.validateStatusCode(input.statusCode)
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var integration = try record.integration(
                    input.resourceId, input.httpMethod, missingMethod: .integration)
                _ = try Self.integrationResponse(of: integration, input.statusCode)
                integration.integrationResponses![input.statusCode] = nil
                if integration.integrationResponses!.isEmpty { integration.integrationResponses = nil }
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = integration }
            }
        }
    }

    public func updateIntegrationResponse(
        _ input: APIGateway.UpdateIntegrationResponseRequest, context: RequestContext
    ) async throws -> APIGateway.IntegrationResponse {
        try Self.validateStatusCode(input.statusCode)
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var integration = try record.integration(input.resourceId, input.httpMethod)
                var response = try Self.integrationResponse(of: integration, input.statusCode)
                try Self.integrationResponsePatches.apply(
                    input.patchOperations, to: &response, inputName: "updateIntegrationResponseInput")
                integration.integrationResponses![input.statusCode] = response
                try record.updateMethod(input.resourceId, input.httpMethod) { $0!.methodIntegration = integration }
                return response
            }
        }
    }

    static let integrationResponsePatches: PatchRules<APIGateway.IntegrationResponse> = {
        var rules = PatchRules<APIGateway.IntegrationResponse>(wording: .plain)
        rules.field("/selectionPattern", \.selectionPattern)
        rules.field("/contentHandling", \.contentHandling, ops: [.replace, .remove])
        rules.map("/responseParameters", \.responseParameters)
        rules.map("/responseTemplates", \.responseTemplates)
        return rules
    }()

    /// AWS stores an empty response template as null (no template: the body passes through).
    static func nullingEmptyTemplates(_ templates: [String: String?]) -> [String: String?] {
        templates.mapValues(storedTemplate)
    }

    /// A response template as AWS stores it: an empty one is null.
    static func storedTemplate(_ text: String?) -> String? {
        text.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func integrationResponse(of integration: APIGateway.Integration, _ statusCode: String) throws
        -> APIGateway.IntegrationResponse
    {
        guard let response = integration.integrationResponses?[statusCode] else {
            throw APIGateway.NotFoundException(message: "Invalid Response status code specified")
        }
        return response
    }
}

extension RestApiRecord {
    /// Which error a missing method gives when an integration is looked up.
    enum MissingMethodError { case method, integration }

    func integration(_ resourceId: String, _ httpMethod: String, missingMethod: MissingMethodError = .method) throws
        -> APIGateway.Integration
    {
        let unknown = APIGateway.NotFoundException(message: "Invalid Integration identifier specified")
        _ = try resource(resourceId)
        let method: APIGateway.Method
        do {
            method = try self.method(resourceId, httpMethod)
        } catch {
            throw missingMethod == .integration ? unknown : error
        }
        guard let integration = method.methodIntegration else { throw unknown }
        return integration
    }
}
