/// `<Module>+Operations.swift`: the service protocol, one async method per operation. Every
/// method has a default that answers "not implemented", so a handler implements operations one
/// by one and the coverage report sees which are left.
struct OperationsRenderer {
    let code: ServiceCode

    var protocolName: String { code.moduleName + "Service" }

    func signature(_ operation: OperationCode) -> String {
        let result = operation.output.map { " -> \(code.moduleName).\($0)" } ?? ""
        return
            "func \(operation.methodName)(_ input: \(code.moduleName).\(operation.input), context: RestJson1.RequestContext) async throws\(result)"
    }

    func render() -> String {
        var out = SwiftWriter()
        out.block("public protocol \(protocolName): Sendable") { out in
            for operation in code.operations { out.line(signature(operation)) }
        }
        out.line()
        out.block("extension \(protocolName)") { out in
            for operation in code.operations {
                out.block("public \(signature(operation))") { out in
                    out.line(
                        "throw RestJson1.ServiceError.notImplemented(operation: \(literal(operation.name)), service: \(literal(code.serviceName)))"
                    )
                }
            }
        }
        return out.text
    }
}
