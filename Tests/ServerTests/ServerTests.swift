import Foundation
import Logging
import Server
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server over a real socket, started in-process on a free port as Swift users embed it.
@Suite("Server over a socket", .serialized)
struct ServerTests {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    func send(
        _ port: Int, _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = "\(value)" }
        return Answer(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }

    func withServer(_ body: (Int) async throws -> Void) async throws {
        let server = try await PorticoServer(configuration: .init(port: 0, logLevel: .error)).start()
        do {
            try await body(server.port)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func startsOnAFreePortAndStops() async throws {
        let server = try await PorticoServer(configuration: .init(port: 0, logLevel: .error)).start()
        #expect(server.port > 0)
        let health = try await send(server.port, "GET", "/_portico/health")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "running")
        await server.stop()
        await #expect(throws: (any Error).self) { try await send(server.port, "GET", "/_portico/health") }
    }

    @Test func controlPlaneRoundTripAndRequestIds() async throws {
        try await withServer { port in
            let created = try await send(port, "POST", "/restapis", body: Data(#"{"name":"demo"}"#.utf8))
            #expect(created.status == 201)
            #expect(created.headers["x-amzn-requestid"]?.isEmpty == false)
            #expect(created.headers["content-type"] == "application/json")
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["createdDate"] is Int)
            let listed = try await send(port, "GET", "/restapis")
            #expect((listed.json["item"] as? [[String: Any]])?.first?["id"] as? String == id, "\(listed.body)")
            let other = try await send(port, "GET", "/restapis")
            #expect(other.headers["x-amzn-requestid"] != listed.headers["x-amzn-requestid"])
        }
    }

    @Test func v2TimestampsAreISO8601() async throws {
        try await withServer { port in
            let created = try await send(
                port, "POST", "/v2/apis", body: Data(#"{"name":"h","protocolType":"HTTP"}"#.utf8))
            #expect(created.status == 201)
            let date = try #require(created.json["createdDate"] as? String)
            #expect(date.hasSuffix("Z") && date.contains("T"))
        }
    }

    @Test func errorsAreAWSShaped() async throws {
        try await withServer { port in
            let missing = try await send(port, "GET", "/restapis/nope")
            #expect(missing.status == 404)
            #expect(missing.headers["x-amzn-errortype"] == "NotFoundException")
            #expect(missing.json["message"] as? String == "Invalid API identifier specified 000000000000:nope")

            let malformed = try await send(port, "POST", "/restapis", body: Data("{\"name\":".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.headers["x-amzn-errortype"] == "SerializationException")
            #expect((malformed.json["message"] as? String)?.hasPrefix("Could not parse request body into json") == true)

            let noName = try await send(port, "POST", "/restapis", body: Data("{}".utf8))
            #expect(noName.status == 400)
            #expect(noName.headers["x-amzn-errortype"] == "ValidationException")
            #expect((noName.json["message"] as? String)?.contains("createRestApiInput.name") == true)

            let unimplemented = try await send(
                port, "POST", "/v2/apis/abc/routes", body: Data(#"{"routeKey": "GET /"}"#.utf8))
            #expect(unimplemented.status == 501)
            #expect(unimplemented.headers["x-amzn-errortype"] == "NotImplementedException")

            let unknown = try await send(port, "GET", "/no/such/operation")
            #expect(unknown.status == 404)
            #expect(unknown.headers["x-amzn-errortype"] == "UnknownOperationException")
            #expect(unknown.headers["x-amzn-requestid"] != nil)
        }
    }

    @Test func regionAndAccountComeFromTheCredentialScope() async throws {
        try await withServer { port in
            let authorization =
                "AWS4-HMAC-SHA256 Credential=111122223333/20261121/eu-central-1/apigateway/aws4_request, SignedHeaders=host, Signature=x"
            _ = try await send(
                port, "POST", "/restapis", body: Data(#"{"name":"scoped"}"#.utf8),
                headers: ["Authorization": authorization])
            let there = try await send(port, "GET", "/restapis", headers: ["Authorization": authorization])
            #expect((there.json["item"] as? [Any])?.count == 1)
            let elsewhere = try await send(port, "GET", "/restapis")
            #expect((elsewhere.json["item"] as? [Any])?.count == 0, "\(elsewhere.body)")
            let missing = try await send(port, "GET", "/restapis/nope", headers: ["Authorization": authorization])
            #expect((missing.json["message"] as? String)?.hasSuffix("111122223333:nope") == true)
        }
    }

    @Test(arguments: ["/_portico/reset", "/moto-api/reset"])
    func resetClearsAllState(path: String) async throws {
        try await withServer { port in
            _ = try await send(port, "POST", "/restapis", body: Data(#"{"name":"x"}"#.utf8))
            let reset = try await send(port, "POST", path)
            #expect(reset.status == 200)
            let listed = try await send(port, "GET", "/restapis")
            #expect((listed.json["item"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func bodiesOverTheLimitAreRejectedWith413() async throws {
        let server = try await PorticoServer(configuration: .init(port: 0, logLevel: .error, bodyLimit: 1024)).start()
        defer { Task { await server.stop() } }
        let answer = try await send(server.port, "POST", "/restapis", body: Data(repeating: 0x20, count: 4096))
        #expect(answer.status == 413)
        #expect(answer.headers["x-amzn-requestid"] != nil)
        #expect((answer.json["message"] as? String)?.contains("1024") == true)
        let invocation = try await send(
            server.port, "POST", "/restapis/abc/dev/_user_request_/", body: Data(repeating: 0x20, count: 4096))
        #expect(invocation.status == 413)
        #expect(invocation.json["message"] as? String == "Request Too Long")
        await server.stop()
    }

    @Test func dataPlaneAndManagementAreClassifiedAndAnswerHonestly() async throws {
        try await withServer { port in
            let byPath = try await send(port, "GET", "/restapis/abc/dev/_user_request_/pets")
            #expect(byPath.status == 404)
            #expect((byPath.json["message"] as? String)?.contains("'abc'") == true)
            let byHost = try await send(
                port, "GET", "/dev/pets", headers: ["Host": "abc.execute-api.localhost:\(port)"])
            #expect(byHost.status == 404)
            let management = try await send(port, "GET", "/@connections/conn1")
            #expect(management.status == 501)
            #expect((management.json["message"] as? String)?.contains("GetConnection") == true)
        }
    }

    /// Embedders register Lambda functions as Swift closures; an AWS_PROXY method calls them.
    @Test func inProcessLambdaHandlersServeProxyIntegrations() async throws {
        let hello: LambdaHandler = { event in
            let request = try JSONSerialization.jsonObject(with: Data(event)) as? [String: Any]
            let name = request?["body"] as? String ?? "nobody"
            let answer: [String: Any] = ["statusCode": 201, "headers": ["X-Handler": "swift"], "body": "hello \(name)"]
            return Array(try JSONSerialization.data(withJSONObject: answer))
        }
        let backends = IntegrationBackends(lambda: LambdaInvoker(handlers: ["hello": hello]))
        let server = try await PorticoServer(configuration: .init(port: 0, logLevel: .error, backends: backends))
            .start()
        defer { Task { await server.stop() } }
        let port = server.port
        func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }
        let api = try await send(port, "POST", "/restapis", body: try json(["name": "embedded"])).json["id"] as! String
        let resources = try await send(port, "GET", "/restapis/\(api)/resources").json["item"] as! [[String: Any]]
        let root = resources[0]["id"] as! String
        _ = try await send(
            port, "PUT", "/restapis/\(api)/resources/\(root)/methods/POST",
            body: try json(["authorizationType": "NONE"]))
        let uri =
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:000000000000:function:hello/invocations"
        let integration = try await send(
            port, "PUT", "/restapis/\(api)/resources/\(root)/methods/POST/integration",
            body: try json(["type": "AWS_PROXY", "httpMethod": "POST", "uri": uri]))
        #expect(integration.status == 201)
        _ = try await send(port, "POST", "/restapis/\(api)/deployments", body: try json(["stageName": "dev"]))
        let answer = try await send(port, "POST", "/restapis/\(api)/dev/_user_request_/", body: Data("swift".utf8))
        #expect(answer.status == 201)
        #expect(answer.body == "hello swift")
        #expect(answer.headers["x-handler"] == "swift")
        await server.stop()
    }
}
