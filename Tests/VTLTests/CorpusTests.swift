import ExecuteAPI
import Foundation
import OrderedCollections
import RestJson1
import Testing
import VTL

/// The oracle corpus (`Tests/VTLTests/Corpus`, produced by `Scripts/vtl-oracle` with Apache
/// Velocity 1.7 and Jayway JsonPath plus API Gateway's recorded departures): every case must
/// render byte for byte as the oracle did, or fail where it failed.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var group: String
    var name: String
    var template: String
    var body: String
    var parameters: JSONValue
    var context: JSONValue
    var stageVariables: JSONValue
    var expected: String?

    var testDescription: String { "\(group)/\(name)" }

    static func all() -> [CorpusCase] {
        guard let folder = Bundle.module.url(forResource: "Corpus", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }.flatMap { file in
            let group = file.deletingPathExtension().lastPathComponent
            guard let data = try? Data(contentsOf: file),
                case .array(let cases)? = (try? JSONValue.parse(data))?["cases"]
            else { return [CorpusCase]() }
            return cases.map { item in
                var body = ""
                if case .string(let text)? = item["body"] {
                    body = text
                } else if let value = item["body"], value != .null {
                    body = value.jsonText
                }
                var expected: String?
                if case .string(let text)? = item["expected"] { expected = text }
                if case .bool(true)? = item["error"] { expected = nil }
                return CorpusCase(
                    group: group, name: item["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "?",
                    template: item["template"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "",
                    body: body, parameters: item["params"] ?? .object([:]), context: item["context"] ?? .object([:]),
                    stageVariables: item["stageVariables"] ?? .object([:]), expected: expected)
            }
        }
    }

    func render() throws -> String {
        func strings(_ value: JSONValue?) -> OrderedDictionary<String, String> {
            guard case .object(let members)? = value else { return [:] }
            return members.compactMapValues { if case .string(let text) = $0 { text } else { $0.jsonText } }
        }
        let request = MappingTemplateRequest(
            body: body, path: strings(parameters["path"]), querystring: strings(parameters["querystring"]),
            header: strings(parameters["header"]), context: context, stageVariables: strings(stageVariables))
        return try Template(template).render(request.variables, options: MappingTemplateRequest.renderOptions)
    }
}

@Suite("Mapping-template corpus")
struct CorpusTests {
    @Test(arguments: CorpusCase.all())
    func rendersAsTheOracle(_ corpusCase: CorpusCase) throws {
        if let expected = corpusCase.expected {
            let output = try corpusCase.render()
            #expect(output == expected)
        } else {
            #expect(throws: (any Error).self) { try corpusCase.render() }
        }
    }

    @Test func theCorpusIsWhole() {
        #expect(CorpusCase.all().count >= 300)
    }
}
