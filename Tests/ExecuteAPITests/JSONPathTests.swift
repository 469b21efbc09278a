import RestJson1
import Testing

@testable import ExecuteAPI

/// JSONPath's bounds: a path from a request (`$input.path($input.params('p'))`) is client text.
@Suite("JSONPath bounds")
struct JSONPathTests {
    @Test func nestingIsBounded() throws {
        for text in [
            "$[?(" + String(repeating: "(", count: 1000) + "@.a" + String(repeating: ")", count: 1000) + ")]",
            "$[?(" + String(repeating: "!", count: 1000) + "@.a)]",
            "$[?(" + Array(repeating: "@.a", count: 1000).joined(separator: " && ") + ")]",
            "$" + String(repeating: "[?(@", count: 1000) + String(repeating: ")]", count: 1000),
        ] {
            let error = #expect(throws: JSONPath.Error.self) { try JSONPath(text) }
            #expect(error?.description.contains("nests deeper than 100 levels") == true, "\(error?.description ?? "")")
        }
        // Long chains in separate filters, and moderate nesting, still read.
        let chain = Array(repeating: "@.a", count: 60).joined(separator: " && ")
        _ = try JSONPath("$[?(\(chain))][?(\(chain))]")
        _ = try JSONPath("$[?(" + String(repeating: "(", count: 50) + "@.a" + String(repeating: ")", count: 50) + ")]")
    }

    @Test func workIsBounded() throws {
        // Each deep scan of a chain of 500 nested objects multiplies what the path selects.
        let deep = String(repeating: #"{"a": "#, count: 500) + "1" + String(repeating: "}", count: 500)
        let document = try JSONValue.parse(deep)
        let error = #expect(throws: JSONPath.Error.self) {
            try JSONPath("$..*..*..*").evaluate(document, maximumValues: 100_000)
        }
        #expect(error?.description.contains("more than") == true)
        guard case .array(let found)? = try JSONPath("$..a").evaluate(document) else {
            Issue.record("no array")
            return
        }
        #expect(found.count == 500)
    }
}
