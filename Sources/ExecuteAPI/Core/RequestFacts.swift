import Foundation
public import RestJson1

/// What is known of a request to a deployed API, worked out once and read by every step:
/// classification has taken the stage off the path, the query is parsed, the headers are the
/// method request's, the body's text and JSON are made on first use, and the request has its
/// two ids (`x-amzn-RequestId`, and the extended id that is `x-amz-apigw-id`).
public struct RequestFacts: Sendable {
    public let method: String
    /// The raw path after the stage, starting with `/` (percent-encoding kept).
    public let path: String
    /// The query string as sent, without `?`.
    public let rawQuery: String
    /// The method request's headers: the client's, without those API Gateway hides, with Host.
    public let headers: Headers
    public var body: [UInt8] { content.bytes }
    /// The body's text and JSON, made once.
    let content: ParsedBody
    /// The `Host` header as sent (with its port).
    public let host: String
    public let sourceIp: String
    public let requestId: String
    /// `$context.extendedRequestId`, and the `x-amz-apigw-id` of the answer.
    public let extendedRequestId: String
    /// Query parameters, decoded (`+` is a space), in the order sent; read once, used by every step.
    let query: [(name: String, value: String)]

    /// - Parameter hostHeader: whether `host` reached the server as the request's Host (a test
    ///   invocation has none).
    public init(
        method: String, path: String, rawQuery: String, headers: Headers, body: [UInt8], host: String,
        sourceIp: String, requestId: String, hostHeader: Bool = true
    ) {
        self.method = method
        self.path = path.isEmpty ? "/" : path
        self.rawQuery = rawQuery
        self.headers = ReservedHeaders.methodRequest(headers, host: hostHeader ? host : "")
        self.content = ParsedBody(bytes: body)
        self.host = host
        self.sourceIp = sourceIp
        self.requestId = requestId
        self.extendedRequestId = RequestIds.apigwId()
        self.query = Self.parse(query: rawQuery)
    }

    private static func parse(query rawQuery: String) -> [(name: String, value: String)] {
        guard !rawQuery.isEmpty else { return [] }
        return rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                QueryString.percentDecode(String(parts[0]), plusAsSpace: true),
                parts.count > 1 ? QueryString.percentDecode(String(parts[1]), plusAsSpace: true) : ""
            )
        }
    }

    /// The media type of the body, lowercased, without parameters; nil without a Content-Type.
    var contentType: String? {
        headers["Content-Type"].map { MediaType.essence($0) }
    }
}
