import RestJson1Core

/// The botocore JSON service model format (`service-2.json`), as far as code generation reads it.
public struct ServiceModel: Sendable {
    public var metadata: Metadata
    public var operations: [String: Operation]
    public var shapes: [String: Shape]

    public struct Metadata: Sendable {
        public var apiVersion: String
        public var endpointPrefix: String
        public var `protocol`: String
        public var serviceId: String
        public var signingName: String?
    }

    public struct Operation: Sendable {
        public var name: String
        public var http: HTTPBinding
        public var input: ShapeReference?
        public var output: ShapeReference?
        public var errors: [ShapeReference]?
    }

    public struct HTTPBinding: Sendable {
        public var method: String
        public var requestUri: String
        public var responseCode: Int?
    }

    public struct ShapeReference: Sendable {
        public var shape: String
    }

    public struct Shape: Sendable {
        public var type: String
        public var members: [String: Member]?
        /// Member names in the order the model lists them.
        public var memberOrder: [String] = []
        public var required: [String]?
        public var member: Member?
        public var key: Member?
        public var value: Member?
        public var `enum`: [String]?
        public var payload: String?
        public var exception: Bool?
        public var error: ErrorTrait?
        public var timestampFormat: String?
        /// A map or list whose values may be null (Smithy's `@sparse`).
        public var sparse: Bool?
    }

    public struct ErrorTrait: Sendable {
        public var httpStatusCode: Int?
        public var code: String?
    }

    public struct Member: Sendable {
        public var shape: String
        public var location: String?
        public var locationName: String?
        public var timestampFormat: String?
    }
}

/// A model that cannot be turned into code, with what is wrong.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ServiceModel {
    /// Decodes a model. JSON objects are read in order, so generated types list their members
    /// as the model does.
    public static func decode(from data: [UInt8]) throws -> ServiceModel {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw ModelError("not valid JSON: \(error)")
        }
        let model = try ModelReader.model(json)
        guard model.metadata.protocol == "rest-json" else {
            throw ModelError("unsupported protocol '\(model.metadata.protocol)' (only rest-json is supported)")
        }
        return model
    }
}
