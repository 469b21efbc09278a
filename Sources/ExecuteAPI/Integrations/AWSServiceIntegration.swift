import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import RestJson1

/// AWS integrations with services other than Lambda, forwarded SigV4-signed to the
/// AWS-compatible endpoint given with `--aws-endpoint` (LocalStack, moto, …). The URI is
/// `arn:aws:apigateway:{region}:{service}:action/{Action}` or `…:{service}:path/{path}`.
enum AWSServiceIntegration {
    static func call(_ target: IntegrationTarget, _ call: IntegrationCall, endpoint: String?)
        async throws(IntegrationFailure) -> IntegrationOutput
    {
        let request = call.request
        guard let uri = target.uri else { throw .configuration("Invalid endpoint address") }
        let text = IntegrationURI.substitutePath(
            IntegrationURI.substituteStageVariables(uri, call.stageVariables), request.path)
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "apigateway" else {
            throw .configuration("Invalid AWS integration URI: \(text)")
        }
        guard let endpoint else {
            throw .configuration(
                "AWS service integrations are forwarded to --aws-endpoint, which is not set (URI \(text))")
        }
        let region = parts[3].isEmpty ? call.region : parts[3]
        let service = String(parts[4].split(separator: ".").last ?? "")
        let resource = parts[5]
        var path = "/"
        var query: [(String, String)] = request.query
        if let action = resource.dropPrefix("action/") {
            query.insert(("Action", action), at: 0)
        } else if let rest = resource.dropPrefix("path/") {
            path = "/" + rest
        } else {
            throw .configuration("AWS ARN for integration must contain path or action")
        }
        let method = target.httpMethod == nil ? "POST" : call.method(target)
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        let queryText = query.map { QueryString.percentEncode($0.0) + "=" + QueryString.percentEncode($0.1) }
            .sorted().joined(separator: "&")
        let url = base + path + (queryText.isEmpty ? "" : "?" + queryText)
        guard let components = URLComponents(string: url), let host = components.host else {
            throw .configuration("Invalid --aws-endpoint \(endpoint)")
        }
        var headers: [(String, String)] = request.headers
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.append(("Content-Type", call.client.headers["Content-Type"] ?? "application/json"))
        }
        let hostHeader = components.port.map { "\(host):\($0)" } ?? host
        let signed = SigV4.sign(
            method: method, path: components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath,
            query: queryText, headers: headers, host: hostHeader, body: request.body, service: service, region: region,
            accessKey: "test", secretKey: "test", date: Date())
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: method)
        for (name, value) in signed { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        call.log.add("Sending request to \(url)")
        let answer = try await OutboundHTTP.send(outgoing, timeout: target.timeout)
        var responseHeaders = Headers()
        for header in answer.headers where header.name.lowercased() != "content-length" {
            responseHeaders.add(header.name, header.value)
        }
        return IntegrationOutput(status: answer.status, headers: responseHeaders, body: answer.body)
    }
}
