import RestJson1
import Testing

@Suite("Router")
struct RouterTests {
    func router(_ templates: [(String, String)]) throws -> Router<String> {
        var router = Router<String>()
        for (method, template) in templates {
            router.add(method: method, template: try URITemplate(template), target: "\(method) \(template)")
        }
        return router
    }

    @Test func literalsWinOverLabelsAndLabelsOverGreedy() throws {
        let router = try router([
            ("GET", "/restapis/{id}"), ("GET", "/restapis/special"), ("GET", "/files/{path+}"),
            ("GET", "/files/{name}/meta"),
        ])
        #expect(router.match(method: "GET", path: "/restapis/special", query: [])?.target == "GET /restapis/special")
        #expect(router.match(method: "GET", path: "/restapis/abc", query: [])?.labels == ["id": "abc"])
        #expect(router.match(method: "GET", path: "/files/a/meta", query: [])?.target == "GET /files/{name}/meta")
        let greedy = router.match(method: "GET", path: "/files/a/b%20c/d", query: [])
        #expect(greedy?.target == "GET /files/{path+}")
        #expect(greedy?.labels == ["path": "a/b c/d"])
    }

    @Test func encodedSlashesStayInsideALabel() throws {
        let router = try router([("GET", "/tags/{arn}")])
        let match = router.match(method: "GET", path: "/tags/arn%3Aaws%3Aapigateway%3A%3A%2Frestapis%2Fabc", query: [])
        #expect(match?.labels == ["arn": "arn:aws:apigateway::/restapis/abc"])
    }

    @Test func queryLiteralsPickTheOperation() throws {
        let router = try router([("POST", "/restapis"), ("POST", "/restapis?mode=import")])
        #expect(router.match(method: "POST", path: "/restapis", query: [])?.target == "POST /restapis")
        #expect(
            router.match(method: "POST", path: "/restapis", query: [("mode", "import")])?.target
                == "POST /restapis?mode=import")
        #expect(router.match(method: "POST", path: "/restapis", query: [("mode", "merge")])?.target == "POST /restapis")
    }

    @Test func methodAndTrailingSlash() throws {
        let router = try router([("GET", "/restapis"), ("DELETE", "/restapis/{id}")])
        #expect(router.match(method: "GET", path: "/restapis/", query: []) != nil)
        #expect(router.match(method: "PUT", path: "/restapis", query: []) == nil)
        #expect(router.match(method: "DELETE", path: "/restapis//", query: []) == nil)
        #expect(router.match(method: "GET", path: "/nothing", query: []) == nil)
    }

    @Test func templatesRejectWhatTheRouterCannotServe() {
        #expect(throws: URITemplate.InvalidTemplate.self) { try URITemplate("/a/{b+}/c") }
        #expect(throws: URITemplate.InvalidTemplate.self) { try URITemplate("/a/x{b}") }
        #expect(throws: URITemplate.InvalidTemplate.self) { try URITemplate("a/b") }
    }

    @Test func expandPercentEncodesLabels() throws {
        let template = try URITemplate("/a/{b}/{c+}")
        #expect(template.expand(["b": "x/y z", "c": "p/q r"]) == "/a/x%2Fy%20z/p/q%20r")
    }
}
