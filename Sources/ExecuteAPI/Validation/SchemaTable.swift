import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// The API's models as parsed JSON, compiled into schemas on demand while a deployment is built.
struct SchemaTable {
    let documents: [String: JSONValue]

    /// Models whose schema is not JSON are left out; a method that uses one fails validation.
    init(models: OrderedDictionary<String, APIGateway.Model>) {
        var documents: [String: JSONValue] = [:]
        for (name, model) in models {
            if let text = model.schema, let value = try? JSONValue.parse(text) { documents[name] = value }
        }
        self.documents = documents
    }

    func schema(named name: String) -> Result<JSONSchema, JSONSchema.CompileError> {
        guard let document = documents[name] else {
            return .failure(JSONSchema.CompileError(message: "model \(name) has no usable schema"))
        }
        return Result { try JSONSchema(document, models: documents) }.mapError {
            $0 as? JSONSchema.CompileError ?? JSONSchema.CompileError(message: "\($0)")
        }
    }
}
