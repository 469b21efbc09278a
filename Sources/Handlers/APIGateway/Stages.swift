public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createStage(_ input: APIGateway.CreateStageRequest, context: RequestContext) async throws
        -> APIGateway.Stage
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                try Self.validateStageName(input.stageName)
                try Self.validateVariables(input.variables)
                try Self.validateVariables(input.canarySettings?.stageVariableOverrides)
                if record.stages[input.stageName] != nil {
                    throw APIGateway.ConflictException(message: "Stage already exists")
                }
                _ = try record.deployment(input.deploymentId)
                if let canary = input.canarySettings?.deploymentId, record.deployments[canary] == nil {
                    throw APIGateway.BadRequestException(message: "Deployment id does not exist")
                }
                if let version = input.documentationVersion, record.documentationVersions[version] == nil {
                    throw APIGateway.NotFoundException(message: "Invalid Documentation Version specified")
                }
                let now = Identifiers.creationDate()
                var stage = APIGateway.Stage(
                    deploymentId: input.deploymentId, stageName: input.stageName, description: input.description,
                    methodSettings: [:], variables: input.variables, documentationVersion: input.documentationVersion,
                    tracingEnabled: input.tracingEnabled ?? false, tags: input.tags, createdDate: now,
                    lastUpdatedDate: now)
                if var canary = input.canarySettings {
                    canary.deploymentId = canary.deploymentId ?? input.deploymentId
                    canary.percentTraffic = canary.percentTraffic ?? 0
                    canary.useStageCache = canary.useStageCache ?? false
                    stage.canarySettings = canary
                }
                Self.setCache(&stage, enabled: input.cacheClusterEnabled ?? false, size: input.cacheClusterSize)
                record.stages[input.stageName] = stage
                return stage
            }
        }
    }

    public func getStage(_ input: APIGateway.GetStageRequest, context: RequestContext) async throws
        -> APIGateway.Stage
    {
        try readState(context) { state in try state.restApi(input.restApiId, context: context).stage(input.stageName) }
    }

    public func getStages(_ input: APIGateway.GetStagesRequest, context: RequestContext) async throws
        -> APIGateway.Stages
    {
        try readState(context) { state in
            let stages = try state.restApi(input.restApiId, context: context).stages.values
            return APIGateway.Stages(
                item: stages.filter { input.deploymentId == nil || $0.deploymentId == input.deploymentId })
        }
    }

    public func deleteStage(_ input: APIGateway.DeleteStageRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                _ = try record.stage(input.stageName)
                record.stages[input.stageName] = nil
            }
            // Usage plans stop referring to the stage, as on AWS.
            for (id, plan) in state.usagePlans {
                state.usagePlans[id]!.plan.apiStages = plan.plan.apiStages?.filter {
                    !($0.apiId == input.restApiId && $0.stage == input.stageName)
                }
            }
        }
    }

    public func updateStage(_ input: APIGateway.UpdateStageRequest, context: RequestContext) async throws
        -> APIGateway.Stage
    {
        try withState(context) { state in
            let certificates = Set(state.clientCertificates.keys)
            let canLog = state.account?.cloudwatchRoleArn != nil
            return try state.updateRestApi(input.restApiId, context: context) { record in
                var stage = try record.stage(input.stageName)
                var errors = ValidationErrors()
                errors.checkPatchOps(input.patchOperations, inputName: "updateStageInput")
                try errors.throwIfAny()
                var patcher = StagePatcher(
                    stage: stage, deployments: Set(record.deployments.keys), canLog: canLog)
                for operation in input.patchOperations ?? [] {
                    try patcher.apply(operation)
                }
                stage = patcher.stage
                try Self.validateVariables(stage.variables)
                try Self.validateVariables(stage.canarySettings?.stageVariableOverrides)
                if let certificate = stage.clientCertificateId, !certificates.contains(certificate) {
                    throw APIGateway.BadRequestException(message: "Invalid client certificate identifier specified")
                }
                if let version = stage.documentationVersion, record.documentationVersions[version] == nil {
                    throw APIGateway.NotFoundException(message: "Invalid Documentation Version specified")
                }
                stage.lastUpdatedDate = Identifiers.creationDate()
                record.stages[input.stageName] = stage
                return stage
            }
        }
    }

    /// AWS's rules for stage variables (and canary overrides): names of word characters, values
    /// of letters, digits and a few symbols, at most 100 per stage.
    static func validateVariables(_ variables: [String: String]?) throws {
        guard let variables else { return }
        if variables.count > 100 {
            throw APIGateway.LimitExceededException(message: "A stage can have at most 100 stage variables")
        }
        let symbols = Set(" -._:/?&=,~#+")
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            if name.isEmpty || name.count > 64
                || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            {
                throw APIGateway.BadRequestException(
                    message: "Invalid stage variable name: \(name).  Please use names with only word characters.")
            }
            if value.isEmpty || value.count > 512
                || !value.allSatisfy({ ($0.isLetter || $0.isNumber) || symbols.contains($0) })
            {
                throw APIGateway.BadRequestException(
                    message: "Invalid stage variable value: \(value).  Please use values with alphanumeric characters "
                        + "and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.")
            }
        }
    }

    static let cacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]

    static func setCache(_ stage: inout APIGateway.Stage, enabled: Bool, size: APIGateway.CacheClusterSize?) {
        stage.cacheClusterEnabled = enabled
        if enabled {
            stage.cacheClusterSize = size ?? stage.cacheClusterSize ?? APIGateway.CacheClusterSize(rawValue: "0.5")
            stage.cacheClusterStatus = .available
        } else {
            stage.cacheClusterStatus = .notAvailable
            if size != nil { stage.cacheClusterSize = size }
        }
    }

    /// Stage names are letters, digits, `-` and `_` (at most 128 characters).
    static func validateStageName(_ name: String) throws {
        let valid =
            !name.isEmpty && name.count <= 128
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        if !valid {
            throw APIGateway.BadRequestException(message: "Stage name only allows a-zA-Z0-9_-")
        }
    }
}

extension RestApiRecord {
    func stage(_ name: String) throws -> APIGateway.Stage {
        guard let stage = stages[name] else {
            throw APIGateway.NotFoundException(message: "Invalid stage identifier specified")
        }
        return stage
    }
}
