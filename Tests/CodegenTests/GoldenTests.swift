import CodegenCore
import Foundation
import Testing

/// The generator's output for the fixture model, compared with the reviewed files in
/// `Fixtures/bindings/expected/`. After an intended change, regenerate them with
/// `PORTICO_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite("Golden files")
struct GoldenTests {
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/bindings")

    @Test func fixtureModelRendersAsExpected() throws {
        let data = try Data(contentsOf: Self.fixtures.appending(path: "service-2.json"))
        let model = try ServiceModel.decode(from: Array(data))
        let code = try Translate.service(
            model, moduleName: "CodegenFixture", specPath: "Tests/CodegenTests/Fixtures/bindings/service-2.json")
        let files = Render.files(code)
        #expect(files.map(\.name) == Render.fileNames(moduleName: "CodegenFixture"))
        for file in files {
            let golden = Self.fixtures.appending(path: "expected/\(file.name).golden")
            if ProcessInfo.processInfo.environment["PORTICO_UPDATE_GOLDEN"] == "1" {
                try file.contents.write(to: golden, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(file.contents == expected, "\(file.name) differs from its golden file")
        }
    }
}

@Suite("Model errors")
struct ModelErrorTests {
    func translate(_ json: String) throws -> ServiceCode {
        try Translate.service(try ServiceModel.decode(from: Array(json.utf8)), moduleName: "M", specPath: "m.json")
    }

    func model(operations: String = "{}", shapes: String, protocol: String = "rest-json") -> String {
        """
        {"metadata": {"apiVersion": "1", "endpointPrefix": "m", "protocol": "\(`protocol`)", "serviceId": "M"},
         "operations": \(operations), "shapes": \(shapes)}
        """
    }

    func expectError(_ json: String, containing text: String) {
        do {
            _ = try translate(json)
            Issue.record("expected an error containing '\(text)'")
        } catch let error as ModelError {
            #expect(error.description.contains(text), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func notJSON() { expectError("{", containing: "not valid JSON") }

    @Test func otherProtocols() {
        expectError(model(shapes: "{}", protocol: "query"), containing: "unsupported protocol 'query'")
    }

    @Test func missingMetadata() { expectError(#"{"operations": {}, "shapes": {}}"#, containing: "metadata") }

    @Test func unknownShapeReference() {
        expectError(
            model(shapes: #"{"S": {"type": "structure", "members": {"a": {"shape": "Nope"}}}}"#),
            containing: "unknown shape 'Nope'")
    }

    @Test func unsupportedLocation() {
        expectError(
            model(
                shapes:
                    #"{"S": {"type": "structure", "members": {"a": {"shape": "T", "location": "cookie"}}}, "T": {"type": "string"}}"#
            ), containing: "unsupported location 'cookie'")
    }

    @Test func labelsMustMatchURIMembers() {
        expectError(
            model(
                operations:
                    #"{"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/a/{id}"}, "input": {"shape": "In"}}}"#,
                shapes: #"{"In": {"type": "structure", "members": {}}}"#),
            containing: "do not match the uri members")
    }

    @Test func recursiveStructures() {
        expectError(
            model(shapes: #"{"S": {"type": "structure", "members": {"again": {"shape": "S"}}}}"#),
            containing: "contains itself")
    }

    @Test func timestampsCannotBindToText() {
        expectError(
            model(
                shapes:
                    #"{"S": {"type": "structure", "members": {"a": {"shape": "T", "location": "header", "locationName": "X"}}}, "T": {"type": "timestamp"}}"#
            ), containing: "cannot be bound to text")
    }
}
