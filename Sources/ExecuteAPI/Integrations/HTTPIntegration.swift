import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RestJson1

/// HTTP and HTTP_PROXY integrations through AsyncHTTPClient. The client lives as long as the
/// process (it is shared by every request and never shut down), follows no redirects and does
/// not decompress: the back end's answer reaches the gateway as it was sent.
struct HTTPIntegrationClient: Sendable {
    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, decompression: .disabled))

    /// The most a back end's answer may be (API Gateway's payload limit).
    static let responseLimit = 10 * 1024 * 1024

    func call(_ integration: RestIntegration, request: IntegrationRequest, invocation: RestInvocation)
        async throws(GatewayError) -> IntegrationOutput
    {
        let proxy = integration.type == .httpProxy
        let incoming = invocation.request
        guard let template = integration.uri else { throw .configuration("Invalid endpoint address") }
        var url = IntegrationURI.substitutePath(
            IntegrationURI.substituteStageVariables(template, invocation.stageVariables), request.path)
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw .configuration("Invalid endpoint address") }
        var query: [String] = []
        if proxy, !incoming.rawQuery.isEmpty { query.append(incoming.rawQuery) }
        for (name, value) in request.query {
            query.append(QueryString.percentEncode(name) + "=" + QueryString.percentEncode(value))
        }
        if !query.isEmpty { url += (components.query == nil ? "?" : "&") + query.joined(separator: "&") }

        var outgoing = HTTPClientRequest(url: url)
        var method = integration.httpMethod ?? incoming.method
        if method == "ANY" { method = incoming.method }
        outgoing.method = HTTPMethod(rawValue: method)
        if proxy {
            for (name, value) in incoming.headers where !ReservedHeaders.notProxied.contains(name.lowercased()) {
                outgoing.headers.add(name: name, value: value)
            }
            outgoing.headers.replaceOrAdd(name: "X-Forwarded-For", value: incoming.sourceIp)
        } else {
            outgoing.headers.add(name: "Accept", value: "application/json")
            outgoing.headers.add(name: "User-Agent", value: "AmazonAPIGateway_\(invocation.deployment.apiId)")
            if let contentType = incoming.headers["Content-Type"], !request.body.isEmpty {
                outgoing.headers.add(name: "Content-Type", value: contentType)
            }
        }
        outgoing.headers.add(name: "X-Amzn-Apigateway-Api-Id", value: invocation.deployment.apiId)
        for (name, value) in request.headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "transfer-encoding" {
                throw .configuration("Invalid mapping expression specified: header \(name) cannot be mapped")
            }
            // A mapped header replaces the client's of the same name; a few never reach the back end.
            guard !ReservedHeaders.notSentWhenMapped.contains(lowered) else { continue }
            outgoing.headers.replaceOrAdd(name: name, value: value)
        }
        outgoing.headers.add(name: "X-Amzn-Trace-Id", value: RequestIds.traceId())
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }

        invocation.log.add("Sending request to \(url)")
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            let deadline = NIODeadline.now() + .milliseconds(integration.timeout.milliseconds)
            response = try await Self.client.execute(outgoing, deadline: deadline)
            body = try await response.body.collect(upTo: Self.responseLimit)
        } catch {
            if ContinuousClock.now - started >= integration.timeout
                || (error as? HTTPClientError) == .deadlineExceeded || (error as? HTTPClientError) == .readTimeout
            {
                invocation.log.add("Execution failed due to a timeout error")
                throw .timeout
            }
            throw .configuration("Execution failed due to an integration error: \(error)")
        }
        var headers = Headers()
        for header in response.headers {
            let lowered = header.name.lowercased()
            if proxy {
                if let name = ReservedHeaders.responseName(header.name) { headers.add(name, header.value) }
            } else if lowered != "transfer-encoding" && lowered != "content-length" && lowered != "connection" {
                headers.add(header.name, header.value)
            }
        }
        return IntegrationOutput(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
    }
}
