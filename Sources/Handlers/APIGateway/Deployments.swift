public import APIGateway
import ExecuteAPI
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createDeployment(_ input: APIGateway.CreateDeploymentRequest, context: RequestContext) async throws
        -> APIGateway.Deployment
    {
        let deployment = try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                if input.canarySettings != nil {
                    guard let name = input.stageName, !name.isEmpty else {
                        throw APIGateway.BadRequestException(
                            message: "Invalid deployment content specified.Non null and non empty stageName must be "
                                + "provided for canary deployment. Provided value is \(input.stageName ?? "null")")
                    }
                    if record.stages[name] == nil {
                        throw APIGateway.BadRequestException(
                            message: "Invalid deployment content specified.Stage \(name) must already be created "
                                + "before making a canary release deployment")
                    }
                }
                try record.checkDeployable()
                try Self.validateVariables(input.variables)
                try Self.validateVariables(input.canarySettings?.stageVariableOverrides)
                if let name = input.stageName, !name.isEmpty { try Self.validateStageName(name) }
                let deployment = APIGateway.Deployment(
                    id: Identifiers.make(length: 6) { record.deployments[$0] != nil },
                    description: input.description, createdDate: Identifiers.creationDate())
                let id = deployment.id!
                let definition = record.definition
                record.deployments[id] = DeploymentRecord(deployment: deployment, definition: definition)
                guard let stageName = input.stageName, !stageName.isEmpty else { return deployment }
                let now = Identifiers.creationDate()
                if let canary = input.canarySettings {
                    record.stages[stageName]!.canarySettings = APIGateway.CanarySettings(
                        percentTraffic: canary.percentTraffic ?? 0, deploymentId: id,
                        stageVariableOverrides: canary.stageVariableOverrides,
                        useStageCache: canary.useStageCache ?? false)
                    record.stages[stageName]!.lastUpdatedDate = now
                } else if var stage = record.stages[stageName] {
                    stage.deploymentId = id
                    if let variables = input.variables {
                        stage.variables = (stage.variables ?? [:]).merging(variables) { $1 }
                    }
                    if let description = input.stageDescription { stage.description = description }
                    if let tracing = input.tracingEnabled { stage.tracingEnabled = tracing }
                    if let enabled = input.cacheClusterEnabled {
                        Self.setCache(&stage, enabled: enabled, size: input.cacheClusterSize)
                    }
                    stage.lastUpdatedDate = now
                    record.stages[stageName] = stage
                } else {
                    var stage = APIGateway.Stage(
                        deploymentId: id, stageName: stageName, description: input.stageDescription,
                        methodSettings: [:], variables: input.variables, tracingEnabled: input.tracingEnabled ?? false,
                        createdDate: now, lastUpdatedDate: now)
                    Self.setCache(&stage, enabled: input.cacheClusterEnabled ?? false, size: input.cacheClusterSize)
                    record.stages[stageName] = stage
                }
                return deployment
            }
        }
        // Compiled for serving after the write, outside the store's lock.
        catalog.prepareDeployment(apiId: input.restApiId, deploymentId: deployment.id!)
        return deployment
    }

    public func getDeployment(_ input: APIGateway.GetDeploymentRequest, context: RequestContext) async throws
        -> APIGateway.Deployment
    {
        let deployment = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).deployment(input.deploymentId)
        }
        return input.embed?.contains("apisummary") == true
            ? deployment.withSummary : deployment.deployment
    }

    public func getDeployments(_ input: APIGateway.GetDeploymentsRequest, context: RequestContext) async throws
        -> APIGateway.Deployments
    {
        let deployments = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).deployments.map { (id: $0.key, item: $0.value) }
        }
        let page = try Page(deployments, token: input.position, limit: input.limit)
        return APIGateway.Deployments(position: page.nextToken, items: page.items.map(\.deployment))
    }

    public func updateDeployment(_ input: APIGateway.UpdateDeploymentRequest, context: RequestContext) async throws
        -> APIGateway.Deployment
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                var deployment = try record.deployment(input.deploymentId).deployment
                try Self.deploymentPatches.apply(
                    input.patchOperations, to: &deployment, inputName: "updateDeploymentInput")
                record.deployments[input.deploymentId]!.deployment = deployment
                return deployment
            }
        }
    }

    public func deleteDeployment(_ input: APIGateway.DeleteDeploymentRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                _ = try record.deployment(input.deploymentId)
                let inUse = record.stages.values.contains {
                    $0.deploymentId == input.deploymentId || $0.canarySettings?.deploymentId == input.deploymentId
                }
                if inUse {
                    throw APIGateway.BadRequestException(
                        message: "Active stages pointing to this deployment must be moved or deleted")
                }
                record.deployments[input.deploymentId] = nil
            }
        }
    }

    static let deploymentPatches: PatchRules<APIGateway.Deployment> = {
        var rules = PatchRules<APIGateway.Deployment>(wording: .mustBeOneOf)
        rules.field("/description", \.description)
        return rules
    }()
}

extension RestApiRecord {
    func deployment(_ id: String) throws -> DeploymentRecord {
        guard let deployment = deployments[id] else {
            throw APIGateway.NotFoundException(message: "Invalid Deployment identifier specified")
        }
        return deployment
    }

    /// AWS refuses to deploy an API without methods, or with a method that has no integration.
    func checkDeployable() throws {
        let methods = resources.values.flatMap { ($0.resourceMethods ?? [:]).values }
        if methods.isEmpty {
            throw APIGateway.BadRequestException(message: "The REST API doesn't contain any methods")
        }
        if methods.contains(where: { $0.methodIntegration == nil }) {
            throw APIGateway.BadRequestException(message: "No integration defined for method")
        }
    }
}

extension DeploymentRecord {
    /// The deployment with `apiSummary`: each path's methods, their authorization and API key use.
    var withSummary: APIGateway.Deployment {
        var summary: [String: [String: APIGateway.MethodSnapshot]] = [:]
        for resource in definition.resources.values {
            for (name, method) in resource.resourceMethods ?? [:] {
                summary[resource.path ?? "/", default: [:]][name] = APIGateway.MethodSnapshot(
                    authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired ?? false)
            }
        }
        var copy = deployment
        copy.apiSummary = summary
        return copy
    }
}
