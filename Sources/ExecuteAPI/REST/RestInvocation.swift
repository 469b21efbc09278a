import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// One request through a REST API's pipeline (DESIGN.md §5): route → method request (API key,
/// parameters, body) → integration request (parameter mapping, template) → integration →
/// integration response → method response; every error the gateway raises is answered with
/// the API's gateway response for it.
struct RestInvocation {
    let request: RequestFacts
    let deployment: RestDeployment
    let accountId: String
    let region: String
    let stage: String
    let stageVariables: [String: String]
    let isCanaryRequest: Bool?
    /// Which API keys may call.
    let apiKeys: APIKeyCheck
    let backends: IntegrationBackends
    var log: ExecutionLog? = nil
    /// The method and path parameters when already chosen: by resource for TestInvokeMethod, or
    /// by `route()` before the request was placed.
    var fixedMethod: (RestMethod, [String: String])? = nil

    /// Whether serving the request may compute for long: its method's templates, the API's
    /// gateway response templates, or a large body.
    var mayRunLong: Bool {
        if request.body.count > RestDataPlane.heavyBodySize || deployment.gatewayResponses.mayRunLong { return true }
        return fixedMethod?.0.mayRunLong ?? false
    }

    /// Chooses the method now, so that where the request runs can depend on it.
    mutating func route() {
        if fixedMethod == nil { fixedMethod = deployment.route(method: request.method, path: request.path[...]) }
    }

    /// The answer, and what AWS sends in `x-amzn-ErrorType` when the gateway raised an error.
    func run() async -> ServiceResponse {
        let started = Date()
        let routed = fixedMethod ?? deployment.route(method: request.method, path: request.path[...])
        let identity = RequestContextVariables.Identity(
            sourceIp: request.sourceIp, userAgent: request.headers["User-Agent"],
            apiKey: request.headers["x-api-key"], apiKeyId: nil)
        let context = RequestContextVariables(
            accountId: accountId, apiId: deployment.apiId, deploymentId: deployment.deploymentId, stage: stage,
            method: routed?.0, httpMethod: request.method, requestPath: request.path, host: request.host,
            requestId: request.requestId, extendedRequestId: request.extendedRequestId, identity: identity,
            isCanaryRequest: isCanaryRequest, started: started)
        var sources = MappingSources(
            pathParameters: routed?.1 ?? [:], query: request.query, headers: request.headers,
            requestBody: request.content, stageVariables: stageVariables,
            context: context)
        guard let (method, _) = routed else {
            return gatewayResponse(.missingAuthenticationToken, context: context, sources: sources, traced: false)
        }
        log.add("Starting execution for request: \(request.requestId)")
        log.add("HTTP Method: \(request.method), Resource Path: \(request.path)")
        log.add(
            "Method request path: \(Self.javaMap(sources.pathParameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))"
        )
        log.add("Method request query string: \(Self.javaMap(request.query))")
        log.add("Method request headers: \(Self.javaMap(request.headers.fields))")
        log.add("Method request body before transformations: \(sources.requestBody.text)")
        // AWS traces calls it makes, but HTTP_PROXY answers carry only the back end's headers.
        let traced = method.integration.type != .mock && method.integration.type != .httpProxy
        do throws(GatewayError) {
            if method.apiKeyRequired { try checkAPIKey(context: context) }
            try validate(method, sources: sources)
            let (integrationRequest, templated) = try integrationRequest(method, sources: &sources, context: context)
            let output = try await callIntegration(
                method, request: integrationRequest, pathParameters: sources.pathParameters, context: context)
            var response =
                method.integration.isProxy && !templated
                ? output.proxyResponse()
                : try methodResponse(method, output: output, sources: sources, context: context)
            log.add("Method response body after transformations: \(response.bodyText)")
            log.add("Method response headers: \(Self.javaMap(response.headers.fields))")
            log.add("Successfully completed execution")
            log.add("Method completed with status: \(response.status)")
            finish(&response, traced: traced)
            return response
        } catch {
            if let detail = error.detail { log.add("Execution failed due to configuration error: \(detail)") }
            // An error the gateway answers itself carries no trace id.
            let response = gatewayResponse(error, context: context, sources: sources, traced: false)
            log.add("Method completed with status: \(response.status)")
            return response
        }
    }

    // MARK: Method request

    private func checkAPIKey(context: RequestContextVariables) throws(GatewayError) {
        guard deployment.apiKeyFromHeader, let value = request.headers["x-api-key"],
            let keyId = apiKeys.validKeyId(value)
        else { throw .invalidAPIKey }
        context.setAPIKeyId(keyId)
    }

    private func validate(_ method: RestMethod, sources: MappingSources) throws(GatewayError) {
        if method.validatesParameters {
            let missing = method.requiredParameters.filter { location, name in
                switch location {
                case "path": sources.pathParameters[name]?.isEmpty ?? true
                case "querystring": !request.query.contains { $0.name == name }
                case "header": request.headers[name] == nil
                default: false
                }
            }
            if !missing.isEmpty { throw .missingParameters(missing.map(\.name)) }
        }
        if method.validatesBody {
            let contentType = request.contentType ?? "application/json"
            guard let compiled = method.bodySchemas[contentType] ?? method.bodySchemas["$default"] else { return }
            let schema: JSONSchema
            switch compiled {
            case .success(let value): schema = value
            case .failure(let error): throw .configuration("Invalid model schema: \(error.message)")
            }
            guard let body = try? sources.requestBody.json.get() else {
                throw .invalidBody("the body is not JSON")
            }
            if let failure = schema.firstFailure(body) {
                log.add("Request body does not match model schema for content type \(contentType): [\(failure)]")
                throw .invalidBody(failure)
            }
        }
    }

    // MARK: Integration

    /// Calls the integration; a Lambda proxy gets the event, and its answer is read as one.
    private func callIntegration(
        _ method: RestMethod, request: IntegrationRequest, pathParameters: [String: String],
        context: RequestContextVariables
    ) async throws(GatewayError) -> IntegrationOutput {
        let target = method.integration.target
        let proxy = target.kind == .lambda(proxy: true)
        var call = IntegrationCall(
            request: request, client: self.request, stageVariables: stageVariables, apiId: deployment.apiId,
            region: region, log: log)
        if proxy {
            call.request.body = LambdaProxyEvent.make(
                request: self.request, resourcePath: method.resourcePath, pathParameters: pathParameters,
                stageVariables: stageVariables, binaryMediaTypes: deployment.binaryMediaTypes,
                context: context.materialized())
        }
        do throws(IntegrationFailure) {
            let output = try await backends.call(target, call)
            guard proxy else { return output }
            return try LambdaProxyResponse.parse(
                output, binaryMediaTypes: deployment.binaryMediaTypes, accept: self.request.headers["Accept"])
        } catch {
            throw GatewayError(error)
        }
    }

    // MARK: Integration request

    /// The request the integration receives, and whether a template made its body (a proxy
    /// integration never templates).
    private func integrationRequest(
        _ method: RestMethod, sources: inout MappingSources, context: RequestContextVariables
    )
        throws(GatewayError) -> (IntegrationRequest, Bool)
    {
        let integration = method.integration
        var mapped = IntegrationRequest(body: request.body)
        if integration.type != .awsProxy {
            for (target, source) in integration.requestParameters {
                guard let value = sources.value(of: source) else { continue }
                if let name = target.dropPrefix("integration.request.header.") {
                    mapped.headers.append((name, value))
                } else if let name = target.dropPrefix("integration.request.querystring.") {
                    mapped.query.append((name, value))
                } else if let name = target.dropPrefix("integration.request.multivaluequerystring.") {
                    mapped.query.append((name, value))
                } else if let name = target.dropPrefix("integration.request.path.") {
                    mapped.path[name] = value
                }
            }
        }
        if integration.isProxy { return (mapped, false) }

        let contentType = request.contentType ?? "application/json"
        let isBinary = MediaType.isBinary(contentType, binaryTypes: deployment.binaryMediaTypes)
        var body = request.content
        switch (isBinary, integration.contentHandling) {
        case (true, .convertToText?): body = ParsedBody(text: Data(body.bytes).base64EncodedString())
        case (false, .convertToBinary?):
            body = Data(base64Encoded: Data(body.bytes)).map { ParsedBody(bytes: Array($0)) } ?? body
        default: break
        }
        guard let template = integration.requestTemplates[contentType] else {
            switch integration.passthroughBehavior {
            case "NEVER": throw .unsupportedMediaType
            case "WHEN_NO_TEMPLATES" where !integration.requestTemplates.isEmpty: throw .unsupportedMediaType
            default:
                mapped.body = body.bytes
                return (mapped, false)
            }
        }
        let text = try render(template, body: body, sources: sources, context: context)
        mapped.body = Array(text.utf8)
        if integration.type != .mock { log.add("Endpoint request body after transformations: \(text)") }
        for (location, values) in context.requestOverride {
            for (name, value) in values {
                switch location {
                case "header":
                    mapped.headers.removeAll { $0.0.lowercased() == name.lowercased() }
                    mapped.headers.append((name, value))
                case "querystring":
                    mapped.query.removeAll { $0.0 == name }
                    mapped.query.append((name, value))
                default: mapped.path[name] = value
                }
            }
        }
        return (mapped, true)
    }

    /// Renders a request template (`ofResponse` false), where a client body that is not JSON is
    /// the client's 400, or a response template, where a back end's is the gateway's 500.
    func render(
        _ template: CompiledTemplate, body: ParsedBody, sources: MappingSources, context: RequestContextVariables,
        ofResponse: Bool = false
    ) throws(GatewayError) -> String {
        switch template {
        case .invalid(let message): throw .configuration("Unable to parse the mapping template: \(message)")
        case .template(let template, _):
            let tables = sources.templateParameters.tables {
                var header: OrderedDictionary<String, String> = [:]
                for (name, value) in request.headers.fields { header[name] = value }
                var querystring: OrderedDictionary<String, String> = [:]
                for (name, value) in request.query { querystring[name] = value }
                let variables = OrderedDictionary(uniqueKeysWithValues: stageVariables.sorted { $0.key < $1.key })
                return TemplateParameters.Tables(
                    path: OrderedDictionary(uniqueKeysWithValues: sources.pathParameters.sorted { $0.key < $1.key }),
                    querystring: querystring, header: header, stageVariables: variables,
                    stageVariableValues: variables.mapValues(Value.string))
            }
            var input = MappingTemplateRequest(
                body: body.text, path: tables.path, querystring: tables.querystring, header: tables.header,
                stageVariables: tables.stageVariables)
            input.parsedBody = body
            input.stageVariablesValue = .map(MapValue(tables.stageVariableValues))
            do {
                return try template.render(
                    input.variables(context: .object(context)), options: MappingTemplateRequest.renderOptions)
            } catch {
                if error.code == InputVariable.bodyNotJSON, !ofResponse { throw .bodyNotJSON(error.message) }
                throw .configuration("Unable to transform the request: \(error.message)")
            }
        }
    }

    // MARK: Integration response → method response

    private func methodResponse(
        _ method: RestMethod, output: IntegrationOutput, sources: MappingSources, context: RequestContextVariables
    ) throws(GatewayError) -> ServiceResponse {
        let integration = method.integration
        let selector = output.errorMessage ?? (integration.type == .aws ? nil : String(output.status))
        if integration.type != .mock {
            log.add("Endpoint response body before transformations: \(String(decoding: output.body, as: UTF8.self))")
        }
        guard let selected = integration.response(for: selector) else {
            throw .configuration(
                "No match for output mapping and no default output mapping configured. "
                    + "Endpoint Response Status Code: \(output.status)")
        }
        var response = ServiceResponse(status: Int(selected.statusCode) ?? 200)
        var responseSources = sources
        responseSources.responseHeaders = output.headers
        let responseBody = ParsedBody(bytes: output.body)
        responseSources.responseBody = responseBody
        for (target, source) in selected.responseParameters {
            guard let mapped = target.dropPrefix("method.response.header."),
                let name = ReservedHeaders.responseName(mapped), let value = responseSources.value(of: source)
            else { continue }
            response.headers.set(name, value)
        }
        let accept = request.headers["Accept"].map(MediaType.essence)
        let chosen =
            accept.flatMap { type in selected.responseTemplates.entries.first { $0.contentType == type } }
            ?? selected.responseTemplates.entries.first { $0.contentType == "application/json" }
            ?? selected.responseTemplates.entries.first
        if let (contentType, template) = chosen, let template {
            let text = try render(
                template, body: responseBody, sources: sources, context: context,
                ofResponse: true)
            response.body = Array(text.utf8)
            if response.headers["Content-Type"] == nil { response.headers.set("Content-Type", contentType) }
        } else {
            response.body = output.body
            if response.headers["Content-Type"] == nil {
                response.headers.set("Content-Type", output.headers["Content-Type"] ?? "application/json")
            }
        }
        switch selected.contentHandling {
        case .convertToBinary?:
            response.body = Data(base64Encoded: Data(response.body)).map(Array.init) ?? response.body
        // Only a binary payload (its type among the API's binary media types) becomes base64 text.
        case .convertToText?
        where MediaType.isBinary(output.headers["Content-Type"], binaryTypes: deployment.binaryMediaTypes):
            response.body = Array(Data(response.body).base64EncodedString().utf8)
        default: break
        }
        let override = context.responseOverride
        if let status = override.status {
            // Only a final HTTP status can answer: 1xx, or a number that is no status at all, is the
            // gateway's 500 with the reason in the execution log.
            guard (200...599).contains(status) else {
                throw .configuration("Invalid status code override \(status): it must be from 200 to 599")
            }
            response.status = status
        }
        for (name, value) in override.headers { response.headers.set(name, value) }
        return response
    }

    // MARK: Gateway responses

    func gatewayResponse(_ error: GatewayError, context: RequestContextVariables, sources: MappingSources, traced: Bool)
        -> ServiceResponse
    {
        let entry =
            deployment.gatewayResponses.entries[error.responseType]
            ?? deployment.gatewayResponses.entries["DEFAULT_5XX"]!
        context.setError(
            message: error.message, responseType: error.responseType,
            validation: error.responseType == "BAD_REQUEST_BODY" ? error.detail : nil)
        var response = ServiceResponse(status: error.status ?? entry.status)
        for (target, source) in entry.parameters {
            guard let mapped = target.dropPrefix("gatewayresponse.header."),
                let name = ReservedHeaders.responseName(mapped), let value = sources.value(of: source)
            else { continue }
            response.headers.set(name, value)
        }
        let chosen =
            entry.templates.entries.first { $0.contentType == "application/json" } ?? entry.templates.entries.first
        if let (contentType, template) = chosen, let template {
            let text =
                (try? render(template, body: sources.requestBody, sources: sources, context: context))
                ?? "{\"message\":\(JSONText.write(.string(error.message), escapingSlashes: false))}"
            response.body = Array(text.utf8)
            response.headers.set("Content-Type", contentType)
        } else {
            response.headers.set("Content-Type", "application/json")
        }
        if let errorType = error.errorType { response.headers.set("x-amzn-ErrorType", errorType) }
        finish(&response, traced: traced)
        return response
    }

    /// The headers API Gateway adds to every answer (x-amzn-RequestId is the server's).
    private func finish(_ response: inout ServiceResponse, traced: Bool) {
        response.headers.set("x-amz-apigw-id", request.extendedRequestId)
        if traced, response.headers["X-Amzn-Trace-Id"] == nil {
            response.headers.set("X-Amzn-Trace-Id", RequestIds.traceId())
        }
    }

    // MARK: Log formatting

    /// Java's `Map.toString`: `{a=1, b=2}`.
    static func javaMap(_ pairs: [(name: String, value: String)]) -> String {
        "{" + pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}
