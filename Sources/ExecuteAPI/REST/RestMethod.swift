import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// One method of a deployment, compiled (a class: requests pass it around without copying it).
final class RestMethod: Sendable {
    let httpMethod: String
    let resourceId: String
    let resourcePath: String
    let apiKeyRequired: Bool
    let authorizationType: String
    /// Required `method.request.{location}.{name}` parameters, sorted by their full key.
    let requiredParameters: [(location: String, name: String)]
    let validatesParameters: Bool
    let validatesBody: Bool
    /// Request models' schemas by content type (lowercased).
    let bodySchemas: [String: Result<JSONSchema, JSONSchema.CompileError>]
    let integration: RestIntegration
    let methodResponses: [String: APIGateway.MethodResponse]
    /// Whether serving it may compute for long, whatever the request: templates that loop or run
    /// regular expressions, body models with patterns, selection patterns matched against a
    /// Lambda function's error message (any length).
    let mayRunLong: Bool

    init(
        _ method: APIGateway.Method, httpMethod: String, resourceId: String, resourcePath: String,
        definition: RestApiDefinition, schemas: SchemaTable
    ) {
        self.httpMethod = httpMethod
        self.resourceId = resourceId
        self.resourcePath = resourcePath
        self.apiKeyRequired = method.apiKeyRequired ?? false
        self.authorizationType = method.authorizationType ?? "NONE"
        self.requiredParameters = (method.requestParameters ?? [:]).filter(\.value).keys.sorted().compactMap { key in
            let parts = key.split(separator: ".", maxSplits: 3)
            guard parts.count == 4 else { return nil }
            return (String(parts[2]), String(parts[3]))
        }
        let validator = method.requestValidatorId.flatMap { definition.requestValidators[$0] }
        self.validatesParameters = validator?.validateRequestParameters ?? false
        self.validatesBody = validator?.validateRequestBody ?? false
        var bodySchemas: [String: Result<JSONSchema, JSONSchema.CompileError>] = [:]
        if validatesBody {
            for (contentType, model) in method.requestModels ?? [:] {
                bodySchemas[contentType.lowercased()] = schemas.schema(named: model)
            }
        }
        self.bodySchemas = bodySchemas
        let integration = RestIntegration(method.methodIntegration ?? APIGateway.Integration(type: .mock))
        self.integration = integration
        self.methodResponses = method.methodResponses ?? [:]
        self.mayRunLong =
            integration.mayRunLong
            || bodySchemas.values.contains { (try? $0.get())?.usesPatterns ?? false }
            || (integration.type == .aws && !integration.selectable.isEmpty)
    }
}
