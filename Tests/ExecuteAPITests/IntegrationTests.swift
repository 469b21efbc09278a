import NIOCore
import NIOHTTP1
import NIOPosix
import RestJson1
import Testing

@testable import ExecuteAPI

/// The integrations on their own, whatever the kind of API: MOCK, HTTP against a local upstream,
/// and the one outbound client's timeout rule.
@Suite("Integrations")
struct IntegrationTests {
    func call(body: String = "", query: [(String, String)] = [], headers: [(String, String)] = []) -> IntegrationCall {
        let client = RequestFacts(
            method: "GET", path: "/items", rawQuery: "page=2", headers: [("Accept", "text/plain"), ("X-Own", "mine")],
            body: [], host: "api1.execute-api.localhost", sourceIp: "10.0.0.1", requestId: "r1")
        return IntegrationCall(
            request: IntegrationRequest(headers: headers, query: query, body: Array(body.utf8)), client: client,
            stageVariables: ["host": "unused"], apiId: "api1", region: "us-east-1", log: nil)
    }

    @Test func mockReadsTheStatusCodeStrictlyOrLeniently() throws {
        #expect(try MockIntegration.call(call(body: #"{"statusCode": 404}"#).request).status == 404)
        #expect(try MockIntegration.call(call(body: "{statusCode: 201}").request).status == 201)
        #expect(try MockIntegration.call(call(body: " ").request).status == 200)
        #expect(throws: IntegrationFailure.self) { try MockIntegration.call(call(body: "not json").request) }
    }

    @Test func httpSendsTheMappedRequestAndReadsTheAnswer() async throws {
        try await withUpstream { port in
            let target = IntegrationTarget(
                kind: .http(proxy: false), uri: "http://127.0.0.1:\(port)/echo", httpMethod: "POST",
                timeout: .seconds(5))
            let output = try await HTTPIntegration.call(
                target, call(body: "hello", query: [("q", "a b")], headers: [("X-Mapped", "1")]))
            #expect(output.status == 200)
            let seen = String(decoding: output.body, as: UTF8.self)
            #expect(seen.contains("POST /echo?q=a%20b"))
            #expect(seen.contains("x-mapped: 1"))
            #expect(seen.contains("user-agent: AmazonAPIGateway_api1"))
            #expect(!seen.contains("x-own"), "an HTTP integration does not pass the client's headers on")
            #expect(seen.hasSuffix("hello"))
        }
    }

    @Test func httpProxyPassesTheClientsRequestOn() async throws {
        try await withUpstream { port in
            let target = IntegrationTarget(
                kind: .http(proxy: true), uri: "http://127.0.0.1:\(port)/proxied", httpMethod: "ANY",
                timeout: .seconds(5))
            let output = try await HTTPIntegration.call(target, call())
            let seen = String(decoding: output.body, as: UTF8.self)
            #expect(seen.contains("GET /proxied?page=2"))
            #expect(seen.contains("x-own: mine"))
            #expect(seen.contains("x-forwarded-for: 10.0.0.1"))
            #expect(output.headers["x-amzn-Remapped-Content-Length"] != nil)
        }
    }

    @Test func anUpstreamSlowerThanTheTimeoutIsATimeout() async throws {
        try await withUpstream(silent: true) { port in
            let target = IntegrationTarget(
                kind: .http(proxy: false), uri: "http://127.0.0.1:\(port)/", httpMethod: "GET",
                timeout: .milliseconds(200))
            let started = ContinuousClock.now
            await #expect {
                try await HTTPIntegration.call(target, call())
            } throws: { error in
                if case .timeout? = error as? IntegrationFailure { return true }
                return false
            }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func anUnreachableUpstreamIsAConfigurationFailure() async throws {
        let target = IntegrationTarget(
            kind: .http(proxy: false), uri: "http://127.0.0.1:1/", httpMethod: "GET", timeout: .seconds(5))
        await #expect {
            try await HTTPIntegration.call(target, call())
        } throws: { error in
            if case .configuration? = error as? IntegrationFailure { return true }
            return false
        }
    }

    /// A local upstream that answers every request with its request line, headers and body as
    /// text (or, when `silent`, never answers), for the duration of `body`.
    func withUpstream(silent: Bool = false, _ body: (Int) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    silent ? channel.eventLoop.makeSucceededVoidFuture() : channel.pipeline.addHandler(Echo())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            try await body(channel.localAddress!.port!)
        } catch {
            try? await channel.close().get()
            try? await group.shutdownGracefully()
            throw error
        }
        try? await channel.close().get()
        try? await group.shutdownGracefully()
    }

    final class Echo: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        var text = ""

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                text = "\(head.method.rawValue) \(head.uri)\n"
                for (name, value) in head.headers { text += "\(name.lowercased()): \(value)\n" }
                text += "\n"
            case .body(var buffer):
                text += buffer.readString(length: buffer.readableBytes) ?? ""
            case .end:
                let bytes = ByteBuffer(string: text)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: "\(bytes.readableBytes)")
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                    promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
