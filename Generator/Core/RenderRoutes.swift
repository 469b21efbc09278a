/// `<Module>+Routes.swift`: what the model says of each operation, and the route table that
/// decodes a request, calls the service and encodes its answer.
struct RoutesRenderer {
    let code: ServiceCode

    func render() -> String {
        var out = SwiftWriter()
        let service = "any \(code.moduleName)Service"
        out.block("extension \(code.moduleName)") { out in
            out.line("public static let serviceName = \(literal(code.serviceName))")
            out.line()
            out.group("public static let operations: [RestJson1.OperationDescriptor] = [", closer: "]") { out in
                for operation in code.operations {
                    let output = operation.output.map { "\($0).self" } ?? "nil"
                    out.line(
                        ".init(name: \(literal(operation.name)), method: \(literal(operation.httpMethod)), uri: \(literal(operation.requestURI)), successStatus: \(operation.successStatus), inputType: \(operation.input).self, outputType: \(output)),"
                    )
                }
            }
            out.line()
            out.group("public static let routes = RestJson1.ServiceRoutes<\(service)>(", closer: ")") { out in
                out.line("serviceName: serviceName,")
                out.group("routes: [", closer: "]") { out in
                    for (index, operation) in code.operations.enumerated() {
                        renderRoute(operation, index: index, into: &out)
                    }
                }
            }
        }
        return out.text
    }

    func renderRoute(_ operation: OperationCode, index: Int, into out: inout SwiftWriter) {
        let call = "service.\(operation.methodName)"
        out.group("RestJson1.Route(", closer: "),") { out in
            out.line("operation: operations[\(index)],")
            out.group("invoke: { service, request, labels, context in", closer: "},") { out in
                out.line("let input = try \(operation.input)(request: request, labels: labels)")
                if operation.output != nil {
                    out.line(
                        "return try await \(call)(input, context: context).encodeResponse(status: \(operation.successStatus))"
                    )
                } else {
                    out.line("try await \(call)(input, context: context)")
                    out.line("return RestJson1.ServiceResponse(status: \(operation.successStatus))")
                }
            }
            out.line("probe: { service, context in _ = try await \(call)(.placeholder, context: context) }")
        }
    }
}
