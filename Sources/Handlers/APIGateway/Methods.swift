public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    static let httpMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"]
    static let authorizationTypes = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]

    public func putMethod(_ input: APIGateway.PutMethodRequest, context: RequestContext) async throws
        -> APIGateway.Method
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                let resource = try record.resource(input.resourceId)
                let httpMethod = try Self.validHTTPMethod(input.httpMethod)
                if resource.resourceMethods?[httpMethod] != nil {
                    throw APIGateway.ConflictException(message: "Method already exists for this resource")
                }
                var method = APIGateway.Method(
                    httpMethod: httpMethod, authorizationType: input.authorizationType.uppercased(),
                    authorizerId: input.authorizerId, apiKeyRequired: input.apiKeyRequired ?? false,
                    requestValidatorId: input.requestValidatorId, operationName: input.operationName,
                    requestParameters: input.requestParameters, requestModels: input.requestModels,
                    authorizationScopes: input.authorizationScopes)
                try record.validate(&method)
                var methods = resource.resourceMethods ?? [:]
                methods[httpMethod] = method
                record.resources[input.resourceId]!.resourceMethods = methods
                // Parameters given here have no declared order: exports list them by name.
                record.parameterOrder[MethodKey(resourceId: input.resourceId, httpMethod: httpMethod)] = nil
                return method
            }
        }
    }

    public func getMethod(_ input: APIGateway.GetMethodRequest, context: RequestContext) async throws
        -> APIGateway.Method
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource).method(
                input.resourceId, input.httpMethod)
        }
    }

    public func deleteMethod(_ input: APIGateway.DeleteMethodRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                try record.updateMethod(input.resourceId, input.httpMethod) { $0 = nil }
            }
        }
    }

    public func updateMethod(_ input: APIGateway.UpdateMethodRequest, context: RequestContext) async throws
        -> APIGateway.Method
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var method = try record.method(input.resourceId, input.httpMethod)
                try Self.methodPatches.apply(input.patchOperations, to: &method, inputName: "updateMethodInput")
                try record.validate(&method)
                try record.updateMethod(input.resourceId, input.httpMethod) { $0 = method }
                return method
            }
        }
    }

    static let methodPatches: PatchRules<APIGateway.Method> = {
        var rules = PatchRules<APIGateway.Method>(wording: .plain)
        rules.on("/authorizationType", ops: [.replace]) { method, step in
            method.authorizationType = try step.string().uppercased()
        }
        rules.field("/authorizerId", \.authorizerId)
        rules.field("/apiKeyRequired", \.apiKeyRequired)
        // A null or empty value clears these (Terraform sends null).
        rules.on("/requestValidatorId", ops: [.replace]) { method, step in
            method.requestValidatorId = step.value.flatMap { $0.isEmpty ? nil : $0 }
        }
        rules.on("/operationName", ops: [.replace]) { method, step in
            method.operationName = step.value.flatMap { $0.isEmpty ? nil : $0 }
        }
        rules.flagMap("/requestParameters", \.requestParameters)
        rules.map("/requestModels", \.requestModels)
        rules.list("/authorizationScopes", \.authorizationScopes, ops: [.add, .remove])
        rules.valueList("/authorizationScopes", \.authorizationScopes)
        return rules
    }()

    static func validHTTPMethod(_ method: String) throws -> String {
        let upper = method.uppercased()
        guard httpMethods.contains(upper) else {
            throw APIGateway.BadRequestException(
                message: "Invalid HttpMethod specified. Valid options are \(httpMethods.joined(separator: ","))")
        }
        return upper
    }

    // MARK: Method responses

    public func putMethodResponse(_ input: APIGateway.PutMethodResponseRequest, context: RequestContext)
        async throws -> APIGateway.MethodResponse
    {
        try Self.validateStatusCode(input.statusCode)
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                let response = APIGateway.MethodResponse(
                    statusCode: input.statusCode, responseParameters: input.responseParameters,
                    responseModels: input.responseModels)
                try record.checkModelsExist(input.responseModels)
                try record.updateMethod(input.resourceId, input.httpMethod) { method in
                    method!.methodResponses = (method!.methodResponses ?? [:]).merging([input.statusCode: response]) {
                        $1
                    }
                }
                return response
            }
        }
    }

    public func getMethodResponse(_ input: APIGateway.GetMethodResponseRequest, context: RequestContext)
        async throws -> APIGateway.MethodResponse
    {
        try Self.validateStatusCode(input.statusCode)
        return try readState(context) { state in
            let method = try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource)
                .method(
                    input.resourceId, input.httpMethod)
            return try Self.methodResponse(of: method, input.statusCode)
        }
    }

    public func deleteMethodResponse(_ input: APIGateway.DeleteMethodResponseRequest, context: RequestContext)
        async throws
    {
        try Self.validateStatusCode(input.statusCode)
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                try record.updateMethod(input.resourceId, input.httpMethod) { method in
                    _ = try Self.methodResponse(of: method!, input.statusCode)
                    method!.methodResponses![input.statusCode] = nil
                    if method!.methodResponses!.isEmpty { method!.methodResponses = nil }
                }
            }
        }
    }

    public func updateMethodResponse(_ input: APIGateway.UpdateMethodResponseRequest, context: RequestContext)
        async throws -> APIGateway.MethodResponse
    {
        // AWS reports bad ops and a bad status code together.
        var errors = ValidationErrors()
        errors.checkPatchOps(input.patchOperations, inputName: "updateMethodResponseInput")
        errors.checkStatusCode(input.statusCode)
        try errors.throwIfAny()
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownResource) {
                record in
                var response = try Self.methodResponse(
                    of: record.method(input.resourceId, input.httpMethod), input.statusCode)
                try Self.methodResponsePatches.apply(
                    input.patchOperations, to: &response, inputName: "updateMethodResponseInput")
                try record.checkModelsExist(response.responseModels)
                try record.updateMethod(input.resourceId, input.httpMethod) {
                    $0!.methodResponses![input.statusCode] = response
                }
                return response
            }
        }
    }

    static let methodResponsePatches: PatchRules<APIGateway.MethodResponse> = {
        var rules = PatchRules<APIGateway.MethodResponse>(wording: .plain)
        rules.on("/responseParameters/*", ops: [.add, .replace, .remove]) { response, step in
            if step.op != .add, response.responseParameters?[step.key] == nil {
                throw APIGateway.NotFoundException(message: "Invalid parameter name specified")
            }
            var parameters = response.responseParameters ?? [:]
            parameters[step.key] = step.isRemoval ? nil : (step.value == nil ? false : try step.bool())
            response.responseParameters = parameters.isEmpty ? nil : parameters
        }
        rules.on("/responseModels/*", ops: [.add, .replace, .remove]) { response, step in
            if step.op != .add, response.responseModels?[step.key] == nil {
                throw APIGateway.NotFoundException(message: "Content-Type specified was not found")
            }
            var models = response.responseModels ?? [:]
            models[step.key] = step.isRemoval ? nil : try step.string()
            response.responseModels = models.isEmpty ? nil : models
        }
        return rules
    }()

    static func methodResponse(of method: APIGateway.Method, _ statusCode: String) throws -> APIGateway.MethodResponse {
        guard let response = method.methodResponses?[statusCode] else {
            throw APIGateway.NotFoundException(message: "Invalid Response status code specified")
        }
        return response
    }

    static func validateStatusCode(_ statusCode: String) throws {
        var errors = ValidationErrors()
        errors.checkStatusCode(statusCode)
        try errors.throwIfAny()
    }
}

extension ValidationErrors {
    /// AWS checks a response status code against the pattern `[1-5]\d\d`.
    mutating func checkStatusCode(_ statusCode: String) {
        let digits = Array(statusCode.unicodeScalars)
        let valid =
            digits.count == 3 && ("1"..."5").contains(digits[0]) && ("0"..."9").contains(digits[1])
            && ("0"..."9").contains(digits[2])
        if !valid {
            add(
                value: statusCode, at: "statusCode",
                constraint: "Member must satisfy regular expression pattern: [1-5]\\d\\d")
        }
    }
}

extension RestApiRecord {
    func method(_ resourceId: String, _ httpMethod: String) throws -> APIGateway.Method {
        guard let method = try resource(resourceId).resourceMethods?[httpMethod.uppercased()] else {
            throw APIGateway.NotFoundException(message: "Invalid Method identifier specified")
        }
        return method
    }

    /// Runs `body` on an existing method; setting it to nil deletes the method.
    mutating func updateMethod(
        _ resourceId: String, _ httpMethod: String, _ body: (inout APIGateway.Method?) throws -> Void
    ) throws {
        _ = try method(resourceId, httpMethod)
        var methods = resources[resourceId]!.resourceMethods ?? [:]
        var method = methods[httpMethod.uppercased()]
        try body(&method)
        methods[httpMethod.uppercased()] = method
        resources[resourceId]!.resourceMethods = methods.isEmpty ? nil : methods
    }

    func checkModelsExist(_ models: [String: String]?) throws {
        for name in (models ?? [:]).values.sorted() where self.models[name] == nil {
            throw APIGateway.BadRequestException(message: "Invalid model identifier specified: \(name)")
        }
    }

    /// AWS's checks on a method's settings (PutMethod and UpdateMethod); fills in defaults.
    func validate(_ method: inout APIGateway.Method) throws {
        let type = method.authorizationType ?? "NONE"
        guard APIGatewayHandler.authorizationTypes.contains(type) else {
            throw APIGateway.BadRequestException(
                message: "Invalid authorization type specified. Valid options are "
                    + APIGatewayHandler.authorizationTypes.joined(separator: ","))
        }
        if type == "CUSTOM" || type == "COGNITO_USER_POOLS" {
            guard let authorizerId = method.authorizerId, authorizers[authorizerId] != nil else {
                throw APIGateway.BadRequestException(
                    message: "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
                        + "COGNITO_USER_POOLS requires a valid authorizer.")
            }
        } else {
            method.authorizerId = nil
        }
        if let validatorId = method.requestValidatorId, requestValidators[validatorId] == nil {
            throw APIGateway.BadRequestException(message: "Invalid Request Validator identifier specified")
        }
        try checkModelsExist(method.requestModels)
        try APIGatewayHandler.validateRequestParameters(method.requestParameters.map { Array($0.keys) } ?? [])
        method.apiKeyRequired = method.apiKeyRequired ?? false
    }
}

extension APIGatewayHandler {
    /// Method request parameters are `method.request.{path|querystring|multivaluequerystring|header|
    /// multivalueheader}.{name}`, and a name may appear in only one location.
    static func validateRequestParameters(_ names: [String]) throws {
        var seen: [String: String] = [:]
        let locations = ["path", "querystring", "multivaluequerystring", "header", "multivalueheader"]
        for name in names.sorted() {
            let parts = name.split(separator: ".", maxSplits: 3).map(String.init)
            guard parts.count == 4, parts[0] == "method", parts[1] == "request", locations.contains(parts[2]) else {
                throw APIGateway.BadRequestException(
                    message: "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
                        + "[Invalid mapping expression specified: \(name)]")
            }
            let location = parts[2].replacingOccurrences(of: "multivalue", with: "")
            if let other = seen[parts[3].lowercased()], other != location {
                throw APIGateway.BadRequestException(
                    message: "Parameter names must be unique across querystring, header and path")
            }
            seen[parts[3].lowercased()] = location
        }
    }
}
