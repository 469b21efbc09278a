import RestJson1Core

/// `<Module>+Serialization.swift`: explicit RestJson1 coding for every shape, member by member
/// according to its binding (no synthesized Codable: this compiles faster, and bindings differ
/// per member anyway).
struct SerializationRenderer {
    let code: ServiceCode

    private var inputs: Set<String> { Set(code.operations.map(\.input)) }
    private var outputs: Set<String> { Set(code.operations.compactMap(\.output)) }

    /// Structures that appear inside other structures: only these need JSON value coding.
    private var nested: Set<String> {
        func structures(in type: TypeReference) -> [String] {
            switch type {
            case .structure(let name): [name]
            case .list(let element): structures(in: element)
            case .map(let value), .sparseMap(let value): structures(in: value)
            default: []
            }
        }
        return Set((code.structures + code.errors).flatMap { $0.members.flatMap { structures(in: $0.type) } })
    }

    func render() -> String {
        var out = SwiftWriter()
        let nested = self.nested
        for structure in code.structures {
            if nested.contains(qualified(structure)) { renderJSONCodable(structure, into: &out) }
            if inputs.contains(structure.swiftName) { renderInput(structure, into: &out) }
            if outputs.contains(structure.swiftName) { renderOutput(structure, into: &out) }
        }
        for error in code.errors { renderError(error, into: &out) }
        return out.text
    }

    func qualified(_ structure: StructureCode) -> String { "\(code.moduleName).\(structure.swiftName)" }

    // MARK: JSON values (structures nested in bodies)

    func renderJSONCodable(_ structure: StructureCode, into out: inout SwiftWriter) {
        out.block("extension \(qualified(structure)): RestJson1.JSONCodable") { out in
            out.block("public init(json: RestJson1.JSONValue, path: Swift.String) throws") { out in
                let reader = structure.bodyMembers.isEmpty ? "_" : "let reader"
                out.line(
                    "\(reader) = try RestJson1.JSONObjectReader(json, path: path, shape: \(literal(structure.shapeName)))"
                )
                readBodyMembers(structure, reader: "reader", into: &out)
            }
            out.line()
            out.block("public func writeJSON(to writer: inout RestJson1.JSONWriter)") { out in
                writeBodyObject(structure, into: &out)
            }
        }
        out.line()
    }

    func readBodyMembers(_ structure: StructureCode, reader: String, into out: inout SwiftWriter) {
        for member in structure.bodyMembers {
            guard case .body(let key) = member.binding else { continue }
            let kind = member.isRequired ? "required" : "optional"
            if member.type == .timestamp {
                out.line(
                    "self.\(member.swiftName) = try \(reader).\(kind)Timestamp(\(literal(key)), format: \(member.formatLiteral))"
                )
            } else {
                out.line(
                    "self.\(member.swiftName) = try \(reader).\(kind)(\(literal(key)), as: \(member.type.swiftType).self)"
                )
            }
        }
    }

    /// Writes `{ ...body members... }` with `writer`.
    func writeBodyObject(_ structure: StructureCode, into out: inout SwiftWriter) {
        out.line("writer.beginObject()")
        for member in structure.bodyMembers {
            guard case .body(let key) = member.binding else { continue }
            let write =
                member.type == .timestamp
                ? "writer.timestamp(value, format: \(member.formatLiteral))" : "value.writeJSON(to: &writer)"
            if member.isRequired {
                out.line("do { let value = self.\(member.swiftName); writer.key(\(literal(key))); \(write) }")
            } else {
                out.line("if let value = self.\(member.swiftName) { writer.key(\(literal(key))); \(write) }")
            }
        }
        out.line("writer.endObject()")
    }

    // MARK: Operation inputs

    func renderInput(_ structure: StructureCode, into out: inout SwiftWriter) {
        let pathName = Naming.inputPathName(structure.shapeName)
        out.block("extension \(qualified(structure)): RestJson1.OperationInput") { out in
            out.block(
                "public init(request: RestJson1.ServiceRequest, labels: [Swift.String: Swift.String]) throws"
            ) { out in
                if structure.members.contains(where: \.usesPath) { out.line("let path = \(literal(pathName))") }
                for member in structure.members {
                    readRequestMember(member, structure: structure, into: &out)
                }
                if !structure.bodyMembers.isEmpty {
                    out.line("let body = try RestJson1.JSONObjectReader(body: request.body, path: path)")
                    readBodyMembers(structure, reader: "body", into: &out)
                }
            }
            out.line()
            out.block(
                "public func encodeRequest(for operation: RestJson1.OperationDescriptor) -> RestJson1.ServiceRequest"
            ) { out in
                let hasLabels = structure.members.contains { $0.binding.isURI }
                out.line("\(hasLabels ? "var" : "let") labels: [Swift.String: Swift.String] = [:]")
                out.line(
                    "var request = RestJson1.ServiceRequest(method: operation.method, path: \"\", query: operation.uri.queryLiterals.map { ($0.name, $0.value) })"
                )
                for member in structure.members { writeRequestMember(member, into: &out) }
                if !structure.bodyMembers.isEmpty {
                    out.line("var writer = RestJson1.JSONWriter()")
                    writeBodyObject(structure, into: &out)
                    out.line("request.body = writer.bytes")
                    out.line("request.headers.add(\"Content-Type\", \"application/json\")")
                }
                out.line("request.path = operation.uri.expand(labels)")
                out.line("return request")
            }
        }
        out.line()
    }

    /// The query parameter names that other members or an operation's query literals bind, which
    /// an unnamed query map must leave out.
    func boundQueryNames(_ structure: StructureCode) -> [String] {
        var names = structure.members.compactMap { member -> String? in
            if case .query(let name) = member.binding { return name }
            return nil
        }
        for operation in code.operations where operation.input == structure.swiftName {
            if let template = try? URITemplate(operation.requestURI) {
                names += template.queryLiterals.map(\.name)
            }
        }
        return Array(Set(names)).sorted()
    }

    func readRequestMember(_ member: MemberCode, structure: StructureCode, into out: inout SwiftWriter) {
        let target = "self.\(member.swiftName)"
        let memberPath = "path + \(literal("." + member.swiftName))"
        let kind = member.isRequired ? "required" : "optional"
        let type = member.type.swiftType
        switch member.binding {
        case .uri(let name):
            out.line(
                "\(target) = try RestJson1.TextBinding.\(kind)(labels[\(literal(name))], as: \(type).self, path: \(memberPath))"
            )
        case .query(let name):
            if case .list(let element) = member.type {
                let list =
                    "RestJson1.TextBinding.list(request.queryValues(\(literal(name))), as: \(element.swiftType).self, path: \(memberPath))"
                out.line("\(target) = \(required(member, "try " + list, path: memberPath))")
            } else {
                out.line(
                    "\(target) = try RestJson1.TextBinding.\(kind)(request.queryValue(\(literal(name))), as: \(type).self, path: \(memberPath))"
                )
            }
        case .queryMap:
            let excluded = boundQueryNames(structure).map(literal).joined(separator: ", ")
            let function = member.type == .map(.string) ? "map" : "multiMap"
            let map = "RestJson1.QueryBinding.\(function)(request.query, excluding: [\(excluded)])"
            out.line("\(target) = \(required(member, map, path: memberPath))")
        case .header(let name):
            out.line(
                "\(target) = try RestJson1.TextBinding.\(kind)(request.headers[\(literal(name))], as: \(type).self, path: \(memberPath))"
            )
        case .headerMap(let prefix):
            let map = "RestJson1.HeaderBinding.map(request.headers, prefix: \(literal(prefix)))"
            out.line("\(target) = \(required(member, map, path: memberPath))")
        case .payload:
            readPayload(member, from: "request.body", into: &out)
        case .statusCode:
            if !member.isRequired { out.line("\(target) = nil") } else { out.line("\(target) = 0") }
        case .body:
            break
        }
    }

    func readPayload(_ member: MemberCode, from body: String, into out: inout SwiftWriter) {
        let target = "self.\(member.swiftName)"
        if member.type == .blob {
            out.line(
                member.isRequired
                    ? "\(target) = Foundation.Data(\(body))"
                    : "\(target) = \(body).isEmpty ? nil : Foundation.Data(\(body))")
        } else {
            let payload =
                "try RestJson1.PayloadBinding.json(\(body), as: \(member.type.swiftType).self, path: \(literal(member.swiftName)))"
            out.line("\(target) = \(required(member, payload, path: literal(member.swiftName)))")
        }
    }

    func writeRequestMember(_ member: MemberCode, into out: inout SwiftWriter) {
        let (open, value) = unwrap(member)
        switch member.binding {
        case .uri(let name):
            out.line("\(open)labels[\(literal(name))] = \(value).text\(close(member))")
        case .query(let name):
            if case .list = member.type {
                out.line(
                    "\(open)for element in \(value) { request.query.append((\(literal(name)), element.text)) }\(close(member))"
                )
            } else {
                out.line("\(open)request.query.append((\(literal(name)), \(value).text))\(close(member))")
            }
        case .queryMap:
            if member.type == .map(.string) {
                out.line(
                    "\(open)for key in \(value).keys.sorted() { request.query.append((key, \(value)[key]!)) }\(close(member))"
                )
            } else {
                out.line(
                    "\(open)for key in \(value).keys.sorted() { for element in \(value)[key]! { request.query.append((key, element)) } }\(close(member))"
                )
            }
        case .header(let name):
            out.line("\(open)request.headers.add(\(literal(name)), \(value).text)\(close(member))")
        case .headerMap(let prefix):
            out.line(
                "\(open)for key in \(value).keys.sorted() { request.headers.add(\(literal(prefix)) + key, \(value)[key]!) }\(close(member))"
            )
        case .payload:
            writePayload(member, open: open, value: value, target: "request", into: &out)
        case .statusCode, .body:
            break
        }
    }

    func writePayload(_ member: MemberCode, open: String, value: String, target: String, into out: inout SwiftWriter) {
        if member.type == .blob {
            out.line("\(open)\(target).body = Swift.Array(\(value))\(close(member))")
        } else {
            out.line(
                "\(open)var writer = RestJson1.JSONWriter(); \(value).writeJSON(to: &writer); \(target).body = writer.bytes; \(target).headers.add(\"Content-Type\", \"application/json\")\(close(member))"
            )
        }
    }

    /// `expression` (an optional) as the member's value: a required member that is absent is a
    /// validation error naming `path`.
    func required(_ member: MemberCode, _ expression: String, path: String) -> String {
        member.isRequired ? "try RestJson1.requireMember(\(expression), path: \(path))" : expression
    }

    /// `if let value = self.x { ... }` for optional members, the member itself for required ones.
    func unwrap(_ member: MemberCode) -> (open: String, value: String) {
        member.isRequired ? ("", "self.\(member.swiftName)") : ("if let value = self.\(member.swiftName) { ", "value")
    }

    func close(_ member: MemberCode) -> String { member.isRequired ? "" : " }" }

    // MARK: Operation outputs

    func renderOutput(_ structure: StructureCode, into out: inout SwiftWriter) {
        let isNested = nested.contains(qualified(structure))
        out.block("extension \(qualified(structure)): RestJson1.OperationOutput") { out in
            out.block("public func encodeResponse(status: Swift.Int) -> RestJson1.ServiceResponse") { out in
                out.line("var response = RestJson1.ServiceResponse(status: status)")
                writeResponseMembers(structure, useWriteJSON: isNested, into: &out)
                out.line("return response")
            }
            out.line()
            out.block("public init(response: RestJson1.ServiceResponse) throws") { out in
                if structure.members.contains(where: \.usesPath) { out.line("let path = \"response\"") }
                readResponseMembers(structure, into: &out)
            }
        }
        out.line()
    }

    func writeResponseMembers(_ structure: StructureCode, useWriteJSON: Bool, into out: inout SwiftWriter) {
        for member in structure.members {
            let (open, value) = unwrap(member)
            switch member.binding {
            case .header(let name):
                out.line("\(open)response.headers.add(\(literal(name)), \(value).text)\(close(member))")
            case .headerMap(let prefix):
                out.line(
                    "\(open)for key in \(value).keys.sorted() { response.headers.add(\(literal(prefix)) + key, \(value)[key]!) }\(close(member))"
                )
            case .statusCode:
                out.line("\(open)response.status = \(value)\(close(member))")
            case .payload:
                writePayload(member, open: open, value: value, target: "response", into: &out)
            case .uri, .query, .queryMap, .body:
                break
            }
        }
        if structure.payloadMember == nil {
            out.line("var writer = RestJson1.JSONWriter()")
            if useWriteJSON {
                out.line("self.writeJSON(to: &writer)")
            } else {
                writeBodyObject(structure, into: &out)
            }
            out.line("response.headers.add(\"Content-Type\", \"application/json\")")
            out.line("response.body = writer.bytes")
        }
    }

    func readResponseMembers(_ structure: StructureCode, into out: inout SwiftWriter) {
        for member in structure.members {
            let target = "self.\(member.swiftName)"
            let kind = member.isRequired ? "required" : "optional"
            let memberPath = "path + \(literal("." + member.swiftName))"
            switch member.binding {
            case .header(let name):
                out.line(
                    "\(target) = try RestJson1.TextBinding.\(kind)(response.headers[\(literal(name))], as: \(member.type.swiftType).self, path: \(memberPath))"
                )
            case .headerMap(let prefix):
                let map = "RestJson1.HeaderBinding.map(response.headers, prefix: \(literal(prefix)))"
                out.line("\(target) = \(required(member, map, path: memberPath))")
            case .statusCode:
                out.line("\(target) = response.status")
            case .payload:
                readPayload(member, from: "response.body", into: &out)
            case .uri, .query, .queryMap:
                out.line("\(target) = \(member.isRequired ? member.emptyValue : "nil")")
            case .body:
                break
            }
        }
        if !structure.bodyMembers.isEmpty {
            out.line("let body = try RestJson1.JSONObjectReader(body: response.body, path: path)")
            readBodyMembers(structure, reader: "body", into: &out)
        }
    }

    // MARK: Errors

    func renderError(_ error: StructureCode, into out: inout SwiftWriter) {
        out.block("extension \(qualified(error))") { out in
            out.block("public func encodeResponse() -> RestJson1.ServiceResponse") { out in
                out.line("var response = RestJson1.ServiceResponse(status: httpStatus)")
                out.line("response.headers.add(\"x-amzn-ErrorType\", errorCode)")
                writeResponseMembers(error, useWriteJSON: false, into: &out)
                out.line("return response")
            }
        }
        out.line()
    }
}

extension MemberCode {
    /// Whether reading the member names it in error messages (body members, text bindings).
    var usesPath: Bool {
        switch binding {
        case .body, .uri, .query, .header: true
        case .queryMap, .headerMap: isRequired
        case .payload, .statusCode: false
        }
    }
}
