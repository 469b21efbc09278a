/// The one place where the generator corrects quirks of the AWS models, by name, so Specs/ stays
/// exactly as botocore ships it. Each patch says what it changes and why.
public struct ModelPatch: Sendable {
    public var name: String
    /// The `serviceId` of the model it applies to (two models share the endpoint prefix `apigateway`).
    public var service: String
    public var apply: @Sendable (inout ServiceModel) throws -> Void
}

public enum ModelPatches {
    public static let all: [ModelPatch] = [
        // API Gateway keeps an integration response's template for a content type as JSON null (an
        // empty template is stored as null too) and answers it so; the model does not mark the map
        // sparse, so a dense map would drop the entry.
        ModelPatch(name: "sparse integration response templates", service: "API Gateway") { model in
            try model.useSparseMap(
                named: "SparseMapOfStringToString", like: "MapOfStringToString",
                in: [
                    ("IntegrationResponse", "responseTemplates"),
                    ("PutIntegrationResponseRequest", "responseTemplates"),
                ])
        }
    ]

    static func apply(to model: ServiceModel, service: String, patches: [ModelPatch] = all) throws -> ServiceModel {
        var patched = model
        for patch in patches where patch.service == service {
            do {
                try patch.apply(&patched)
            } catch {
                throw ModelError("model patch '\(patch.name)' failed: \(error)")
            }
        }
        return patched
    }
}

extension ServiceModel {
    /// Adds a sparse copy of the map shape `original` under `name` and points these members at it.
    mutating func useSparseMap(named name: String, like original: String, in members: [(String, String)]) throws {
        guard var shape = shapes[original], shape.type == "map" else {
            throw ModelError("no map shape \(original)")
        }
        shape.sparse = true
        shapes[name] = shape
        for (structure, member) in members {
            guard shapes[structure]?.members?[member]?.shape == original else {
                throw ModelError("\(structure).\(member) is not a \(original)")
            }
            shapes[structure]!.members![member]!.shape = name
        }
    }
}
