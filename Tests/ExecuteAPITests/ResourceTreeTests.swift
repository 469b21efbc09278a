import Testing

@testable import ExecuteAPI

@Suite struct ResourceTreeTests {
    let tree = ResourceTree(paths: [
        ("root", "/"), ("pets", "/pets"), ("pet", "/pets/{petId}"), ("toys", "/pets/{petId}/toys"),
        ("search", "/pets/search"), ("proxy", "/files/{proxy+}"), ("files", "/files"), ("catch", "/{any+}"),
    ])

    @Test func literalBeforeParameterBeforeGreedy() {
        #expect(tree.match("/pets/search")?.resourceId == "search")
        #expect(tree.match("/pets/42")?.resourceId == "pet")
        #expect(tree.match("/pets/42")?.pathParameters == ["petId": "42"])
        #expect(tree.match("/pets/42/toys")?.resourceId == "toys")
        #expect(tree.match("/elsewhere/deep")?.resourceId == "catch")
    }

    @Test func rootAndTrailingSlashes() {
        #expect(tree.match("/")?.resourceId == "root")
        #expect(tree.match("/pets/")?.resourceId == "pets")
        #expect(tree.match("/pets//42")?.resourceId == "pet")
    }

    @Test func greedyKeepsTheRestOfThePath() {
        let match = tree.match("/files/a/b%20c/d/")
        #expect(match?.resourceId == "proxy")
        #expect(match?.pathParameters == ["proxy": "a/b%20c/d"])
        #expect(tree.match("/files")?.resourceId == "files")
    }

    @Test func backtracksFromALiteralThatLeadsNowhere() {
        // `/pets/search/toys` has no literal resource, but `{petId}/toys` matches it.
        let match = tree.match("/pets/search/toys")
        #expect(match?.resourceId == "toys")
        #expect(match?.pathParameters == ["petId": "search"])
    }

    @Test func percentEncodedLiteral() {
        let encoded = ResourceTree(paths: [("a", "/a b")])
        #expect(encoded.match("/a%20b")?.resourceId == "a")
        #expect(encoded.match("/other") == nil)
    }
}
