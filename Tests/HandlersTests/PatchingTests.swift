import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import Testing

@testable import Handlers

@Suite("Patch operations")
struct PatchingTests {
    typealias Op = APIGateway.PatchOperation

    @Test func escapedSegmentsAreUnescaped() {
        #expect(
            PatchStep.segments(of: "/requestTemplates/application~1json") == ["requestTemplates", "application/json"])
        #expect(PatchStep.segments(of: "/a~0b/c") == ["a~b", "c"])
    }

    @Test func mapsListsAndFieldsOfARestApi() throws {
        var api = APIGateway.RestApi(name: "a", binaryMediaTypes: ["image/gif"])
        try APIGatewayHandler.restApiPatches.apply(
            [
                Op(op: .add, path: "/binaryMediaTypes/image~1png"),
                Op(op: .replace, path: "/binaryMediaTypes/image~1gif", value: "image/jpeg"),
                Op(op: .replace, path: "/description", value: "d"),
                Op(op: .replace, path: "/minimumCompressionSize", value: "100"),
            ], to: &api, inputName: "updateRestApiInput")
        #expect(api.binaryMediaTypes == ["image/png", "image/jpeg"])
        #expect(api.description == "d")
        #expect(api.minimumCompressionSize == 100)
    }

    @Test func invalidOpsAreValidationErrorsNamingEachOne() {
        var api = APIGateway.RestApi(name: "a")
        let error = #expect(throws: ServiceError.self) {
            try APIGatewayHandler.restApiPatches.apply(
                [
                    Op(op: .init(rawValue: "wrong"), path: "/name"), Op(op: .replace, path: "/name", value: "b"),
                    Op(op: .init(rawValue: "bad"), path: "/name"),
                ], to: &api, inputName: "updateRestApiInput")
        }
        #expect(error?.errorCode == "ValidationException")
        #expect(
            error?.message.hasPrefix(
                "2 validation errors detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op'")
                == true)
        #expect(error?.message.contains("'updateRestApiInput.patchOperations.3.member.op'") == true)
        #expect(api.name == "a")
    }

    @Test func eachFamilyWordsUnknownPathsAsAWSDoes() {
        var resource = APIGateway.Resource(id: "r", parentId: "p", pathPart: "a", path: "/a")
        let replace = #expect(throws: APIGateway.BadRequestException.self) {
            try APIGatewayHandler.resourcePatches.apply(
                [Op(op: .replace, path: "/invalid", value: "x")], to: &resource, inputName: "updateResourceInput")
        }
        #expect(
            replace?.message
                == "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]")
        let add = #expect(throws: APIGateway.BadRequestException.self) {
            try APIGatewayHandler.resourcePatches.apply(
                [Op(op: .add, path: "/pathPart", value: "x")], to: &resource, inputName: "updateResourceInput")
        }
        #expect(
            add?.message == "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"
        )
        var method = APIGateway.Method(httpMethod: "GET")
        let plain = #expect(throws: APIGateway.BadRequestException.self) {
            try APIGatewayHandler.methodPatches.apply(
                [Op(op: .replace, path: "/httpMethod", value: "PUT")], to: &method, inputName: "updateMethodInput")
        }
        #expect(plain?.message == "Invalid patch path /httpMethod")
        let op = #expect(throws: APIGateway.BadRequestException.self) {
            try APIGatewayHandler.methodPatches.apply(
                [Op(op: .add, path: "/apiKeyRequired", value: "true")], to: &method, inputName: "updateMethodInput")
        }
        #expect(op?.message == "Invalid patch operation specified. Must be one of: [replace]")
    }

    @Test func booleansReadAsJavaReadsThem() throws {
        var method = APIGateway.Method(httpMethod: "GET", apiKeyRequired: true)
        try APIGatewayHandler.methodPatches.apply(
            [Op(op: .replace, path: "/apiKeyRequired", value: "whatever")], to: &method, inputName: "updateMethodInput")
        #expect(method.apiKeyRequired == false)
    }
}

@Suite("Stage patches")
struct StagePatcherTests {
    typealias Op = APIGateway.PatchOperation

    func patched(_ operations: [Op], stage: APIGateway.Stage = APIGateway.Stage(deploymentId: "d1")) throws
        -> APIGateway.Stage
    {
        var patcher = StagePatcher(stage: stage, deployments: ["d1", "d2"])
        for operation in operations { try patcher.apply(operation) }
        return patcher.stage
    }

    @Test func methodSettingsKeepTheirEscapedKeysAndDefaults() throws {
        let stage = try patched([
            Op(op: .replace, path: "/*/*/throttling/rateLimit", value: "100"),
            Op(op: .replace, path: "/~1pets/GET/logging/loglevel", value: "info"),
            Op(op: .replace, path: "/a/b/POST/caching/enabled", value: "true"),
        ])
        let all = try #require(stage.methodSettings?["*/*"])
        #expect(all.throttlingRateLimit == 100)
        #expect(all.throttlingBurstLimit == 5000)
        #expect(all.loggingLevel == nil)
        #expect(stage.methodSettings?["~1pets/GET"]?.loggingLevel == "INFO")
        #expect(stage.methodSettings?["a/b/POST"]?.cachingEnabled == true)
        let removed = try patched([Op(op: .remove, path: "/*/*")], stage: stage)
        #expect(removed.methodSettings?["*/*"] == nil)
    }

    @Test func canariesAreCreatedByPatchAndPromotedByCopy() throws {
        var stage = try patched([
            Op(op: .replace, path: "/canarySettings/deploymentId", value: "d2"),
            Op(op: .replace, path: "/canarySettings/stageVariableOverrides/color", value: "blue"),
            Op(op: .replace, path: "/variables/color", value: "red"),
        ])
        #expect(stage.canarySettings?.percentTraffic == 0)
        stage = try patched(
            [
                Op(op: .copy, path: "/deploymentId", from: "/canarySettings/deploymentId"),
                Op(op: .copy, path: "/variables", from: "/canarySettings/stageVariableOverrides"),
            ], stage: stage)
        #expect(stage.deploymentId == "d2")
        #expect(stage.variables == ["color": "blue"])
        let noCanary = #expect(throws: APIGateway.BadRequestException.self) {
            try patched([Op(op: .copy, path: "/deploymentId", from: "/canarySettings/deploymentId")])
        }
        #expect(noCanary?.message == "Promotion not available. Canary does not exist.")
    }

    @Test func unknownPathsListWhatAWSAccepts() {
        let error = #expect(throws: APIGateway.BadRequestException.self) {
            try patched([Op(op: .replace, path: "/tags/tag1", value: "x")])
        }
        #expect(
            error?.message?.hasPrefix("Invalid method setting path: /tags/tag1. Must be one of: [/deploymentId,")
                == true
        )
        let access = #expect(throws: APIGateway.BadRequestException.self) {
            try patched([Op(op: .remove, path: "/accessLogSettings/format")])
        }
        #expect(
            access?.message
                == "Cannot remove method setting accessLogSettings/format because there is no method setting for this method "
        )
    }
}

@Suite("CSV and ZIP")
struct FileFormatTests {
    @Test func csvHandlesQuotesCommasAndLineEnds() {
        let rows = CSV.rows("name,key\r\n\"a, b\",\"say \"\"hi\"\"\"\nc,d\n")
        #expect(rows == [["name", "key"], ["a, b", "say \"hi\""], ["c", "d"]])
    }

    @Test func zipHasAValidLayoutAndChecksums() {
        #expect(ZipArchive.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
        var zip = ZipArchive()
        zip.add(path: "a.txt", contents: Data("hello".utf8))
        let bytes = [UInt8](zip.bytes)
        #expect(bytes.prefix(4) == [0x50, 0x4b, 0x03, 0x04])
        #expect(bytes.suffix(22).prefix(4) == [0x50, 0x4b, 0x05, 0x06])
    }
}

@Suite("OpenAPI documents")
struct OpenAPITests {
    func imported(_ yaml: String, _ parameters: [String: String] = [:]) throws -> ImportedApi {
        try OpenAPIImporter(body: Data(yaml.utf8), parameters: parameters).read()
    }

    let swagger = """
        swagger: "2.0"
        info: {title: t, version: "1.0"}
        basePath: /v1/api
        paths:
          /pets/{id}:
            get:
              parameters: [{name: id, in: path, required: true, type: string}]
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: http
                httpMethod: GET
                uri: http://example.com
                requestParameters: {integration.request.header.x: true}
        """

    @Test func basePathModes() throws {
        #expect(try imported(swagger).paths.keys.elements == ["/pets/{id}"])
        #expect(try imported(swagger, ["basepath": "prepend"]).paths.keys.elements == ["/v1/api/pets/{id}"])
        #expect(try imported(swagger, ["basepath": "split"]).paths.keys.elements == ["/api/pets/{id}"])
    }

    @Test func quotedScalarsStayText() throws {
        let api = try imported(swagger)
        #expect(api.version == "1.0")
        let operation = try #require(api.paths["/pets/{id}"]?["GET"])
        #expect(operation.method.requestParameters == ["method.request.path.id": true])
        #expect(operation.method.methodIntegration?.type == .http)
        #expect(
            api.warnings.first?.contains("Expected type string for property 'integration.request.header.x'") == true)
    }

    @Test func notOpenAPIIsRefused() {
        for body in ["not: [valid", "{\"a\": 1}", "openapi: 4.0"] {
            let error = #expect(throws: APIGateway.BadRequestException.self) { try imported(body) }
            #expect(error?.message == "Invalid OpenAPI input.")
        }
    }

    @Test func documentsNestedTooDeeplyAreRefusedBeforeParsing() throws {
        let deep = "x: " + String(repeating: "[", count: 10_000)
        #expect(throws: OpenAPIDocumentText.Unreadable.self) { try OpenAPIDocumentText.parse(Data(deep.utf8)) }
        let fine = "x: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try OpenAPIDocumentText.parse(Data(fine.utf8))["x"] != nil)
    }

    @Test func yamlQuotesWhatWouldReadAsAnotherType() throws {
        let text = try OpenAPIDocumentText.yaml(["version": "1.0", "date": "2026-11-01", "flag": "true", "n": 3])
        let back = try OpenAPIDocumentText.parse(Data(text.utf8))
        #expect(back == ["version": "1.0", "date": "2026-11-01", "flag": "true", "n": 3])
    }

    @Test func modelTemplatesFollowTheSchema() throws {
        let schema = try JSONValue.parse(
            #"{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}}}}"#
        )
        let template = ModelTemplate.render(schema: schema)
        #expect(
            template.hasPrefix(
                "#set($inputRoot = $input.path('$'))\n{\n  \"name\" : \"$inputRoot.name\",\n  \"age\" : $inputRoot.age,"
            ))
        #expect(template.contains("#foreach($elem1 in $inputRoot.tags)"))
    }
}
