import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The one HTTP client the data plane calls out with (HTTP integrations, AWS service
/// integrations, the Lambda endpoint): one AsyncHTTPClient for the process, shared by every
/// request and never shut down, with pooled connections; it follows no redirects and does not
/// decompress, so an answer reaches the gateway as it was sent. One timeout rule for all: the
/// exchange fails with `.timeout` when it runs past the caller's timeout.
enum OutboundHTTP {
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, decompression: .disabled)
        // A back end that refuses the connection fails the call at once, as on AWS, rather than
        // being retried until the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Many concurrent requests to one back end each keep a connection, reused from the pool.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The most a back end's answer may be (API Gateway's payload limit).
    static let responseLimit = 10 * 1024 * 1024

    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    static func send(_ request: HTTPClientRequest, timeout: Duration, limit: Int = responseLimit)
        async throws(IntegrationFailure) -> Answer
    {
        let started = ContinuousClock.now
        do {
            let deadline =
                NIODeadline.now() + .seconds(timeout.components.seconds)
                + .nanoseconds(timeout.components.attoseconds / 1_000_000_000)
            let response = try await client.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: limit)
            return Answer(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
        } catch {
            if ContinuousClock.now - started >= timeout
                || (error as? HTTPClientError) == .deadlineExceeded || (error as? HTTPClientError) == .readTimeout
            {
                throw .timeout
            }
            throw .configuration("Execution failed due to an integration error: \(error)")
        }
    }
}
