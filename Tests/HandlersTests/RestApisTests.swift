import APIGateway
import Foundation
import Handlers
import RestJson1
import State
import Testing

@Suite("REST APIs (v1) through the service protocol")
struct RestApisTests {
    let store = Store()
    var handler: APIGatewayHandler { APIGatewayHandler(store: store) }
    let context = RequestContext(accountId: "123456789012", region: "eu-west-1", requestId: "r", host: "localhost:4566")

    @Test func createGivesAWSDefaultsAndARootResource() async throws {
        let api = try await handler.createRestApi(.init(name: "demo", description: "d"), context: context)
        #expect(api.id?.count == 10)
        #expect(api.name == "demo")
        #expect(api.description == "d")
        #expect(api.apiKeySource == .header)
        #expect(api.endpointConfiguration?.types == [.edge])
        #expect(api.endpointConfiguration?.ipAddressType == .ipv4)
        #expect(api.disableExecuteApiEndpoint == false)
        #expect(api.createdDate.map { $0.timeIntervalSince1970 == $0.timeIntervalSince1970.rounded() } == true)
        let resources = try await handler.getResources(.init(restApiId: api.id!), context: context)
        #expect(resources.items == [APIGateway.Resource(id: api.rootResourceId, path: "/")])
    }

    @Test func emptyEndpointConfigurationAndBinaryMediaTypesGetAWSDefaults() async throws {
        let api = try await handler.createRestApi(
            .init(name: "x", binaryMediaTypes: [], endpointConfiguration: .init()), context: context)
        #expect(api.binaryMediaTypes == nil)
        #expect(api.endpointConfiguration?.types == [.edge])
        let privateApi = try await handler.createRestApi(
            .init(name: "p", endpointConfiguration: .init(types: [.private])), context: context)
        #expect(privateApi.endpointConfiguration?.ipAddressType == .dualstack)
    }

    @Test func customIdTagChoosesTheId() async throws {
        let api = try await handler.createRestApi(.init(name: "x", tags: ["_custom_id_": "myid"]), context: context)
        #expect(api.id == "myid")
        await #expect(throws: APIGateway.ConflictException.self) {
            try await handler.createRestApi(.init(name: "y", tags: ["_custom_id_": "myid"]), context: context)
        }
    }

    @Test func unknownIdsAreNotFoundWithAWSMessage() async throws {
        let error = await #expect(throws: APIGateway.NotFoundException.self) {
            try await handler.getRestApi(.init(restApiId: "nope"), context: context)
        }
        #expect(error?.message == "Invalid API identifier specified 123456789012:nope")
        await #expect(throws: APIGateway.NotFoundException.self) {
            try await handler.deleteRestApi(.init(restApiId: "nope"), context: context)
        }
        await #expect(throws: APIGateway.NotFoundException.self) {
            try await handler.getResources(.init(restApiId: "nope"), context: context)
        }
    }

    @Test func validationMessagesMatchAWS() async throws {
        let input = APIGateway.CreateRestApiRequest(
            name: "x",
            endpointConfiguration: .init(types: [.init(rawValue: "wrong")], ipAddressType: .init(rawValue: "wrong")))
        let error = await #expect(throws: ServiceError.self) {
            try await handler.createRestApi(input, context: context)
        }
        #expect(
            error?.message
                == "2 validation errors detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]; Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]"
        )
        #expect(error?.errorCode == "ValidationException")
        await #expect(throws: APIGateway.BadRequestException.self) {
            try await handler.createRestApi(.init(name: "x", minimumCompressionSize: -1), context: context)
        }
        let checks: [(APIGateway.CreateRestApiRequest, String)] = [
            (.init(name: "x", description: ""), "Description cannot be an empty string"),
            (
                .init(name: "x", endpointConfiguration: .init(types: [])),
                "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."
            ),
            (
                .init(name: "x", endpointConfiguration: .init(types: [.edge, .regional])),
                "Cannot create an api with multiple Endpoint Types."
            ),
            (
                .init(
                    name: "x", description: "", endpointConfiguration: .init(types: [.private], ipAddressType: .ipv4)),
                "Description cannot be an empty string"
            ),
            (
                .init(name: "x", tags: ["_custom_id_": "a/b"]),
                "Invalid _custom_id_ 'a/b': use 1 to 128 letters, digits, '-' or '_'"
            ),
        ]
        for (input, message) in checks {
            let error = await #expect(throws: APIGateway.BadRequestException.self) {
                try await handler.createRestApi(input, context: context)
            }
            #expect(error?.message == message)
        }
        #expect(try await handler.getRestApis(.init(), context: context).items == [], "nothing was half-created")
    }

    @Test func listsPageWithPositionAndLimit() async throws {
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(try await handler.createRestApi(.init(name: "api\(index)"), context: context).id!)
        }
        let first = try await handler.getRestApis(.init(limit: 2), context: context)
        #expect(first.items?.map(\.id) == Array(ids[0..<2]))
        let second = try await handler.getRestApis(.init(position: first.position, limit: 2), context: context)
        #expect(second.items?.map(\.id) == Array(ids[2..<4]))
        let last = try await handler.getRestApis(.init(position: second.position, limit: 2), context: context)
        #expect(last.items?.map(\.id) == [ids[4]])
        #expect(last.position == nil)
        await #expect(throws: ServiceError.self) { try await handler.getRestApis(.init(limit: 0), context: context) }
    }

    @Test func partitionsAreSeparateByAccountAndRegion() async throws {
        _ = try await handler.createRestApi(.init(name: "here"), context: context)
        var elsewhere = context
        elsewhere.region = "us-west-2"
        #expect(try await handler.getRestApis(.init(), context: elsewhere).items == [])
    }

    @Test func deleteRemovesTheApi() async throws {
        let api = try await handler.createRestApi(.init(name: "gone"), context: context)
        try await handler.deleteRestApi(.init(restApiId: api.id!), context: context)
        await #expect(throws: APIGateway.NotFoundException.self) {
            try await handler.getRestApi(.init(restApiId: api.id!), context: context)
        }
    }

    @Test func cloneFromCopiesTheResourceTree() async throws {
        let source = try await handler.createRestApi(.init(name: "source"), context: context)
        let clone = try await handler.createRestApi(.init(name: "clone", cloneFrom: source.id), context: context)
        let resources = try await handler.getResources(.init(restApiId: clone.id!), context: context)
        #expect(resources.items?.map(\.path) == ["/"])
        #expect(resources.items?.first?.id == clone.rootResourceId)
        let error = await #expect(throws: APIGateway.BadRequestException.self) {
            try await handler.createRestApi(.init(name: "c", cloneFrom: "missing"), context: context)
        }
        #expect(error?.message == "Invalid REST API identifier specified")
    }
}
