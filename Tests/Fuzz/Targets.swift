import APIGateway
import ExecuteAPI
import Foundation
import Handlers
import OrderedCollections
import RestJson1
import State
import Synchronization
import VTL

/// A piece of Portico that reads untrusted text, with seeds and tokens to make inputs from.
/// `run` must return for every input; it reports an answer no client should get as a finding.
struct FuzzTarget: Sendable {
    let name: String
    let seeds: [String]
    let tokens: [String]
    let run: @Sendable ([UInt8]) async -> String?
}

enum Targets {
    static func all() async -> [FuzzTarget] {
        [vtl, json, jsonPath, await openAPI(), await controlPlane(), await dataPlane()]
    }

    // MARK: Mapping templates

    static let vtl = FuzzTarget(
        name: "vtl",
        seeds: [
            "#set($x = $input.path('$.a'))#foreach($i in $x)$i#if($foreach.hasNext),#end#end",
            "{\"id\": \"$input.params('id')\", \"n\": $input.json('$.n'), \"s\": \"$util.escapeJavaScript($x)\"}",
            "#macro(m $a)[$a]#end#m(1)#set($l = [1, 2])#set($d = $l.add($l))$l #evaluate('$l.size()')",
            "#set($m = {'k': [1..3]})$m.k.get(0) $m.get('k').size() #if(!$m.isEmpty() && 1 < 2)ok#{else}no#end",
            "#set($context.responseOverride.status = 404)$context.requestId $stageVariables.env",
        ],
        tokens: [
            "#if(", "#elseif(", "#else", "#end", "#foreach($i in ", "#set($x = ", "#break", "#stop", "$x", "$!x",
            "${x}", "$input.json('$')", "$input.path('$..a')", "$util.parseJson($x)", "$x.add($x)", "$x.put('k', $x)",
            "(", ")", "[", "]", "{", "}", "!", " && ", " || ", " + ", " * ", " / -1", " % -1", "..", ",", ":", "'",
            "\"", "#macro(m $a)", "#m(", "#@m()", "#evaluate(", "#define($d)", "-9223372036854775808",
            "9223372036854775807", "1e308", "\\", "##", "#*", "*#", "#[[", "]]#",
        ],
        run: { input in
            guard let template = try? Template(String(decoding: input, as: UTF8.self)) else { return nil }
            var options = MappingTemplateRequest.renderOptions
            options.maximumSteps = 200_000
            options.maximumDuration = .seconds(2)
            _ = try? template.render(templateVariables, options: options)
            return nil
        })

    static let templateVariables = MappingTemplateRequest(
        body: #"{"a": [1, 2, {"b": "c"}], "n": 12345678901234567890123, "s": "x\"y"}"#, path: ["id": "7"],
        querystring: ["q": "v"], header: ["Accept": "*/*"], context: ["stage": "test"], stageVariables: ["env": "dev"]
    ).variables

    // MARK: JSON

    static let json = FuzzTarget(
        name: "json",
        seeds: [
            #"{"a": [1, -2.5e10, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {"c": {}}}"#, "[[[]]]",
            "12345678901234567890123456789", #""\ud800""#, "0.00000000000000000001",
        ],
        tokens: ["[", "]", "{", "}", "\"", ",", ":", "\\u", "\\", "1e999", "-0", "0.", "true", "null", "\u{FF}"],
        run: { input in
            guard let value = try? JSONValue.parse(input) else { return nil }
            // What the writer prints reads back as the same text.
            let text = value.jsonText
            guard let again = try? JSONValue.parse(text) else {
                return "written JSON does not parse: \(text.prefix(200))"
            }
            return again.jsonText == text ? nil : "JSON does not round-trip: \(text.prefix(200))"
        })

    // MARK: JSONPath

    static let jsonPath = FuzzTarget(
        name: "jsonpath",
        seeds: ["$.a[0]", "$..b", "$.a[?(@.b == 'c')]", "$['a', 'n']", "$.a[-1:]", "$.*", "$.a[0:2:1]"],
        tokens: ["$", ".", "..", "[", "]", "?(", ")", "@", "*", "'", ",", ":", "==", "<", "-1", "length()"],
        run: { input in
            guard let path = try? JSONPath(String(decoding: input, as: UTF8.self)) else { return nil }
            _ = try? path.evaluate(pathDocument)
            return nil
        })

    static let pathDocument = (try? JSONValue.parse(#"{"a": [1, {"b": "c"}, [2, 3]], "n": 1.5, "s": "t"}"#)) ?? .null

    // MARK: The control plane (OpenAPI import, every operation's routing and decoding)

    static let petstore = """
        {"openapi": "3.0.1", "info": {"title": "pets", "version": "1"},
         "paths": {"/pets/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true}],
           "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates":
             {"application/json": "{\\"statusCode\\": 200}"}, "responses": {"default": {"statusCode": "200",
             "responseTemplates": {"application/json": "$input.params('id')"}}}}}},
           "/{proxy+}": {"x-amazon-apigateway-any-method": {"x-amazon-apigateway-integration": {"type": "mock",
             "requestTemplates": {"application/json": "#set($x = $input.json('$'))\\n{\\"statusCode\\": 200}"},
             "responses": {"default": {"statusCode": "200"}}}}}},
         "components": {"schemas": {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}
        """

    static func openAPI() async -> FuzzTarget {
        let store = Store()
        let handler = APIGatewayHandler(store: store)
        let resets = Every(64)
        return FuzzTarget(
            name: "openapi",
            seeds: [petstore, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n"],
            tokens: [
                "{", "}", "[", "]", "\"/p\": {}", "\"$ref\": \"#/components/schemas/Pet\"", "\n  ", "- ", ": ", "&a ",
                "*a",
            ],
            run: { input in
                let context = RequestContext(requestId: "fuzz", host: "localhost")
                defer { if resets.due() { store.reset() } }
                return await awsShaped("ImportRestApi") {
                    _ = try await handler.importRestApi(.init(body: Data(input)), context: context)
                }
            })
    }

    /// A request line (`METHOD /path?query`), then a blank line, then a body.
    static func controlPlane() async -> FuzzTarget {
        let store = Store()
        let handler = APIGatewayHandler(store: store)
        let resets = Every(256)
        return FuzzTarget(
            name: "control-plane",
            seeds: [
                "POST /restapis\n\n{\"name\": \"a\", \"tags\": {\"k\": \"v\"}}",
                "PATCH /restapis/abc/stages/s\n\n{\"patchOperations\": [{\"op\": \"replace\", \"path\": \"/x\"}]}",
                "POST /apikeys?mode=import&format=csv\n\nname,key,enabled\nk,0123456789012345678901234567890,true",
                "GET /restapis/a/resources?embed=methods&limit=2&position=x\n\n",
                "PUT /tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fa\n\n{\"tags\": {\"k\": \"\u{FF}\"}}",
            ],
            tokens: ["/", "%", "%2F", "%zz", "?", "&", "=", "{", "}", "\"", "[", "]", ":", "1e999", "\u{FF}", "\n\n"],
            run: { input in
                guard let (method, target, body) = request(input), target.hasPrefix("/") else { return nil }
                let request = ServiceRequest(
                    method: method, target: target, headers: Headers([("Content-Type", "application/json")]), body: body
                )
                guard let match = APIGateway.routes.match(request) else { return nil }
                let context = RequestContext(requestId: "fuzz", host: "localhost")
                defer { if resets.due() { store.reset() } }
                return await awsShaped(match.target.operation.name) {
                    _ = try await match.target.invoke(handler, request, match.labels, context)
                }
            })
    }

    /// A deployed API answering `METHOD /path?query`, a blank line, then a body.
    static func dataPlane() async -> FuzzTarget {
        let store = Store()
        let handler = APIGatewayHandler(store: store)
        let context = RequestContext(requestId: "fuzz", host: "localhost")
        let apiId =
            (try? await handler.importRestApi(.init(body: Data(petstore.utf8)), context: context).id ?? "") ?? ""
        _ = try? await handler.createDeployment(.init(restApiId: apiId, stageName: "test"), context: context)
        let plane = RestDataPlane(catalog: APICatalog(store: store))
        return FuzzTarget(
            name: "data-plane",
            seeds: ["GET /pets/1?x=1\n\n", "POST /a/b/c?x=%zz&&=\n\n{\"a\": 1}", "DELETE //pets//%2F/\n\n[1"],
            tokens: ["/", "//", "%2F", "%", "%zz", "{", "}", "+", "?", "&", "=", ";", "..", "\u{FF}", "\n\n"],
            run: { input in
                guard let (method, target, body) = request(input) else { return nil }
                let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
                let request = RequestFacts(
                    method: method, path: String(parts[0]), rawQuery: parts.count > 1 ? String(parts[1]) : "",
                    headers: Headers([("Content-Type", "application/json")]), body: body, host: "localhost",
                    sourceIp: "127.0.0.1", requestId: "fuzz")
                let answer = await plane.invoke(apiId: apiId, stage: "test", request: request)
                return (200...599).contains(answer.status) ? nil : "the data plane answered status \(answer.status)"
            })
    }

    /// A finding when `operation` fails with an error that is not AWS-shaped (a client would get a 500).
    static func awsShaped(_ operation: String, _ body: () async throws -> Void) async -> String? {
        do {
            try await body()
        } catch is any ServiceErrorShape {
        } catch {
            return "\(operation) failed with an error that is not AWS-shaped: \(error)"
        }
        return nil
    }

    /// `METHOD target`, a blank line, and the body: the form of the request targets' inputs.
    static func request(_ input: [UInt8]) -> (method: String, target: String, body: [UInt8])? {
        let separator = Array("\n\n".utf8)
        let end = input.indices.first { input[$0...].starts(with: separator) } ?? input.count
        let line = String(decoding: input[..<end], as: UTF8.self).split(separator: " ", maxSplits: 1)
        guard line.count == 2 else { return nil }
        let body = end < input.count ? Array(input[(end + separator.count)...]) : []
        return (String(line[0]), String(line[1]), body)
    }
}

/// True once every `period` calls: a store reset that does not depend on chance, so that a seeded
/// run repeats.
final class Every: Sendable {
    private let period: Int
    private let calls = Mutex(0)

    init(_ period: Int) { self.period = period }

    func due() -> Bool {
        calls.withLock { calls in
            calls += 1
            return calls % period == 0
        }
    }
}
