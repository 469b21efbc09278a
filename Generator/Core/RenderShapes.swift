/// `<Module>+Shapes.swift`: a value type for every structure, string enumeration and error shape.
struct ShapesRenderer {
    let code: ServiceCode

    func render() -> String {
        var out = SwiftWriter()
        out.block("extension \(code.moduleName)") { out in
            for structure in code.structures {
                renderStructure(structure, conformances: "Sendable, Equatable", into: &out)
                out.line()
            }
            for enumeration in code.enumerations {
                renderEnumeration(enumeration, into: &out)
                out.line()
            }
            for error in code.errors {
                renderStructure(error, conformances: "RestJson1.ServiceErrorShape, Equatable", into: &out)
                out.line()
            }
        }
        return out.text
    }

    func renderStructure(_ structure: StructureCode, conformances: String, into out: inout SwiftWriter) {
        out.block("public struct \(structure.swiftName): \(conformances)") { out in
            for member in structure.members {
                out.line("public var \(member.property): \(member.declaredType)")
            }
            if let status = structure.errorStatus {
                out.line("public var errorCode: Swift.String { \(literal(structure.shapeName)) }")
                out.line("public var httpStatus: Swift.Int { \(status) }")
            }
            out.line()
            let parameters = structure.members.map { member in
                "\(member.property): \(member.declaredType)\(member.isRequired ? "" : " = nil")"
            }
            out.block("public init(\(parameters.joined(separator: ", ")))") { out in
                for member in structure.members {
                    out.line("self.\(member.swiftName) = \(member.property)")
                }
            }
            out.line()
            let placeholderArguments = structure.members.filter(\.isRequired).map { "\($0.property): \($0.emptyValue)" }
            out.line(
                "public static var placeholder: Self { Self(\(placeholderArguments.joined(separator: ", "))) }")
        }
    }

    func renderEnumeration(_ enumeration: EnumerationCode, into out: inout SwiftWriter) {
        out.block("public struct \(enumeration.swiftName): RestJson1.StringEnum") { out in
            out.line("public let rawValue: Swift.String")
            out.line("public init(rawValue: Swift.String) { self.rawValue = rawValue }")
            for (name, value) in enumeration.cases {
                out.line("public static let \(Naming.escaped(name)) = Self(rawValue: \(literal(value)))")
            }
            let all = enumeration.cases.map { ".\(Naming.escaped($0.name))" }.joined(separator: ", ")
            out.line("public static let knownValues: [Self] = [\(all)]")
        }
    }
}
