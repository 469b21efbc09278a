/// The model translated into what the renderers need: Swift names, resolved types and bindings.
public struct ServiceCode: Sendable {
    public var moduleName: String
    public var serviceName: String
    public var specPath: String
    public var structures: [StructureCode]
    public var enumerations: [EnumerationCode]
    public var errors: [StructureCode]
    public var operations: [OperationCode]
}

public indirect enum TypeReference: Sendable, Equatable {
    case string, integer, long, double, boolean, blob, timestamp
    case enumeration(String)
    case structure(String)
    case list(TypeReference)
    case map(TypeReference)
    /// A map whose values may be JSON null (Smithy's `@sparse`): null entries are kept, as `nil`.
    case sparseMap(TypeReference)

    /// The Swift spelling, qualified so model names cannot shadow it.
    public var swiftType: String {
        switch self {
        case .string: "Swift.String"
        case .integer: "Swift.Int"
        case .long: "Swift.Int64"
        case .double: "Swift.Double"
        case .boolean: "Swift.Bool"
        case .blob: "Foundation.Data"
        case .timestamp: "Foundation.Date"
        case .enumeration(let name), .structure(let name): name
        case .list(let element): "[\(element.swiftType)]"
        case .map(let value): "[Swift.String: \(value.swiftType)]"
        case .sparseMap(let value): "[Swift.String: \(value.swiftType)?]"
        }
    }

    /// Whether the value travels as text (URI labels, query strings, headers).
    var isText: Bool {
        switch self {
        case .string, .integer, .long, .double, .boolean, .enumeration: true
        default: false
        }
    }
}

public enum Binding: Sendable, Equatable {
    /// A member of the JSON body under this key.
    case body(String)
    case uri(String)
    case query(String)
    /// A map of the query parameters no other member binds.
    case queryMap
    case header(String)
    /// A map of the headers whose names start with this prefix.
    case headerMap(String)
    case statusCode
    /// The whole body (a blob's bytes, or a structure's JSON).
    case payload
}

public struct MemberCode: Sendable {
    public var modelName: String
    public var swiftName: String
    public var type: TypeReference
    public var binding: Binding
    public var isRequired: Bool
    public var timestampFormat: String
}

public struct StructureCode: Sendable {
    public var shapeName: String
    public var swiftName: String
    public var members: [MemberCode]
    /// For error shapes: the HTTP status from the model.
    public var errorStatus: Int?

    public var bodyMembers: [MemberCode] {
        members.filter { if case .body = $0.binding { true } else { false } }
    }
    public var payloadMember: MemberCode? { members.first { $0.binding == .payload } }
}

public struct EnumerationCode: Sendable {
    public var shapeName: String
    public var swiftName: String
    public var cases: [(name: String, value: String)]
}

public struct OperationCode: Sendable {
    public var name: String
    public var methodName: String
    public var httpMethod: String
    public var requestURI: String
    public var successStatus: Int
    public var input: String
    public var output: String?
}
