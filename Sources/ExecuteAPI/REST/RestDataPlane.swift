import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

/// Deployed REST APIs answering traffic. Each request reads the store's published snapshot
/// (one atomic load, no lock), finds its API in the catalog and the compiled deployment of its
/// stage.
public struct RestDataPlane: Sendable {
    public let catalog: APICatalog
    public let backends: IntegrationBackends
    /// Where a request that may compute for long runs (templates with loops, macros or regular
    /// expressions; large bodies), so that it takes a thread of many rather than one of the few
    /// that cheap requests and health checks share. nil: everything runs where it arrives.
    public let heavyWork: (any TaskExecutor)?

    /// A request body past this size is heavy work (parsing, validation, JSONPath over it).
    static let heavyBodySize = 64 * 1024

    public init(
        catalog: APICatalog, backends: IntegrationBackends = IntegrationBackends(), heavyWork: (any TaskExecutor)? = nil
    ) {
        self.catalog = catalog
        self.backends = backends
        self.heavyWork = heavyWork
    }

    /// Serves a request to `apiId` at `stage` (nil when the URL named no stage).
    public func invoke(apiId: String, stage: String?, request: RequestFacts) async -> ServiceResponse {
        let snapshot = catalog.store.snapshot
        let (record, key): (RestApiRecord, Store.PartitionKey)
        switch catalog.api(apiId, in: snapshot) {
        case .rest(let found, let foundKey)?:
            (record, key) = (found, foundKey)
        case .http?, .webSocket?:
            return Self.plainError(
                request,
                status: 501, type: "NotImplementedException",
                message: "Invoking HTTP and WebSocket APIs (API '\(apiId)') is not implemented yet in Portico")
        case nil:
            return Self.plainError(
                request,
                status: 404, type: "NotFoundException",
                message: "No REST API with id '\(apiId)' exists in Portico (in any account or region)")
        }
        guard let stage, let stageRecord = record.stages[stage], let deploymentId = stageRecord.deploymentId,
            let stableDeployment = catalog.restDeployment(record, deploymentId, snapshot: snapshot)
        else {
            return Self.plainError(request, status: 403, type: "ForbiddenException", message: "Forbidden")
        }
        var deployment = stableDeployment
        var variables = stageRecord.variables ?? [:]
        var isCanaryRequest: Bool?
        if let canary = stageRecord.canarySettings, let canaryId = canary.deploymentId {
            let percent = canary.percentTraffic ?? 0
            let chosen = percent > 0 && Double.random(in: 0..<100) < percent
            isCanaryRequest = chosen
            if chosen, let canaryDeployment = catalog.restDeployment(record, canaryId, snapshot: snapshot) {
                deployment = canaryDeployment
                variables.merge(canary.stageVariableOverrides ?? [:]) { $1 }
            }
        }
        var invocation = RestInvocation(
            request: request, deployment: deployment, accountId: key.accountId, region: key.region, stage: stage,
            stageVariables: variables, isCanaryRequest: isCanaryRequest,
            apiKeys: .stage(snapshot, partition: key, apiId: apiId, stage: stage), backends: backends)
        invocation.route()
        if let heavyWork, invocation.mayRunLong {
            return await withTaskExecutorPreference(heavyWork) { await invocation.run() }
        }
        return await invocation.run()
    }

    /// An answer for a request that reached no API or stage (there is no gateway response to use).
    static func plainError(_ request: RequestFacts, status: Int, type: String, message: String) -> ServiceResponse {
        var response = ServiceResponse.error(code: type, status: status, message: message)
        response.headers.set("x-amz-apigw-id", request.extendedRequestId)
        return response
    }
}
