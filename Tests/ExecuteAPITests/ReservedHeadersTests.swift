import RestJson1
import Testing

@testable import ExecuteAPI

/// The headers API Gateway reserves: hidden from the method request, renamed in responses.
@Suite("Reserved headers")
struct ReservedHeadersTests {
    @Test func theMethodRequestHidesFramingHeadersAndGainsHost() {
        let client: Headers = [
            ("Accept", "a"), ("connection", "close"), ("Content-Length", "3"), ("TE", "gzip"), ("X-Own", "x"),
        ]
        let request = ReservedHeaders.methodRequest(client, host: "api.example:4566")
        #expect(request.fields.map(\.name) == ["Accept", "X-Own", "Host"])
        #expect(request["host"] == "api.example:4566")
        // A Host already among the fields, or none to give, adds nothing.
        #expect(ReservedHeaders.methodRequest([("Host", "h")], host: "other").fields.count == 1)
        #expect(ReservedHeaders.methodRequest([], host: "").fields.isEmpty)
    }

    @Test func responseHeadersAreKeptRenamedOrDropped() {
        #expect(ReservedHeaders.responseName("Content-Type") == "Content-Type")
        #expect(ReservedHeaders.responseName("content-length") == "x-amzn-Remapped-content-length")
        #expect(ReservedHeaders.responseName("WWW-Authenticate") == "x-amzn-Remapped-WWW-Authenticate")
        #expect(ReservedHeaders.responseName("Transfer-Encoding") == nil)
    }
}
