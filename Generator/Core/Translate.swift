import RestJson1Core

/// Turns a decoded model into `ServiceCode`, checking everything the renderers rely on. Any
/// construct the runtime cannot serve fails here with a message naming its place in the model.
public enum Translate {
    public static func service(_ original: ServiceModel, moduleName: String, specPath: String) throws -> ServiceCode {
        let model = try ModelPatches.apply(to: original, service: original.metadata.serviceId)
        var translator = Translator(model: model, moduleName: moduleName)
        return try translator.run(moduleName: moduleName, specPath: specPath)
    }
}

private struct Translator {
    let model: ServiceModel
    /// Type references are qualified with the module's namespace: generated extensions of nested
    /// types do not see their sibling types unqualified.
    let moduleName: String

    mutating func run(moduleName: String, specPath: String) throws -> ServiceCode {
        var structures: [StructureCode] = []
        var enumerations: [EnumerationCode] = []
        var errors: [StructureCode] = []
        for name in model.shapes.keys.sorted() {
            let shape = model.shapes[name]!
            switch shape.type {
            case "structure":
                var structure = try self.structure(name, shape)
                if shape.exception == true || shape.error != nil {
                    structure.errorStatus = shape.error?.httpStatusCode ?? 400
                    errors.append(structure)
                } else {
                    structures.append(structure)
                }
            case "string" where shape.enum != nil:
                enumerations.append(enumeration(name, shape.enum!))
            case "string", "integer", "long", "double", "float", "boolean", "blob", "timestamp", "list", "map":
                _ = try typeReference(name, place: "shape \(name)")
            default:
                throw ModelError("shape \(name): unsupported type '\(shape.type)'")
            }
        }
        try checkRecursion()
        try checkNestedStructures()
        var operations: [OperationCode] = []
        for name in model.operations.keys.sorted() {
            operations.append(try operation(model.operations[name]!))
        }
        return ServiceCode(
            moduleName: moduleName, serviceName: serviceName(), specPath: specPath,
            structures: structures, enumerations: enumerations, errors: errors, operations: operations)
    }

    /// The name clients use for the service: its serviceId, lowercased, without spaces.
    func serviceName() -> String {
        model.metadata.serviceId.lowercased().filter { $0 != " " }
    }

    func shape(_ name: String, place: String) throws -> ServiceModel.Shape {
        guard let shape = model.shapes[name] else { throw ModelError("\(place) refers to unknown shape '\(name)'") }
        return shape
    }

    func typeReference(_ name: String, place: String) throws -> TypeReference {
        let shape = try self.shape(name, place: place)
        switch shape.type {
        case "string": return shape.enum != nil ? .enumeration(moduleName + "." + Naming.typeName(name)) : .string
        case "integer": return .integer
        case "long": return .long
        case "double", "float": return .double
        case "boolean": return .boolean
        case "blob": return .blob
        case "timestamp": return .timestamp
        case "structure": return .structure(moduleName + "." + Naming.typeName(name))
        case "list":
            guard let member = shape.member else { throw ModelError("list shape \(name) has no member") }
            let element = try typeReference(member.shape, place: "shape \(name).member")
            if element == .timestamp { throw ModelError("list shape \(name): lists of timestamps are not supported") }
            return .list(element)
        case "map":
            guard let key = shape.key, let value = shape.value else {
                throw ModelError("map shape \(name) needs a key and a value")
            }
            guard try self.shape(key.shape, place: "shape \(name).key").type == "string" else {
                throw ModelError("map shape \(name): only string keys are supported")
            }
            let valueType = try typeReference(value.shape, place: "shape \(name).value")
            if valueType == .timestamp { throw ModelError("map shape \(name): maps of timestamps are not supported") }
            return shape.sparse == true ? .sparseMap(valueType) : .map(valueType)
        default:
            throw ModelError("\(place): unsupported type '\(shape.type)' of shape \(name)")
        }
    }

    func structure(_ name: String, _ shape: ServiceModel.Shape) throws -> StructureCode {
        let required = Set(shape.required ?? [])
        var members: [MemberCode] = []
        var swiftNames: Set<String> = []
        for memberName in shape.memberOrder {
            let member = shape.members![memberName]!
            let place = "shape \(name) member \(memberName)"
            let type = try typeReference(member.shape, place: place)
            let binding = try self.binding(member, memberName, type: type, payload: shape.payload, place: place)
            let swiftName = Naming.memberName(memberName)
            guard swiftNames.insert(swiftName).inserted else {
                throw ModelError("\(place): two members are both named '\(swiftName)' in Swift")
            }
            let format = try timestampFormat(member, binding: binding, place: place)
            members.append(
                MemberCode(
                    modelName: memberName, swiftName: swiftName, type: type, binding: binding,
                    isRequired: required.contains(memberName) || binding.isURI, timestampFormat: format))
        }
        if let payload = shape.payload, shape.members?[payload] == nil {
            throw ModelError("shape \(name): payload '\(payload)' is not one of its members")
        }
        return StructureCode(shapeName: name, swiftName: Naming.typeName(name), members: members, errorStatus: nil)
    }

    func binding(
        _ member: ServiceModel.Member, _ name: String, type: TypeReference, payload: String?, place: String
    ) throws -> Binding {
        func requireText() throws {
            guard type.isText else { throw ModelError("\(place): a \(type.swiftType) cannot be bound to text") }
        }
        switch member.location {
        case nil:
            if payload == name {
                switch type {
                case .blob, .structure: return .payload
                default: throw ModelError("\(place): a payload must be a blob or a structure")
                }
            }
            return .body(member.locationName ?? name)
        case "uri":
            try requireText()
            return .uri(member.locationName ?? name)
        case "querystring":
            if case .map(let value) = type {
                guard member.locationName == nil, value == .string || value == .list(.string) else {
                    throw ModelError("\(place): only unnamed maps of strings can bind the query string")
                }
                return .queryMap
            }
            if case .list(let element) = type {
                guard element.isText else { throw ModelError("\(place): query lists must hold text values") }
            } else {
                try requireText()
            }
            return .query(member.locationName ?? name)
        case "header":
            try requireText()
            return .header(member.locationName ?? name)
        case "headers":
            guard type == .map(.string) else { throw ModelError("\(place): a header map must map strings to strings") }
            return .headerMap(member.locationName ?? "")
        case "statusCode":
            guard type == .integer else { throw ModelError("\(place): a status code must be an integer") }
            return .statusCode
        case let other?:
            throw ModelError("\(place): unsupported location '\(other)'")
        }
    }

    func timestampFormat(_ member: ServiceModel.Member, binding: Binding, place: String) throws -> String {
        let shapeFormat = model.shapes[member.shape]?.timestampFormat
        let defaultFormat: String =
            switch binding {
            case .header: "rfc822"
            case .query, .uri: "iso8601"
            default: "unixTimestamp"
            }
        switch member.timestampFormat ?? shapeFormat ?? defaultFormat {
        case "unixTimestamp": return "epochSeconds"
        case "iso8601": return "iso8601"
        case "rfc822": return "httpDate"
        case let other: throw ModelError("\(place): unsupported timestampFormat '\(other)'")
        }
    }

    func enumeration(_ name: String, _ values: [String]) -> EnumerationCode {
        var used: Set<String> = []
        var cases: [(name: String, value: String)] = []
        for value in values {
            var caseName = Naming.enumCaseName(value)
            while !used.insert(caseName).inserted { caseName += "_" }
            cases.append((caseName, value))
        }
        return EnumerationCode(shapeName: name, swiftName: Naming.typeName(name), cases: cases)
    }

    func operation(_ operation: ServiceModel.Operation) throws -> OperationCode {
        let place = "operation \(operation.name)"
        guard let input = operation.input else {
            throw ModelError("\(place) has no input shape (every rest-json operation here has one)")
        }
        let inputShape = try shape(input.shape, place: place)
        guard inputShape.type == "structure" else {
            throw ModelError("\(place): input \(input.shape) is not a structure")
        }
        let template: URITemplate
        do {
            template = try URITemplate(operation.http.requestUri)
        } catch {
            throw ModelError("\(place): \(error)")
        }
        let labels = Set(template.labelNames)
        let uriMembers = Set(
            try structure(input.shape, inputShape).members.compactMap { member -> String? in
                if case .uri(let name) = member.binding { return name }
                return nil
            })
        guard labels == uriMembers else {
            throw ModelError(
                "\(place): the labels of \(operation.http.requestUri) do not match the uri members of \(input.shape)")
        }
        if let output = operation.output {
            guard try shape(output.shape, place: place).type == "structure" else {
                throw ModelError("\(place): output \(output.shape) is not a structure")
            }
        }
        return OperationCode(
            name: operation.name, methodName: Naming.operationMethodName(operation.name),
            httpMethod: operation.http.method, requestURI: operation.http.requestUri,
            successStatus: operation.http.responseCode ?? 200, input: Naming.typeName(input.shape),
            output: operation.output.map { Naming.typeName($0.shape) })
    }

    /// A structure inside another one is read from and written to JSON only, so it may not bind
    /// members to headers, the URI or the query string.
    func checkNestedStructures() throws {
        func nestedStructures(_ name: String) -> [String] {
            guard let shape = model.shapes[name] else { return [] }
            switch shape.type {
            case "structure": return [name]
            case "list": return shape.member.map { nestedStructures($0.shape) } ?? []
            case "map": return shape.value.map { nestedStructures($0.shape) } ?? []
            default: return []
            }
        }
        for (name, shape) in model.shapes where shape.type == "structure" {
            for (memberName, member) in shape.members ?? [:] where member.location == nil && shape.payload != memberName
            {
                for nested in nestedStructures(member.shape) {
                    let bound = model.shapes[nested]?.members?.values.contains { $0.location != nil } ?? false
                    if bound {
                        throw ModelError(
                            "shape \(name) member \(memberName): nested structure \(nested) binds members outside the body"
                        )
                    }
                }
            }
        }
    }

    /// Structures are Swift value types: one that contains itself other than through a list or a
    /// map would have infinite size.
    func checkRecursion() throws {
        func visit(_ name: String, _ path: [String]) throws {
            if path.contains(name) {
                throw ModelError("shape \(name) contains itself (\((path + [name]).joined(separator: " → ")))")
            }
            guard let shape = model.shapes[name], shape.type == "structure" else { return }
            for member in (shape.members ?? [:]).values {
                if model.shapes[member.shape]?.type == "structure" { try visit(member.shape, path + [name]) }
            }
        }
        for (name, shape) in model.shapes where shape.type == "structure" { try visit(name, []) }
    }
}

extension Binding {
    var isURI: Bool { if case .uri = self { true } else { false } }
}
