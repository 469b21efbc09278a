import CodegenCore
import Foundation
import OrderedCollections
import RestJson1

/// Builds sample requests and responses straight from a model's members and their locations,
/// independently of the generator's own translation, to check the generated coding against.
struct ModelSamples {
    let model: ServiceModel

    static let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    init(specPath: String) throws {
        let data = try Data(contentsOf: Self.packageRoot.appending(path: specPath))
        model = try ServiceModel.decode(from: Array(data))
    }

    func shape(_ name: String) -> ServiceModel.Shape { model.shapes[name]! }

    /// A sample JSON value of a shape (structures nest at most `depth` levels).
    func json(_ shapeName: String, member: ServiceModel.Member? = nil, depth: Int = 0) -> JSONValue {
        let shape = shape(shapeName)
        switch shape.type {
        case "string": return .string(shape.enum?.first ?? "sample-\(shapeName)")
        case "integer": return .integer(7)
        case "long": return .integer(8_000_000_000)
        case "double", "float": return .double(2.5)
        case "boolean": return .bool(true)
        case "blob": return .string(Data("blob".utf8).base64EncodedString())
        case "timestamp":
            let format = member?.timestampFormat ?? shape.timestampFormat ?? "unixTimestamp"
            return format == "iso8601" ? .string("2023-11-14T22:13:20Z") : .integer(1_700_000_000)
        case "list":
            return .array([json(shape.member!.shape, member: shape.member, depth: depth + 1)])
        case "map":
            return .object(["key1": json(shape.value!.shape, member: shape.value, depth: depth + 1)])
        default:  // structure; deep down only its required members, so samples stay small
            var members = OrderedDictionary<String, JSONValue>()
            let required = Set(shape.required ?? [])
            for name in shape.memberOrder {
                let member = shape.members![name]!
                guard member.location == nil, depth <= 3 || required.contains(name) else { continue }
                members[member.locationName ?? name] = json(member.shape, member: member, depth: depth + 1)
            }
            return .object(members)
        }
    }

    /// A sample text value of a shape bound to a label, query parameter or header.
    func text(_ shapeName: String) -> String {
        let shape = shape(shapeName)
        switch shape.type {
        case "integer": return "7"
        case "long": return "8000000000"
        case "double": return "2.5"
        case "boolean": return "true"
        default: return shape.enum?.first ?? "sample-\(shapeName)"
        }
    }

    /// The request a client would send for `operation` with every input member set.
    func request(for operation: OperationDescriptor) -> (request: ServiceRequest, labels: [String: String]) {
        let input = shape(model.operations[operation.name]!.input!.shape)
        var labels: [String: String] = [:]
        var query = operation.uri.queryLiterals.map { (name: $0.name, value: $0.value) }
        var headers = Headers()
        var body: [UInt8] = []
        var bodyMembers = OrderedDictionary<String, JSONValue>()
        for name in input.memberOrder {
            let member = input.members![name]!
            let wireName = member.locationName ?? name
            switch member.location {
            case "uri":
                let greedy = operation.uri.segments.contains(.greedyLabel(wireName))
                labels[wireName] = greedy ? "sample/with/slashes" : "sample \(wireName)/x"
            case "querystring":
                let memberShape = shape(member.shape)
                if memberShape.type == "map" {
                    query.append((name: "extra", value: "extra value"))
                } else if memberShape.type == "list" {
                    query.append((name: wireName, value: text(memberShape.member!.shape)))
                    query.append((name: wireName, value: text(memberShape.member!.shape)))
                } else {
                    query.append((name: wireName, value: text(member.shape)))
                }
            case "header":
                headers.add(wireName, text(member.shape))
            case "headers":
                headers.add(wireName + "color", "blue")
            default:
                if input.payload == name {
                    body = payload(member.shape)
                } else {
                    bodyMembers[wireName] = json(member.shape, member: member)
                }
            }
        }
        if !bodyMembers.isEmpty { body = Array(JSONValue.object(bodyMembers).jsonText.utf8) }
        let request = ServiceRequest(
            method: operation.method, path: operation.uri.expand(labels), query: query, headers: headers, body: body)
        return (request, labels)
    }

    /// The response a server would send for `operation` with every output member set.
    func response(for operation: OperationDescriptor) -> ServiceResponse? {
        guard let outputName = model.operations[operation.name]!.output?.shape else { return nil }
        let output = shape(outputName)
        var response = ServiceResponse(status: operation.successStatus)
        var bodyMembers = OrderedDictionary<String, JSONValue>()
        for name in output.memberOrder {
            let member = output.members![name]!
            let wireName = member.locationName ?? name
            switch member.location {
            case "header": response.headers.add(wireName, text(member.shape))
            case "headers": response.headers.add(wireName + "color", "blue")
            case "statusCode": response.status = 299
            default:
                if output.payload == name {
                    response.body = payload(member.shape)
                } else {
                    bodyMembers[wireName] = json(member.shape, member: member)
                }
            }
        }
        if output.payload == nil { response.body = Array(JSONValue.object(bodyMembers).jsonText.utf8) }
        return response
    }

    func payload(_ shapeName: String) -> [UInt8] {
        shape(shapeName).type == "blob" ? Array("payload bytes".utf8) : Array(json(shapeName).jsonText.utf8)
    }
}

extension JSONValue {
    /// The value with object keys sorted, for comparisons that ignore key order.
    var normalized: JSONValue {
        switch self {
        case .array(let elements): .array(elements.map(\.normalized))
        case .object(let members):
            .object(
                OrderedDictionary(
                    uniqueKeysWithValues: members.sorted { $0.key < $1.key }.map { ($0.key, $0.value.normalized) }))
        default: self
        }
    }
}
