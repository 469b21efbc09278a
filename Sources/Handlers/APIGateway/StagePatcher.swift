import APIGateway
import RestJson1

/// UpdateStage's patch operations. Stages take paths no other object does: per-method settings
/// (`/{resourcePath}/{httpMethod}/{setting}` with `*/*` for all methods), stage variables,
/// access log settings, canary settings, and `copy` to promote a canary; AWS words its errors
/// for them differently from the other Update* operations.
struct StagePatcher {
    var stage: APIGateway.Stage
    let deployments: Set<String>
    /// Whether the account has a CloudWatch role: AWS refuses execution logging without one.
    var canLog = true

    static let validPaths =
        "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, "
        + "/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, "
        + "/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, "
        + "/{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit"
        + "/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, "
        + "/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, "
        + "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
        + "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, "
        + "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit "
        + "/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, "
        + "/*/*/caching/requireAuthorizationForCacheControl, "
        + "/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]"

    /// The method settings a path can name, after `/{resourcePath}/{httpMethod}/`.
    static let methodSettingNames = [
        "metrics/enabled", "logging/dataTrace", "logging/loglevel", "throttling/burstLimit", "throttling/rateLimit",
        "caching/ttlInSeconds", "caching/enabled", "caching/dataEncrypted",
        "caching/requireAuthorizationForCacheControl", "caching/unauthorizedCacheControlHeaderStrategy",
    ]

    mutating func apply(_ operation: APIGateway.PatchOperation) throws {
        guard let path = operation.path else {
            throw APIGateway.BadRequestException(message: "Invalid patch path null")
        }
        let op = operation.op ?? .replace
        let step = PatchStep(op: op, path: path, captures: [], value: operation.value, from: operation.from)
        // Raw segments: method-setting keys keep AWS's `~1` escaping, as AWS shows them.
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if op == .copy { return try copy(from: operation.from, to: path) }
        if op == .move || op == .test {
            throw APIGateway.BadRequestException(message: "Invalid \(op.rawValue) operation with path: \(path)")
        }
        if op == .remove, raw == ["canarySettings"] {
            stage.canarySettings = nil
            return
        }
        if op == .remove, raw.count >= 2, ["accessLogSettings", "canarySettings"].contains(raw[0]) {
            if raw[0] == "canarySettings", raw.count == 3, raw[1] == "stageVariableOverrides" {
                stage.canarySettings?.stageVariableOverrides?[PatchStep.segments(of: raw[2]).joined()] = nil
                return
            }
            throw cannotRemove(raw.joined(separator: "/"))
        }
        switch raw.first ?? "" {
        case "deploymentId" where raw.count == 1 && op == .replace:
            let id = try step.string()
            guard deployments.contains(id) else {
                throw APIGateway.BadRequestException(message: "Deployment id does not exist")
            }
            stage.deploymentId = id
        case "description" where raw.count == 1 && op != .add:
            stage.description = op == .remove ? nil : step.value
        case "cacheClusterEnabled" where raw.count == 1 && op == .replace:
            APIGatewayHandler.setCache(&stage, enabled: try step.bool(), size: nil)
        case "cacheClusterSize" where raw.count == 1 && op == .replace:
            let size = try step.string()
            guard APIGatewayHandler.cacheClusterSizes.contains(size) else {
                throw APIGateway.BadRequestException(
                    message: "Invalid cache cluster size specified: \(size). Valid options are "
                        + APIGatewayHandler.cacheClusterSizes.joined(separator: ","))
            }
            stage.cacheClusterSize = APIGateway.CacheClusterSize(rawValue: size)
        case "clientCertificateId" where raw.count == 1 && op != .add:
            stage.clientCertificateId = op == .remove ? nil : step.value.flatMap { $0.isEmpty ? nil : $0 }
        case "documentationVersion" where raw.count == 1 && op != .add:
            stage.documentationVersion = op == .remove ? nil : step.value.flatMap { $0.isEmpty ? nil : $0 }
        case "tracingEnabled" where raw.count == 1 && op == .replace:
            stage.tracingEnabled = try step.bool()
        case "webAclArn" where raw.count == 1:
            stage.webAclArn = op == .remove ? nil : step.value
        case "variables" where raw.count == 1 && op == .remove:
            stage.variables = nil
        case "variables" where raw.count == 2:
            var variables = stage.variables ?? [:]
            variables[PatchStep.segments(of: raw[1]).joined()] = op == .remove ? nil : try step.string()
            stage.variables = variables.isEmpty ? nil : variables
        case "accessLogSettings":
            try patchAccessLog(raw, step)
        case "canarySettings" where raw.count >= 2:
            try patchCanary(raw, step)
        default:
            try patchMethodSetting(raw, step)
        }
    }

    private mutating func patchAccessLog(_ raw: [String], _ step: PatchStep) throws {
        if raw.count == 1, step.op == .remove {
            stage.accessLogSettings = nil
            return
        }
        guard raw.count == 2, ["destinationArn", "format"].contains(raw[1]), step.op != .remove else {
            throw APIGateway.BadRequestException(
                message: "Invalid accessLogSettings path. Must be one of : "
                    + "[/accessLogSettings/destinationArn, /accessLogSettings/format]")
        }
        guard let value = step.value, !value.isEmpty else {
            throw APIGateway.BadRequestException(message: "Access Log value must not be empty")
        }
        var settings = stage.accessLogSettings ?? APIGateway.AccessLogSettings()
        if raw[1] == "format" { settings.format = value } else { settings.destinationArn = value }
        stage.accessLogSettings = settings
    }

    private mutating func patchCanary(_ raw: [String], _ step: PatchStep) throws {
        var canary =
            stage.canarySettings
            ?? APIGateway.CanarySettings(percentTraffic: 0, deploymentId: stage.deploymentId, useStageCache: false)
        switch (raw[1], raw.count) {
        case ("deploymentId", 2):
            guard step.op == .replace else {
                throw APIGateway.BadRequestException(
                    message: "Invalid \(step.op.rawValue) operation with path: \(step.path)")
            }
            let id = try step.string()
            guard deployments.contains(id) else {
                throw APIGateway.BadRequestException(message: "Deployment id does not exist")
            }
            canary.deploymentId = id
        case ("percentTraffic", 2):
            let percent = try step.double()
            guard (0...100).contains(percent) else {
                throw APIGateway.BadRequestException(
                    message: "Canary weight must be between 0.0 and 100.0: \(percent)")
            }
            canary.percentTraffic = percent
        case ("useStageCache", 2):
            canary.useStageCache = try step.bool()
        case ("stageVariableOverrides", 3):
            var overrides = canary.stageVariableOverrides ?? [:]
            overrides[PatchStep.segments(of: raw[2]).joined()] = try step.string()
            canary.stageVariableOverrides = overrides
        default:
            throw invalidPath(step.path)
        }
        stage.canarySettings = canary
    }

    /// `/{resourcePath}/{httpMethod}/{group}/{setting}`; the key is `{resourcePath}/{httpMethod}`.
    private mutating func patchMethodSetting(_ raw: [String], _ step: PatchStep) throws {
        if step.op == .remove, raw.count >= 2, !raw.contains(where: \.isEmpty) {
            // Removing `/{resourcePath}/{httpMethod}` drops that method's settings.
            let key = raw.suffix(2).joined(separator: "/")
            let fullKey = raw.count == 2 ? key : raw.joined(separator: "/")
            let candidates = [fullKey, key]
            if let existing = candidates.first(where: { stage.methodSettings?[$0] != nil }),
                raw.count == 2 || !Self.methodSettingNames.contains(raw.suffix(2).joined(separator: "/"))
            {
                stage.methodSettings?[existing] = nil
                return
            }
            if raw.count == 2 || !Self.methodSettingNames.contains(raw.suffix(2).joined(separator: "/")) {
                throw cannotRemove(fullKey)
            }
        }
        guard raw.count >= 4, !raw.contains(where: \.isEmpty) else { throw invalidPath(step.path) }
        let setting = raw.suffix(2).joined(separator: "/")
        guard Self.methodSettingNames.contains(setting) else { throw invalidPath(step.path) }
        let key = raw.dropLast(2).joined(separator: "/")
        var settings = stage.methodSettings ?? [:]
        // A method's own settings start from the stage-wide ones, as they are now.
        var methodSetting =
            settings[key] ?? settings["*/*"]
            ?? APIGateway.MethodSetting(
                metricsEnabled: false, dataTraceEnabled: false, throttlingBurstLimit: 5000,
                throttlingRateLimit: 10000, cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false,
                requireAuthorizationForCacheControl: true,
                unauthorizedCacheControlHeaderStrategy: .succeedWithResponseHeader
            )
        switch setting {
        case "metrics/enabled": methodSetting.metricsEnabled = try step.bool()
        case "logging/dataTrace": methodSetting.dataTraceEnabled = try step.bool()
        case "logging/loglevel":
            let level = try step.string().uppercased()
            guard ["OFF", "ERROR", "INFO"].contains(level) else {
                throw APIGateway.BadRequestException(
                    message: "Invalid logging level specified: \(level). Valid options are OFF,ERROR,INFO")
            }
            if level != "OFF", !canLog {
                throw APIGateway.BadRequestException(
                    message: "CloudWatch Logs role ARN must be set in account settings to enable logging")
            }
            methodSetting.loggingLevel = level
        case "throttling/burstLimit": methodSetting.throttlingBurstLimit = try step.int()
        case "throttling/rateLimit": methodSetting.throttlingRateLimit = try step.double()
        case "caching/ttlInSeconds":
            let ttl = try step.int()
            guard (0...3600).contains(ttl) else {
                throw APIGateway.BadRequestException(
                    message: "Invalid cache TTL specified: \(ttl). TTL must be between 0 and 3600 seconds")
            }
            methodSetting.cacheTtlInSeconds = ttl
        case "caching/enabled": methodSetting.cachingEnabled = try step.bool()
        case "caching/dataEncrypted": methodSetting.cacheDataEncrypted = try step.bool()
        case "caching/requireAuthorizationForCacheControl":
            methodSetting.requireAuthorizationForCacheControl = try step.bool()
        default:
            methodSetting.unauthorizedCacheControlHeaderStrategy = try step.enumValue(
                APIGateway.UnauthorizedCacheControlHeaderStrategy.self)
        }
        settings[key] = methodSetting
        stage.methodSettings = settings
    }

    /// `copy` promotes a canary: its deployment or its variable overrides into the stage.
    private mutating func copy(from: String?, to path: String) throws {
        let pairs = [
            ("/deploymentId", "/canarySettings/deploymentId"), ("/variables", "/canarySettings/stageVariableOverrides"),
        ]
        guard pairs.contains(where: { $0.0 == path && $0.1 == from }) else {
            throw APIGateway.BadRequestException(
                message: "Invalid copy operation with path: \(path) and from \(from ?? "null"). "
                    + "Valid copy:path are [/deploymentId, /variables] and valid copy:from are "
                    + "[/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]")
        }
        guard let canary = stage.canarySettings else {
            throw APIGateway.BadRequestException(message: "Promotion not available. Canary does not exist.")
        }
        if path == "/deploymentId" {
            stage.deploymentId = canary.deploymentId
        } else if let overrides = canary.stageVariableOverrides {
            stage.variables = (stage.variables ?? [:]).merging(overrides) { $1 }
        }
    }

    private func invalidPath(_ path: String) -> APIGateway.BadRequestException {
        APIGateway.BadRequestException(
            message: "Invalid method setting path: \(path). Must be one of: \(Self.validPaths)")
    }

    private func cannotRemove(_ setting: String) -> APIGateway.BadRequestException {
        APIGateway.BadRequestException(
            message: "Cannot remove method setting \(setting) because there is no method setting for this method ")
    }
}
