import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RestJson1

/// HTTP and HTTP_PROXY integrations, through `OutboundHTTP`.
enum HTTPIntegration {
    static func call(_ target: IntegrationTarget, _ call: IntegrationCall) async throws(IntegrationFailure)
        -> IntegrationOutput
    {
        let proxy = target.kind == .http(proxy: true)
        let client = call.client
        let request = call.request
        guard let template = target.uri else { throw .configuration("Invalid endpoint address") }
        var url = IntegrationURI.substitutePath(
            IntegrationURI.substituteStageVariables(template, call.stageVariables), request.path)
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw .configuration("Invalid endpoint address") }
        var query: [String] = []
        if proxy, !client.rawQuery.isEmpty { query.append(client.rawQuery) }
        for (name, value) in request.query {
            query.append(QueryString.percentEncode(name) + "=" + QueryString.percentEncode(value))
        }
        if !query.isEmpty { url += (components.query == nil ? "?" : "&") + query.joined(separator: "&") }

        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: call.method(target))
        if proxy {
            for (name, value) in client.headers where !ReservedHeaders.notProxied.contains(name.lowercased()) {
                outgoing.headers.add(name: name, value: value)
            }
            outgoing.headers.replaceOrAdd(name: "X-Forwarded-For", value: client.sourceIp)
        } else {
            outgoing.headers.add(name: "Accept", value: "application/json")
            outgoing.headers.add(name: "User-Agent", value: "AmazonAPIGateway_\(call.apiId)")
            if let contentType = client.headers["Content-Type"], !request.body.isEmpty {
                outgoing.headers.add(name: "Content-Type", value: contentType)
            }
        }
        outgoing.headers.add(name: "X-Amzn-Apigateway-Api-Id", value: call.apiId)
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

        call.log.add("Sending request to \(url)")
        let answer: OutboundHTTP.Answer
        do throws(IntegrationFailure) {
            answer = try await OutboundHTTP.send(outgoing, timeout: target.timeout)
        } catch {
            if case .timeout = error { call.log.add("Execution failed due to a timeout error") }
            throw error
        }
        var headers = Headers()
        for header in answer.headers {
            let lowered = header.name.lowercased()
            if proxy {
                if let name = ReservedHeaders.responseName(header.name) { headers.add(name, header.value) }
            } else if lowered != "transfer-encoding" && lowered != "content-length" && lowered != "connection" {
                headers.add(header.name, header.value)
            }
        }
        return IntegrationOutput(status: answer.status, headers: headers, body: answer.body)
    }
}
