import OrderedCollections
import RestJson1
import Testing

@testable import ExecuteAPI

/// Request facts: worked out once, read by every step.
@Suite("Request facts")
struct RequestFactsTests {
    func request(body: String, query: String = "") -> RequestFacts {
        RequestFacts(
            method: "POST", path: "/pets", rawQuery: query, headers: [("Content-Type", "application/json")],
            body: Array(body.utf8), host: "api.execute-api.localhost", sourceIp: "127.0.0.1", requestId: "r1")
    }

    @Test func queryIsParsedOnceInOrderWithPlusAsSpace() {
        let facts = request(body: "", query: "a=1&b=x+y&a=2&flag")
        #expect(facts.query.map(\.name) == ["a", "b", "a", "flag"])
        #expect(facts.query.map(\.value) == ["1", "x y", "2", ""])
    }

    @Test func eachRequestHasItsOwnExtendedId() {
        let first = request(body: "")
        let second = request(body: "")
        #expect(first.extendedRequestId.count == 16)
        #expect(first.extendedRequestId != second.extendedRequestId)
    }

    @Test func theBodyIsDecodedAndParsedOnceForEveryReader() throws {
        let facts = request(body: #"{"name": "Rex"}"#)
        #expect(facts.content.text == #"{"name": "Rex"}"#)
        let json = try facts.content.json.get()
        #expect(json == .object(["name": .string("Rex")]))
        // Template and parameter-mapping readers share that parse.
        var reads = 0
        for _ in 0..<3 {
            _ = facts.content.templateDocument { _ in
                reads += 1
                return .success(.null)
            }
        }
        #expect(reads == 1)
        #expect(MappingSources(requestBody: facts.content).value(of: "method.request.body.name") == "Rex")
    }

    @Test func aBodyThatIsNotJSONFailsOnceAndStaysText() {
        let facts = request(body: "plain words")
        guard case .failure = facts.content.json else {
            Issue.record("plain words parsed as JSON")
            return
        }
        #expect(MappingSources(requestBody: facts.content).value(of: "method.request.body") == "plain words")
    }

    @Test func bytesThatAreNotUTF8ReadAsReplacementCharacters() throws {
        let facts = RequestFacts(
            method: "POST", path: "/", rawQuery: "", headers: [],
            body: Array(#"{"n":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8),
            host: "h", sourceIp: "127.0.0.1", requestId: "r1")
        #expect(try facts.content.json.get() == .object(["n": .string("caf\u{FFFD}")]))
    }
}
