import OrderedCollections
import RestJson1Core

/// Reads the parts of a botocore model that code generation uses from its JSON, naming the
/// place of anything malformed.
enum ModelReader {
    static func model(_ json: JSONValue) throws -> ServiceModel {
        let root = try object(json, "the model")
        let metadata = try object(root["metadata"], "metadata")
        var operations: [String: ServiceModel.Operation] = [:]
        for (name, value) in try object(root["operations"], "operations") {
            operations[name] = try operation(value, name)
        }
        var shapes: [String: ServiceModel.Shape] = [:]
        for (name, value) in try object(root["shapes"], "shapes") {
            shapes[name] = try shape(value, name)
        }
        return ServiceModel(
            metadata: .init(
                apiVersion: try string(metadata["apiVersion"], "metadata.apiVersion"),
                endpointPrefix: try string(metadata["endpointPrefix"], "metadata.endpointPrefix"),
                protocol: try string(metadata["protocol"], "metadata.protocol"),
                serviceId: try string(metadata["serviceId"], "metadata.serviceId"),
                signingName: try optionalString(metadata["signingName"], "metadata.signingName")),
            operations: operations, shapes: shapes)
    }

    static func operation(_ json: JSONValue, _ name: String) throws -> ServiceModel.Operation {
        let fields = try object(json, "operation \(name)")
        let http = try object(fields["http"], "operation \(name).http")
        var responseCode: Int?
        if let code = http["responseCode"] {
            guard case .integer(let value) = code else {
                throw ModelError("operation \(name).http.responseCode is not an integer")
            }
            responseCode = value
        }
        var errors: [ServiceModel.ShapeReference] = []
        if let list = fields["errors"] {
            guard case .array(let elements) = list else { throw ModelError("operation \(name).errors is not a list") }
            errors = try elements.map { try reference($0, "operation \(name).errors")! }
        }
        return ServiceModel.Operation(
            name: try string(fields["name"], "operation \(name).name"),
            http: .init(
                method: try string(http["method"], "operation \(name).http.method"),
                requestUri: try string(http["requestUri"], "operation \(name).http.requestUri"),
                responseCode: responseCode),
            input: try reference(fields["input"], "operation \(name).input"),
            output: try reference(fields["output"], "operation \(name).output"),
            errors: errors)
    }

    static func shape(_ json: JSONValue, _ name: String) throws -> ServiceModel.Shape {
        let fields = try object(json, "shape \(name)")
        var shape = ServiceModel.Shape(type: try string(fields["type"], "shape \(name).type"))
        if let members = fields["members"] {
            var result: [String: ServiceModel.Member] = [:]
            for (memberName, value) in try object(members, "shape \(name).members") {
                result[memberName] = try member(value, "shape \(name).members.\(memberName)")
                shape.memberOrder.append(memberName)
            }
            shape.members = result
        }
        shape.required = try stringList(fields["required"], "shape \(name).required")
        shape.member = try fields["member"].map { try member($0, "shape \(name).member") }
        shape.key = try fields["key"].map { try member($0, "shape \(name).key") }
        shape.value = try fields["value"].map { try member($0, "shape \(name).value") }
        shape.enum = try stringList(fields["enum"], "shape \(name).enum")
        shape.payload = try optionalString(fields["payload"], "shape \(name).payload")
        if case .bool(let flag) = fields["exception"] { shape.exception = flag }
        if case .bool(let flag) = fields["sparse"] { shape.sparse = flag }
        if let error = fields["error"], case .object(let trait) = error,
            case .integer(let status) = trait["httpStatusCode"]
        {
            shape.error = ServiceModel.ErrorTrait(httpStatusCode: status)
        }
        shape.timestampFormat = try optionalString(fields["timestampFormat"], "shape \(name).timestampFormat")
        return shape
    }

    static func member(_ json: JSONValue, _ place: String) throws -> ServiceModel.Member {
        let fields = try object(json, place)
        return ServiceModel.Member(
            shape: try string(fields["shape"], "\(place).shape"),
            location: try optionalString(fields["location"], "\(place).location"),
            locationName: try optionalString(fields["locationName"], "\(place).locationName"),
            timestampFormat: try optionalString(fields["timestampFormat"], "\(place).timestampFormat"))
    }

    static func reference(_ json: JSONValue?, _ place: String) throws -> ServiceModel.ShapeReference? {
        guard let json else { return nil }
        return ServiceModel.ShapeReference(shape: try string(try object(json, place)["shape"], "\(place).shape"))
    }

    static func object(_ json: JSONValue?, _ place: String) throws -> JSONObject {
        guard case .object(let members) = json else { throw ModelError("\(place) is missing or not an object") }
        return members
    }

    static func string(_ json: JSONValue?, _ place: String) throws -> String {
        guard case .string(let text) = json else { throw ModelError("\(place) is missing or not a string") }
        return text
    }

    static func optionalString(_ json: JSONValue?, _ place: String) throws -> String? {
        guard let json else { return nil }
        return try string(json, place)
    }

    static func stringList(_ json: JSONValue?, _ place: String) throws -> [String]? {
        guard let json else { return nil }
        guard case .array(let elements) = json else { throw ModelError("\(place) is not a list") }
        return try elements.map { try string($0, place) }
    }
}

typealias JSONObject = OrderedDictionary<String, JSONValue>
