import OrderedCollections
import RestJson1
import Testing
import VTL

@testable import ExecuteAPI

/// The Lambda proxy event 1.0, built from the request facts and what the pipeline gives.
@Suite("Lambda proxy event")
struct LambdaProxyEventTests {
    func event(body: String, contentType: String = "application/json", binary: [String] = []) throws -> JSONValue {
        let request = RequestFacts(
            method: "POST", path: "/pets/7", rawQuery: "a=1&a=2&b=x",
            headers: [("Content-Type", contentType), ("X-Tag", "one"), ("X-Tag", "two")], body: Array(body.utf8),
            host: "api1.execute-api.localhost", sourceIp: "10.0.0.1", requestId: "r1")
        let context = MapValue(["requestId": .string("r1"), "stage": .string("test"), "requestOverride": .string("x")])
        let bytes = LambdaProxyEvent.make(
            request: request, resourcePath: "/pets/{id}", pathParameters: ["id": "7"], stageVariables: ["env": "dev"],
            binaryMediaTypes: binary, context: context)
        return try JSONValue.parse(bytes)
    }

    @Test func carriesTheRequestAsAPIGatewayDescribesIt() throws {
        let event = try event(body: #"{"n": 1}"#)
        #expect(event["resource"] == .string("/pets/{id}"))
        #expect(event["path"] == .string("/pets/7"))
        #expect(event["httpMethod"] == .string("POST"))
        #expect(event["headers"]?["X-Tag"] == .string("two"))
        #expect(event["multiValueHeaders"]?["X-Tag"] == .array([.string("one"), .string("two")]))
        #expect(event["queryStringParameters"] == .object(["a": .string("2"), "b": .string("x")]))
        #expect(event["multiValueQueryStringParameters"]?["a"] == .array([.string("1"), .string("2")]))
        #expect(event["pathParameters"] == .object(["id": .string("7")]))
        #expect(event["stageVariables"] == .object(["env": .string("dev")]))
        #expect(event["body"] == .string(#"{"n": 1}"#))
        #expect(event["isBase64Encoded"] == .bool(false))
        #expect(event["requestContext"]?["stage"] == .string("test"))
        #expect(event["requestContext"]?["requestOverride"] == nil, "template-only parts stay out")
    }

    @Test func aBinaryBodyIsBase64AndAnEmptyOneNull() throws {
        let binary = try event(body: "\u{1}\u{2}", contentType: "image/png", binary: ["image/png"])
        #expect(binary["body"] == .string("AQI="))
        #expect(binary["isBase64Encoded"] == .bool(true))
        #expect(try event(body: "")["body"] == .null)
    }
}
