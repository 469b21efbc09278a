public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createModel(_ input: APIGateway.CreateModelRequest, context: RequestContext) async throws
        -> APIGateway.Model
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                if input.name.isEmpty {
                    throw APIGateway.BadRequestException(message: "Model name must be non-empty")
                }
                guard input.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw APIGateway.BadRequestException(
                        message: "Invalid model name specified: \(input.name). Model names must be alphanumeric.")
                }
                if record.models[input.name] != nil {
                    throw APIGateway.ConflictException(message: "Model name already exists for this REST API")
                }
                try Self.validateSchema(input.schema, contentType: input.contentType)
                let model = APIGateway.Model(
                    id: Identifiers.make(length: 6) { id in record.models.values.contains { $0.id == id } },
                    name: input.name, description: input.description.flatMap { $0.isEmpty ? nil : $0 },
                    schema: input.schema,
                    contentType: input.contentType)
                record.models[input.name] = model
                return model
            }
        }
    }

    public func getModel(_ input: APIGateway.GetModelRequest, context: RequestContext) async throws
        -> APIGateway.Model
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownModel(input.modelName))
                .model(input.modelName)
        }
    }

    public func getModels(_ input: APIGateway.GetModelsRequest, context: RequestContext) async throws
        -> APIGateway.Models
    {
        let models = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).models.values.map { (id: $0.id!, item: $0) }
        }
        let page = try Page(models, token: input.position, limit: input.limit)
        return APIGateway.Models(position: page.nextToken, items: page.items)
    }

    public func deleteModel(_ input: APIGateway.DeleteModelRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(
                input.restApiId, context: context, unknown: RestApiRecord.unknownModel(input.modelName)
            ) { record in
                _ = try record.model(input.modelName)
                for resource in record.resources.values {
                    for (httpMethod, method) in (resource.resourceMethods ?? [:]).sorted(by: { $0.key < $1.key })
                    where method.requestModels?.values.contains(input.modelName) == true {
                        throw APIGateway.ConflictException(
                            message: "Cannot delete model '\(input.modelName)', is referenced in method request: "
                                + "\(resource.path ?? "")/\(httpMethod)")
                    }
                }
                record.models[input.modelName] = nil
            }
        }
    }

    public func updateModel(_ input: APIGateway.UpdateModelRequest, context: RequestContext) async throws
        -> APIGateway.Model
    {
        try withState(context) { state in
            try state.updateRestApi(
                input.restApiId, context: context, unknown: RestApiRecord.unknownModel(input.modelName)
            ) { record in
                var model = try record.model(input.modelName)
                try Self.modelPatches.apply(input.patchOperations, to: &model, inputName: "updateModelInput")
                if model.description?.isEmpty == true { model.description = nil }
                try Self.validateSchema(model.schema, contentType: model.contentType ?? "application/json")
                record.models[input.modelName] = model
                return model
            }
        }
    }

    public func getModelTemplate(_ input: APIGateway.GetModelTemplateRequest, context: RequestContext)
        async throws -> APIGateway.Template
    {
        let model = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).model(input.modelName)
        }
        let schema = (try? JSONValue.parse(model.schema ?? "{}")) ?? .object([:])
        return APIGateway.Template(value: ModelTemplate.render(schema: schema))
    }

    static let modelPatches: PatchRules<APIGateway.Model> = {
        var rules = PatchRules<APIGateway.Model>(wording: .mustBeOneOf)
        rules.field("/description", \.description)
        rules.on("/schema", ops: [.replace]) { model, step in model.schema = step.value }
        return rules
    }()

    /// A JSON model's schema must be a JSON object; AWS refuses a missing or empty one.
    static func validateSchema(_ schema: String?, contentType: String) throws {
        guard let schema, !schema.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIGateway.BadRequestException(
                message: "Model schema must have at least 1 property or array items defined")
        }
        guard contentType.lowercased().contains("json") else { return }
        guard case .object(let members)? = try? JSONValue.parse(schema) else {
            throw APIGateway.BadRequestException(
                message: "Invalid model specified: Validation Result: warnings : [], errors : "
                    + "[Invalid model schema specified. The schema must be a valid JSON object]")
        }
        if members.isEmpty {
            throw APIGateway.BadRequestException(
                message: "Model schema must have at least 1 property or array items defined")
        }
    }

    /// The two models AWS creates in every new REST API.
    static func defaultModels(makeId: () -> String) -> OrderedDictionary<String, APIGateway.Model> {
        let empty = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title" : "Empty Schema",
              "type" : "object"
            }
            """
        let error = """
            {
              "$schema" : "http://json-schema.org/draft-04/schema#",
              "title" : "Error Schema",
              "type" : "object",
              "properties" : {
                "message" : { "type" : "string" }
              }
            }
            """
        return [
            "Empty": APIGateway.Model(
                id: makeId(), name: "Empty", description: "This is a default empty schema model", schema: empty,
                contentType: "application/json"),
            "Error": APIGateway.Model(
                id: makeId(), name: "Error", description: "This is a default error schema model", schema: error,
                contentType: "application/json"),
        ]
    }
}

extension RestApiRecord {
    func model(_ name: String) throws -> APIGateway.Model {
        guard let model = models[name] else { throw Self.unknownModel(name) }
        return model
    }

    static func unknownModel(_ name: String) -> APIGateway.NotFoundException {
        APIGateway.NotFoundException(message: "Invalid model name specified: \(name)")
    }
}
