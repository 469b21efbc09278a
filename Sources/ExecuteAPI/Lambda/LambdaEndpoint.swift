import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Lambda Invoke API of another server (`--lambda-endpoint URL`), e.g. `sam local
/// start-lambda` or LocalStack: `POST {URL}/2015-03-31/functions/{name}/invocations`.
public struct LambdaEndpoint: Sendable {
    public var url: String

    public init(url: String) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func invoke(_ function: LambdaFunctionName, payload: [UInt8], timeout: Duration) async throws(IntegrationFailure)
        -> LambdaResult
    {
        var target = "\(url)/2015-03-31/functions/\(function.name)/invocations"
        if let qualifier = function.qualifier { target += "?Qualifier=\(qualifier)" }
        guard let components = URLComponents(string: target), let host = components.host else {
            throw .configuration("Invalid --lambda-endpoint \(url)")
        }
        var request = HTTPClientRequest(url: target)
        request.method = .POST
        // Signed like any Lambda client (emulators accept the test credentials); the region is the function's.
        let signed = SigV4.sign(
            method: "POST", path: components.percentEncodedPath, query: components.percentEncodedQuery ?? "",
            headers: [("Content-Type", "application/json"), ("X-Amz-Invocation-Type", "RequestResponse")],
            host: components.port.map { "\(host):\($0)" } ?? host, body: payload, service: "lambda",
            region: function.region ?? "us-east-1", accessKey: "test", secretKey: "test", date: Date())
        for (name, value) in signed { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: payload))
        // The function's own timeout is Lambda's business: allow the integration's and a margin,
        // and Lambda's payload limit with room for its framing.
        let answer = try await OutboundHTTP.send(request, timeout: timeout + .seconds(5), limit: 6 * 1024 * 1024 + 1024)
        guard (200..<300).contains(answer.status) else {
            throw .configuration(
                "Lambda endpoint answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
        }
        return LambdaResult(payload: answer.body, functionError: answer.headers.first(name: "X-Amz-Function-Error"))
    }
}
