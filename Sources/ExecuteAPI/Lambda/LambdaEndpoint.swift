import AsyncHTTPClient
import Foundation
import NIOCore

/// The Lambda Invoke API of another server (`--lambda-endpoint URL`), e.g. `sam local
/// start-lambda` or LocalStack: `POST {URL}/2015-03-31/functions/{name}/invocations`.
public struct LambdaEndpoint: Sendable {
    public var url: String

    public init(url: String) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    func invoke(_ function: LambdaFunctionName, payload: [UInt8], timeout: Duration) async throws(GatewayError)
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
        do {
            // The function's own timeout is Lambda's business; allow the integration's and a margin.
            let seconds = Int64(timeout.components.seconds) + 5
            let response = try await HTTPIntegrationClient.client.execute(request, timeout: .seconds(seconds))
            let body = try await response.body.collect(upTo: 6 * 1024 * 1024 + 1024)
            guard (200..<300).contains(response.status.code) else {
                throw GatewayError.configuration(
                    "Lambda endpoint answered \(response.status.code): \(String(buffer: body))")
            }
            return LambdaResult(
                payload: Array(buffer: body), functionError: response.headers.first(name: "X-Amz-Function-Error"))
        } catch let error as GatewayError {
            throw error
        } catch {
            throw .configuration("Lambda endpoint \(url) failed: \(error)")
        }
    }
}
