import APIGateway
import APIGatewayManagement
import APIGatewayV2
import CodegenCore
import CodegenFixture
import Foundation
import RestJson1
import Testing

/// One generated module and the model it came from.
struct GeneratedService: CustomTestStringConvertible, Sendable {
    var specPath: String
    var operations: [OperationDescriptor]
    /// The name of the operation the module's router picks for a request, if any.
    var route: @Sendable (ServiceRequest) -> (name: String, labels: [String: String])?
    var testDescription: String { specPath }

    static let all: [GeneratedService] = [
        GeneratedService(
            specPath: "Specs/apigateway/service-2.json", operations: APIGateway.operations,
            route: { request in APIGateway.routes.match(request).map { ($0.target.operation.name, $0.labels) } }),
        GeneratedService(
            specPath: "Specs/apigatewayv2/service-2.json", operations: APIGatewayV2.operations,
            route: { request in APIGatewayV2.routes.match(request).map { ($0.target.operation.name, $0.labels) } }),
        GeneratedService(
            specPath: "Specs/apigatewaymanagementapi/service-2.json", operations: APIGatewayManagement.operations,
            route: { request in
                APIGatewayManagement.routes.match(request).map { ($0.target.operation.name, $0.labels) }
            }),
        GeneratedService(
            specPath: "Tests/CodegenTests/Fixtures/bindings/service-2.json", operations: CodegenFixture.operations,
            route: { request in CodegenFixture.routes.match(request).map { ($0.target.operation.name, $0.labels) } }),
    ]
}

@Suite("Generated modules against their models")
struct GeneratedServiceTests {
    @Test("The three models have 230 operations, all generated")
    func operationCounts() throws {
        #expect(APIGateway.operations.count == 124)
        #expect(APIGatewayV2.operations.count == 103)
        #expect(APIGatewayManagement.operations.count == 3)
        for service in GeneratedService.all {
            let model = try ModelSamples(specPath: service.specPath).model
            #expect(Set(service.operations.map(\.name)) == Set(model.operations.keys))
        }
    }

    @Test("Every operation routes from a request built from its own URI template", arguments: GeneratedService.all)
    func everyOperationRoutes(service: GeneratedService) throws {
        let samples = try ModelSamples(specPath: service.specPath)
        for operation in service.operations {
            let (request, labels) = samples.request(for: operation)
            let match = service.route(request)
            #expect(
                match?.name == operation.name,
                "\(operation.method) \(request.path) routed to \(match?.name ?? "nothing")")
            #expect(match?.labels == labels, "labels of \(operation.name)")
        }
    }

    @Test("No two operations share a method, path pattern and query literals", arguments: GeneratedService.all)
    func noCollisions(service: GeneratedService) {
        var seen: [String: String] = [:]
        for operation in service.operations {
            let pattern = operation.uri.segments.map { segment -> String in
                switch segment {
                case .literal(let text): text
                case .label: "{}"
                case .greedyLabel: "{+}"
                }
            }.joined(separator: "/")
            let literals = operation.uri.queryLiterals.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: "&")
            let key = "\(operation.method) /\(pattern)?\(literals)"
            #expect(seen[key] == nil, "\(operation.name) collides with \(seen[key] ?? "")")
            seen[key] = operation.name
        }
    }

    @Test("Every input decodes from a sample request and encodes back to it", arguments: GeneratedService.all)
    func inputsRoundTrip(service: GeneratedService) throws {
        let samples = try ModelSamples(specPath: service.specPath)
        for operation in service.operations {
            let (request, labels) = samples.request(for: operation)
            try roundTripInput(operation.inputType, operation: operation, request: request, labels: labels)
        }
    }

    @Test("Every output decodes from a sample response and encodes back to it", arguments: GeneratedService.all)
    func outputsRoundTrip(service: GeneratedService) throws {
        let samples = try ModelSamples(specPath: service.specPath)
        for operation in service.operations {
            guard let outputType = operation.outputType, let response = samples.response(for: operation) else {
                continue
            }
            try roundTripOutput(outputType, operation: operation, response: response)
        }
    }

    func roundTripInput<Input: OperationInput>(
        _ type: Input.Type, operation: OperationDescriptor, request: ServiceRequest, labels: [String: String]
    ) throws {
        let value = try Input(request: request, labels: labels)
        let encoded = value.encodeRequest(for: operation)
        #expect(encoded.method == request.method, "method of \(operation.name)")
        #expect(encoded.path == request.path, "path of \(operation.name)")
        #expect(sorted(encoded.query) == sorted(request.query), "query of \(operation.name)")
        #expect(
            sorted(encoded.headers.fields.filter { $0.name != "Content-Type" }) == sorted(request.headers.fields),
            "headers of \(operation.name)")
        try expectSameBody(encoded.body, request.body, operation.name)
        #expect(try Input(request: encoded, labels: labels) == value, "second decode of \(operation.name)")
    }

    func roundTripOutput<Output: OperationOutput>(
        _ type: Output.Type, operation: OperationDescriptor, response: ServiceResponse
    ) throws {
        let value = try Output(response: response)
        let encoded = value.encodeResponse(status: operation.successStatus)
        #expect(encoded.status == response.status, "status of \(operation.name)")
        #expect(
            sorted(
                encoded.headers.fields.filter { $0.name != "Content-Type" || response.headers["Content-Type"] != nil })
                == sorted(response.headers.fields), "headers of \(operation.name)")
        try expectSameBody(encoded.body, response.body, operation.name)
        #expect(try Output(response: encoded) == value, "second decode of \(operation.name)")
    }

    func expectSameBody(_ actual: [UInt8], _ expected: [UInt8], _ name: String) throws {
        if let expectedJSON = try? JSONValue.parse(expected), expected.first == UInt8(ascii: "{") {
            #expect(try JSONValue.parse(actual).normalized == expectedJSON.normalized, "body of \(name)")
        } else {
            #expect(actual == expected, "body of \(name)")
        }
    }

    func sorted(_ pairs: [(name: String, value: String)]) -> [String] {
        pairs.map { "\($0.name)=\($0.value)" }.sorted()
    }
}
