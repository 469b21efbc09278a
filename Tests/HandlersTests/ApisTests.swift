import APIGatewayV2
import Foundation
import Handlers
import RestJson1
import State
import Testing

@Suite("HTTP and WebSocket APIs (v2) through the service protocol")
struct ApisTests {
    let store = Store()
    var handler: APIGatewayV2Handler { APIGatewayV2Handler(store: store) }
    let context = RequestContext(requestId: "r", host: "localhost:4566")

    @Test func createHTTPApiWithDefaults() async throws {
        let api = try await handler.createApi(.init(name: "h", protocolType: .http), context: context)
        let id = try #require(api.apiId)
        #expect(api.apiEndpoint == "http://\(id).execute-api.localhost:4566")
        #expect(api.routeSelectionExpression == "$request.method $request.path")
        #expect(api.apiKeySelectionExpression == "$request.header.x-api-key")
        #expect(api.protocolType == .http)
        let fetched = try await handler.getApi(.init(apiId: id), context: context)
        #expect(fetched.name == "h")
        #expect(fetched.createdDate == api.createdDate)
    }

    @Test func webSocketApisNeedARouteSelectionExpression() async throws {
        await #expect(throws: APIGatewayV2.BadRequestException.self) {
            try await handler.createApi(.init(name: "w", protocolType: .websocket), context: context)
        }
        let api = try await handler.createApi(
            .init(name: "w", protocolType: .websocket, routeSelectionExpression: "$request.body.action"),
            context: context)
        #expect(api.apiEndpoint?.hasPrefix("ws://") == true)
    }

    @Test func unknownProtocolIsRejected() async throws {
        let error = await #expect(throws: ServiceError.self) {
            try await handler.createApi(.init(name: "x", protocolType: .init(rawValue: "GRPC")), context: context)
        }
        #expect(error?.message.contains("Value 'GRPC' at 'protocolType'") == true)
    }

    @Test func quickCreateIsRefusedWholeUntilImplemented() async throws {
        let error = await #expect(throws: ServiceError.self) {
            try await handler.createApi(
                .init(name: "q", protocolType: .http, target: "http://example.com"), context: context)
        }
        #expect(error?.isNotImplemented == true)
        #expect(try await handler.getApis(.init(), context: context).items == [])
    }

    @Test func listDeleteAndNotFound() async throws {
        let a = try await handler.createApi(.init(name: "a", protocolType: .http), context: context)
        _ = try await handler.createApi(.init(name: "b", protocolType: .http), context: context)
        let page = try await handler.getApis(.init(maxResults: "1"), context: context)
        #expect(page.items?.map(\.name) == ["a"])
        let rest = try await handler.getApis(.init(nextToken: page.nextToken), context: context)
        #expect(rest.items?.map(\.name) == ["b"])
        try await handler.deleteApi(.init(apiId: a.apiId!), context: context)
        let error = await #expect(throws: APIGatewayV2.NotFoundException.self) {
            try await handler.getApi(.init(apiId: a.apiId!), context: context)
        }
        #expect(error?.message == "Invalid API identifier specified \(a.apiId!)")
    }
}

@Suite("Coverage report")
struct CoverageTests {
    @Test func countsWhatTheHandlersImplement() async {
        let reports = await Coverage.report()
        #expect(reports.map(\.serviceName) == ["apigateway", "apigatewayv2", "apigatewaymanagementapi"])
        #expect(reports.map(\.total) == [124, 103, 3])
        let v1 = reports[0]
        // The REST control plane is whole but for the operations that need authorizers and a stage cache.
        #expect(v1.implemented.count == 121)
        #expect(Set(v1.missing) == ["TestInvokeAuthorizer", "FlushStageCache", "FlushStageAuthorizersCache"])
        #expect(Set(reports[1].implemented).isSuperset(of: ["CreateApi", "GetApis", "GetApi", "DeleteApi"]))
        #expect(reports[1].missing.contains("CreateRoute"))
        #expect(reports.allSatisfy { Set($0.implemented).isDisjoint(with: $0.missing) })
    }
}
