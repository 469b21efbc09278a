import APIGateway
import Foundation
import RestJson1
import State

/// Deployed REST APIs answering traffic. Each request reads the store's published snapshot
/// (one atomic load, no lock) and the compiled deployment of its stage.
public struct RestDataPlane: Sendable {
    public let store: Store
    public let backends: IntegrationBackends

    public init(store: Store, backends: IntegrationBackends = IntegrationBackends()) {
        self.store = store
        self.backends = backends
    }

    /// Serves a request to `apiId` at `stage` (nil when the URL named no stage).
    public func invoke(apiId: String, stage: String?, request: DataPlaneRequest) async -> ServiceResponse {
        let snapshot = store.snapshot
        guard let (key, partition, record) = Self.find(apiId, in: snapshot) else {
            if snapshot.partitions.values.contains(where: { $0.apiGatewayV2.apis[apiId] != nil }) {
                return Self.plainError(
                    status: 501, type: "NotImplementedException",
                    message: "Invoking HTTP and WebSocket APIs (API '\(apiId)') is not implemented yet in Portico")
            }
            return Self.plainError(
                status: 404, type: "NotFoundException",
                message: "No REST API with id '\(apiId)' exists in Portico (in any account or region)")
        }
        guard let stage, let stageRecord = record.stages[stage], let deploymentId = stageRecord.deploymentId,
            let stableDeployment = Self.serving(record, deploymentId)
        else {
            return Self.plainError(status: 403, type: "ForbiddenException", message: "Forbidden")
        }
        var deployment = stableDeployment
        var variables = stageRecord.variables ?? [:]
        var isCanaryRequest: Bool?
        if let canary = stageRecord.canarySettings, let canaryId = canary.deploymentId {
            let percent = canary.percentTraffic ?? 0
            let chosen = percent > 0 && Double.random(in: 0..<100) < percent
            isCanaryRequest = chosen
            if chosen, let canaryDeployment = Self.serving(record, canaryId) {
                deployment = canaryDeployment
                variables.merge(canary.stageVariableOverrides ?? [:]) { $1 }
            }
        }
        let invocation = RestInvocation(
            request: request, deployment: deployment, accountId: key.accountId, region: key.region, stage: stage,
            stageVariables: variables, isCanaryRequest: isCanaryRequest,
            apiKeys: .stage(partition.apiGateway, apiId: apiId, stage: stage), backends: backends)
        return await invocation.run()
    }

    /// A request to a custom domain name: the API, stage and remaining path its base path
    /// mappings give, or nil when `host` is not a domain name any account created.
    public func customDomain(host: String, path: String) -> (apiId: String, stage: String?, path: String)? {
        let name = String(host.prefix { $0 != ":" }).lowercased()
        for partition in store.snapshot.partitions.values {
            guard let domain = partition.apiGateway.domainNames[name] else { continue }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            // The longest base path that prefixes the request path wins; `(none)` takes the rest.
            for count in stride(from: segments.count, through: 1, by: -1) {
                let basePath = segments.prefix(count).joined(separator: "/")
                if let mapping = domain.basePathMappings[basePath] {
                    return Self.mapped(mapping, rest: Array(segments.dropFirst(count)))
                }
            }
            if let mapping = domain.basePathMappings["(none)"] {
                return Self.mapped(mapping, rest: Array(segments))
            }
            return nil
        }
        return nil
    }

    private static func mapped(_ mapping: APIGateway.BasePathMapping, rest: [Substring]) -> (String, String?, String)? {
        guard let apiId = mapping.restApiId else { return nil }
        if let stage = mapping.stage {
            return (apiId, stage, "/" + rest.joined(separator: "/"))
        }
        // A mapping without a stage: the next path segment names it.
        guard let stage = rest.first else { return (apiId, nil, "/") }
        return (apiId, String(stage), "/" + rest.dropFirst().joined(separator: "/"))
    }

    static func find(_ apiId: String, in snapshot: Store.Snapshot)
        -> (Store.PartitionKey, Partition, RestApiRecord)?
    {
        for (key, partition) in snapshot.partitions {
            if let record = partition.apiGateway.restApis[apiId] { return (key, partition, record) }
        }
        return nil
    }

    /// The compiled deployment (CreateDeployment compiles every one).
    static func serving(_ record: RestApiRecord, _ deploymentId: String) -> ServingDeployment? {
        record.deployments[deploymentId]?.serving as? ServingDeployment
    }

    /// An answer for a request that reached no API or stage (there is no gateway response to use).
    static func plainError(status: Int, type: String, message: String) -> ServiceResponse {
        var response = ServiceResponse.error(code: type, status: status, message: message)
        response.headers.set("x-amz-apigw-id", RequestIds.apigwId())
        return response
    }
}
