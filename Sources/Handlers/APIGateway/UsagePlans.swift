public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createUsagePlan(_ input: APIGateway.CreateUsagePlanRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlan
    {
        try withState(context) { state in
            let id = Identifiers.make(length: 6) { state.usagePlans[$0] != nil }
            for stage in input.apiStages ?? [] { try state.checkApiStage(stage, planId: id) }
            var quota = input.quota
            if quota != nil {
                quota!.offset = quota!.offset ?? 0
                try Self.validate(quota!)
            }
            let plan = APIGateway.UsagePlan(
                id: id, name: input.name, description: input.description, apiStages: input.apiStages ?? [],
                throttle: input.throttle, quota: quota, tags: input.tags)
            state.usagePlans[id] = UsagePlanRecord(plan: plan)
            return plan
        }
    }

    public func getUsagePlan(_ input: APIGateway.GetUsagePlanRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlan
    {
        try readState(context) { state in try state.usagePlan(input.usagePlanId).plan.withTags }
    }

    public func getUsagePlans(_ input: APIGateway.GetUsagePlansRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlans
    {
        let plans = try readState(context) { state in
            state.usagePlans.values.filter { record in
                input.keyId.map { record.keys[$0] != nil } ?? true
            }.map { (id: $0.plan.id!, item: $0.plan) }
        }
        let page = try Page(plans, token: input.position, limit: input.limit)
        return APIGateway.UsagePlans(position: page.nextToken, items: page.items)
    }

    public func updateUsagePlan(_ input: APIGateway.UpdateUsagePlanRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlan
    {
        try withState(context) { state in
            var plan = try state.usagePlan(input.usagePlanId).plan
            let snapshot = state
            var rules = Self.usagePlanPatches
            rules.on("/apiStages", ops: [.add, .remove]) { plan, step in
                guard let value = step.value, let stage = APIGateway.ApiStage(patchValue: value) else {
                    throw APIGateway.BadRequestException(message: "Invalid API Stage specified")
                }
                var stages = plan.apiStages ?? []
                if step.op == .add {
                    try snapshot.checkApiStage(stage, planId: plan.id!)
                    if !stages.contains(where: { $0.apiId == stage.apiId && $0.stage == stage.stage }) {
                        stages.append(stage)
                    }
                } else {
                    // AWS words a stage the plan does not have as it words one that does not exist
                    // (recorded for the latter; the former follows the same family).
                    guard stages.contains(where: { $0.apiId == stage.apiId && $0.stage == stage.stage }) else {
                        throw APIGatewayState.invalidApiStage(stage, planId: plan.id!)
                    }
                    stages.removeAll { $0.apiId == stage.apiId && $0.stage == stage.stage }
                }
                plan.apiStages = stages
            }
            try rules.apply(input.patchOperations, to: &plan, inputName: "updateUsagePlanInput")
            if let quota = plan.quota { try Self.validate(quota) }
            state.usagePlans[input.usagePlanId]!.plan = plan
            return plan.withTags
        }
    }

    public func deleteUsagePlan(_ input: APIGateway.DeleteUsagePlanRequest, context: RequestContext) async throws {
        try withState(context) { state in
            _ = try state.usagePlan(input.usagePlanId)
            state.usagePlans[input.usagePlanId] = nil
        }
    }

    static let usagePlanPatches: PatchRules<APIGateway.UsagePlan> = {
        var rules = PatchRules<APIGateway.UsagePlan>(wording: .mustBeOneOf)
        rules.on("/name", ops: [.replace]) { plan, step in plan.name = try step.string() }
        rules.field("/description", \.description)
        rules.field("/productCode", \.productCode, ops: [.add, .replace, .remove])
        rules.on("/quota", ops: [.remove]) { plan, _ in plan.quota = nil }
        rules.on("/quota/*", ops: [.add, .replace]) { plan, step in
            var quota = plan.quota ?? APIGateway.QuotaSettings(offset: 0)
            switch step.key {
            case "limit": quota.limit = try step.int()
            case "offset": quota.offset = try step.int()
            case "period": quota.period = try step.enumValue(APIGateway.QuotaPeriodType.self)
            default: throw APIGateway.BadRequestException(message: "Invalid patch path \(step.path)")
            }
            plan.quota = quota
        }
        rules.on("/throttle", ops: [.remove]) { plan, _ in plan.throttle = nil }
        rules.on("/throttle/*", ops: [.add, .replace]) { plan, step in
            plan.throttle = try patchThrottle(plan.throttle, step)
        }
        // `/apiStages/{apiId}:{stage}/throttle[/{resourcePath}/{httpMethod}[/rateLimit|burstLimit]]`.
        rules.on("/apiStages/*/throttle", ops: [.add, .replace, .remove], prefix: true) { plan, step in
            guard let index = plan.apiStages?.firstIndex(where: { "\($0.apiId ?? ""):\($0.stage ?? "")" == step.key })
            else {
                throw APIGateway.NotFoundException(message: "API Stage not found: \(step.key)")
            }
            var throttles = plan.apiStages![index].throttle ?? [:]
            var rest = Array(step.captures.dropFirst())
            if rest.isEmpty {
                if step.isRemoval {
                    throttles = [:]
                } else {
                    // The value is a JSON map of method path to throttle settings.
                    guard case .object(let members)? = try? JSONValue.parse(step.value ?? "") else {
                        throw APIGateway.BadRequestException(message: "Invalid throttle value: \(step.value ?? "null")")
                    }
                    for (path, settings) in members {
                        throttles[path] = try APIGateway.ThrottleSettings(json: settings, path: "throttle")
                    }
                }
            } else {
                let field = ["rateLimit", "burstLimit"].contains(rest.last!) ? rest.removeLast() : nil
                let methodPath = "/" + rest.filter { !$0.isEmpty }.joined(separator: "/")
                if let field {
                    var settings = throttles[methodPath] ?? APIGateway.ThrottleSettings()
                    if field == "rateLimit" {
                        settings.rateLimit = try step.double()
                    } else {
                        settings.burstLimit = try step.int()
                    }
                    throttles[methodPath] = settings
                } else if step.isRemoval {
                    throttles[methodPath] = nil
                } else {
                    throw APIGateway.BadRequestException(message: "Invalid patch path \(step.path)")
                }
            }
            plan.apiStages![index].throttle = throttles.isEmpty ? nil : throttles
        }
        return rules
    }()

    static func patchThrottle(_ throttle: APIGateway.ThrottleSettings?, _ step: PatchStep) throws
        -> APIGateway.ThrottleSettings
    {
        var throttle = throttle ?? APIGateway.ThrottleSettings()
        switch step.key {
        case "burstLimit": throttle.burstLimit = try step.int()
        case "rateLimit": throttle.rateLimit = try step.double()
        default: throw APIGateway.BadRequestException(message: "Invalid patch path \(step.path)")
        }
        return throttle
    }

    static func validate(_ quota: APIGateway.QuotaSettings) throws {
        if let period = quota.period, !period.isKnown {
            throw APIGateway.BadRequestException(
                message: "Invalid quota period specified: \(period.rawValue). Valid options are DAY,WEEK,MONTH")
        }
        if let limit = quota.limit, limit < 0 {
            throw APIGateway.BadRequestException(message: "Quota limit must be a non-negative number")
        }
    }

    // MARK: Usage plan keys

    public func createUsagePlanKey(_ input: APIGateway.CreateUsagePlanKeyRequest, context: RequestContext)
        async throws -> APIGateway.UsagePlanKey
    {
        try withState(context) { state in
            _ = try state.usagePlan(input.usagePlanId)
            guard input.keyType == "API_KEY" else {
                throw APIGateway.BadRequestException(
                    message: "Invalid key type specified: \(input.keyType). Valid options are API_KEY")
            }
            let key = try state.apiKey(input.keyId)
            if state.usagePlans[input.usagePlanId]!.keys[input.keyId] != nil {
                throw APIGateway.ConflictException(
                    message: "Usage Plan \(input.usagePlanId) already contains API Key \(input.keyId)")
            }
            let planKey = APIGateway.UsagePlanKey(id: key.id, type: "API_KEY", value: key.value, name: key.name)
            state.usagePlans[input.usagePlanId]!.keys[input.keyId] = planKey
            return planKey
        }
    }

    public func getUsagePlanKey(_ input: APIGateway.GetUsagePlanKeyRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlanKey
    {
        try readState(context) { state in
            guard let key = try state.usagePlan(input.usagePlanId).keys[input.keyId] else {
                throw APIGateway.NotFoundException(message: "Invalid Usage Plan Key identifier specified")
            }
            return key
        }
    }

    public func getUsagePlanKeys(_ input: APIGateway.GetUsagePlanKeysRequest, context: RequestContext) async throws
        -> APIGateway.UsagePlanKeys
    {
        // AWS lists no keys, without an error, for an unknown usage plan (recorded), and the key
        // added last first.
        let keys = try readState(context) { state in
            (state.usagePlans[input.usagePlanId].map { Array($0.keys.values.reversed()) } ?? []).filter { key in
                input.nameQuery.map { key.name?.hasPrefix($0) == true } ?? true
            }.map { (id: $0.id!, item: $0) }
        }
        let page = try Page(keys, token: input.position, limit: input.limit)
        return APIGateway.UsagePlanKeys(position: page.nextToken, items: page.items)
    }

    public func deleteUsagePlanKey(_ input: APIGateway.DeleteUsagePlanKeyRequest, context: RequestContext)
        async throws
    {
        try withState(context) { state in
            guard try state.usagePlan(input.usagePlanId).keys[input.keyId] != nil else {
                throw APIGateway.NotFoundException(message: "Invalid Usage Plan Key identifier specified")
            }
            state.usagePlans[input.usagePlanId]!.keys[input.keyId] = nil
        }
    }

    // MARK: Usage

    public func getUsage(_ input: APIGateway.GetUsageRequest, context: RequestContext) async throws
        -> APIGateway.Usage
    {
        let (start, end) = try UsageDays.range(input.startDate, input.endDate)
        let record = try readState(context) { state in try state.usagePlan(input.usagePlanId) }
        let days = UsageDays.days(from: start, to: end)
        let quota = record.plan.quota?.limit ?? 0
        let keys = record.keys.keys.filter { input.keyId == nil || $0 == input.keyId }
        let all = keys.map { key -> (id: String, item: (String, [[Int64]])) in
            let counts = days.map { day -> [Int64] in
                let count = record.usage[key]?[day] ?? UsageCount(used: 0, remaining: quota)
                return [Int64(count.used), Int64(count.remaining)]
            }
            return (id: key, item: (key, counts))
        }
        let page = try Page(all, token: input.position, limit: input.limit)
        return APIGateway.Usage(
            usagePlanId: input.usagePlanId, startDate: input.startDate, endDate: input.endDate,
            position: page.nextToken, items: Dictionary(uniqueKeysWithValues: page.items.map { ($0.0, $0.1) }))
    }

    public func updateUsage(_ input: APIGateway.UpdateUsageRequest, context: RequestContext) async throws
        -> APIGateway.Usage
    {
        try withState(context) { state in
            let record = try state.usagePlan(input.usagePlanId)
            guard record.keys[input.keyId] != nil else {
                throw APIGateway.NotFoundException(message: "Invalid Usage Plan Key identifier specified")
            }
            let today = UsageDays.format(Date())
            var count =
                record.usage[input.keyId]?[today] ?? UsageCount(used: 0, remaining: record.plan.quota?.limit ?? 0)
            var rules = PatchRules<UsageCount>(wording: .mustBeOneOfListingNone)
            rules.on("/remaining", ops: [.replace]) { count, step in count.remaining = try step.int() }
            try rules.apply(input.patchOperations, to: &count, inputName: "updateUsageInput")
            state.usagePlans[input.usagePlanId]!.usage[input.keyId, default: [:]][today] = count
            return APIGateway.Usage(
                usagePlanId: input.usagePlanId, startDate: today, endDate: today,
                items: [input.keyId: [[Int64(count.used), Int64(count.remaining)]]])
        }
    }
}

/// The days of a usage report, as `yyyy-MM-dd` in UTC.
enum UsageDays {
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components), format(date) == text else { return nil }
        return date
    }

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func range(_ start: String, _ end: String) throws -> (Date, Date) {
        guard let startDate = parse(start) else {
            throw APIGateway.BadRequestException(message: "Invalid start date specified: \(start)")
        }
        guard let endDate = parse(end) else {
            throw APIGateway.BadRequestException(message: "Invalid end date specified: \(end)")
        }
        guard startDate <= endDate else {
            throw APIGateway.BadRequestException(message: "The start date must not be after the end date")
        }
        guard endDate.timeIntervalSince(startDate) <= 90 * 86_400 else {
            throw APIGateway.BadRequestException(message: "The usage date range cannot exceed 90 days")
        }
        return (startDate, endDate)
    }

    static func days(from start: Date, to end: Date) -> [String] {
        stride(from: start.timeIntervalSince1970, through: end.timeIntervalSince1970, by: 86_400).map {
            format(Date(timeIntervalSince1970: $0))
        }
    }
}

extension APIGatewayState {
    func usagePlan(_ id: String) throws -> UsagePlanRecord {
        guard let plan = usagePlans[id] else {
            throw APIGateway.NotFoundException(message: "Invalid Usage Plan ID specified")
        }
        return plan
    }

    /// A usage plan may name only stages that exist.
    func checkApiStage(_ stage: APIGateway.ApiStage, planId: String) throws {
        guard let apiId = stage.apiId, let name = stage.stage, restApis[apiId]?.stages[name] != nil else {
            throw Self.invalidApiStage(stage, planId: planId)
        }
    }

    static func invalidApiStage(_ stage: APIGateway.ApiStage, planId: String) -> APIGateway.NotFoundException {
        APIGateway.NotFoundException(
            message: "Invalid API Stage {api: \(stage.apiId ?? ""), stage: \(stage.stage ?? "")} "
                + "specified for usageplan \(planId)")
    }
}

extension APIGateway.ApiStage {
    /// `{apiId}:{stage}`, as patch values name an API stage.
    init?(patchValue: String) {
        let parts = patchValue.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(apiId: parts[0], stage: parts[1])
    }
}

extension APIGateway.UsagePlan: Tagged {}
