import APIGateway
import Foundation
import Handlers
import RestJson1
import State
import Testing

@Suite("OpenAPI import through the service protocol")
struct RestApiImportsTests {
    let store = Store()
    var handler: APIGatewayHandler { APIGatewayHandler(store: store) }
    let context = RequestContext(requestId: "r", host: "localhost:4566")

    func document(_ paths: [String]) -> Data {
        let items = paths.map { #""\#($0)": {"get": {}}"# }.joined(separator: ",")
        return Data(#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {\#(items)}}"#.utf8)
    }

    @Test func manyPathsBuildOneTreeWithSharedAncestors() async throws {
        let paths = (0..<2000).map { "/group\($0 % 10)/item\($0)" } + ["/group0/{id}", "/group0/{id}/x"]
        let api = try await handler.importRestApi(.init(body: document(paths)), context: context)
        var resources: [APIGateway.Resource] = []
        var position: String?
        repeat {
            let page = try await handler.getResources(
                .init(restApiId: api.id!, position: position, limit: 500), context: context)
            resources += page.items ?? []
            position = page.position
        } while position != nil
        // The root, 10 groups, 2,000 items, {id} and x.
        #expect(resources.count == 2013)
        let byPath = Dictionary(uniqueKeysWithValues: resources.map { ($0.path!, $0) })
        #expect(byPath["/group3/item13"]?.parentId == byPath["/group3"]?.id)
        #expect(byPath["/group0/{id}/x"]?.parentId == byPath["/group0/{id}"]?.id)
    }

    @Test func placementRulesStillApply() async throws {
        let handler = handler
        let context = context
        let siblingsDocument = document(["/a/{x}", "/a/{y}"])
        let siblings = await #expect(throws: APIGateway.BadRequestException.self) {
            try await handler.importRestApi(.init(body: siblingsDocument), context: context)
        }
        let siblingsMessage = siblings?.message ?? ""
        #expect(siblingsMessage.contains("A sibling ({x}) of this resource already has a variable path part"))
        let greedyDocument = document(["/a/{p+}/b"])
        let greedy = await #expect(throws: APIGateway.BadRequestException.self) {
            try await handler.importRestApi(.init(body: greedyDocument), context: context)
        }
        let greedyMessage = greedy?.message ?? ""
        #expect(greedyMessage.contains("Cannot create a child of a resource with a greedy path variable"))
    }
}
