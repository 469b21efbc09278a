public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createApiKey(_ input: APIGateway.CreateApiKeyRequest, context: RequestContext) async throws
        -> APIGateway.ApiKey
    {
        try Self.validateApiKey(name: input.name, description: input.description, value: input.value)
        return try withState(context) { state in
            let stageKeys = try (input.stageKeys ?? []).map { key in
                guard let apiId = key.restApiId, let stage = key.stageName,
                    state.restApis[apiId]?.stages[stage] != nil
                else {
                    throw APIGateway.BadRequestException(message: "Invalid stage key specified")
                }
                return "\(apiId)/\(stage)"
            }
            // Two keys never share a value (ImportApiKeys, which overwrites, is the exception).
            if let value = input.value, !value.isEmpty, state.apiKeys.values.contains(where: { $0.value == value }) {
                throw APIGateway.ConflictException(message: "API Key already exists")
            }
            let now = Identifiers.creationDate()
            let key = APIGateway.ApiKey(
                id: Identifiers.make { state.apiKeys[$0] != nil },
                value: input.value.flatMap { $0.isEmpty ? nil : $0 } ?? Self.newApiKeyValue(),
                name: input.name.flatMap { $0.isEmpty ? nil : $0 }, customerId: input.customerId,
                description: input.description.flatMap { $0.isEmpty ? nil : $0 }, enabled: input.enabled ?? false,
                createdDate: now, lastUpdatedDate: now, stageKeys: stageKeys, tags: input.tags)
            state.apiKeys[key.id!] = key
            return key
        }
    }

    public func getApiKey(_ input: APIGateway.GetApiKeyRequest, context: RequestContext) async throws
        -> APIGateway.ApiKey
    {
        let key = try readState(context) { state in try state.apiKey(input.apiKey) }
        var shown = key.withTags
        if input.includeValue != true { shown.value = nil }
        return shown
    }

    public func getApiKeys(_ input: APIGateway.GetApiKeysRequest, context: RequestContext) async throws
        -> APIGateway.ApiKeys
    {
        if let limit = input.limit, limit < 1 { return APIGateway.ApiKeys(items: []) }
        // AWS lists the newest key first.
        let keys = try readState(context) { state in
            state.apiKeys.values.reversed().filter { key in
                (input.nameQuery.map { key.name?.hasPrefix($0) == true } ?? true)
                    && (input.customerId.map { key.customerId == $0 } ?? true)
            }.map { (id: $0.id!, item: $0) }
        }
        let page = try Page(keys, token: input.position, limit: input.limit)
        return APIGateway.ApiKeys(
            position: page.nextToken,
            items: page.items.map { key in
                var shown = key
                if input.includeValues != true { shown.value = nil }
                return shown
            })
    }

    public func updateApiKey(_ input: APIGateway.UpdateApiKeyRequest, context: RequestContext) async throws
        -> APIGateway.ApiKey
    {
        try withState(context) { state in
            var key = try state.apiKey(input.apiKey)
            let stages = Set(state.restApis.flatMap { api in api.value.stages.keys.map { "\(api.key)/\($0)" } })
            var rules = Self.apiKeyPatches
            rules.on("/stages", ops: [.add, .remove]) { key, step in
                let stageKey = try step.string()
                var keys = key.stageKeys ?? []
                if step.op == .add {
                    guard stages.contains(stageKey) else {
                        throw APIGateway.BadRequestException(message: "Invalid stage key specified")
                    }
                    if !keys.contains(stageKey) { keys.append(stageKey) }
                } else {
                    keys.removeAll { $0 == stageKey }
                }
                key.stageKeys = keys
            }
            try rules.apply(input.patchOperations, to: &key, inputName: "updateApiKeyInput")
            try Self.validateApiKey(name: key.name, description: key.description, value: nil)
            key.lastUpdatedDate = Identifiers.creationDate()
            state.apiKeys[input.apiKey] = key
            var shown = key.withTags
            shown.value = nil
            return shown
        }
    }

    public func deleteApiKey(_ input: APIGateway.DeleteApiKeyRequest, context: RequestContext) async throws {
        try withState(context) { state in
            _ = try state.apiKey(input.apiKey)
            state.apiKeys[input.apiKey] = nil
            for id in state.usagePlans.keys {
                state.usagePlans[id]!.keys[input.apiKey] = nil
            }
        }
    }

    /// ImportApiKeys: a CSV file with a header row naming the columns (`name`, `key`,
    /// `description`, `enabled`, `usageplanIds`, `customerId`; any case, any order).
    public func importApiKeys(_ input: APIGateway.ImportApiKeysRequest, context: RequestContext) async throws
        -> APIGateway.ApiKeyIds
    {
        guard input.format.rawValue == "csv" else {
            throw APIGateway.BadRequestException(message: "Invalid format specified: \(input.format.rawValue)")
        }
        guard let text = String(data: input.body, encoding: .utf8) else {
            throw APIGateway.BadRequestException(message: "Invalid CSV: the file is not UTF-8 text")
        }
        let rows = CSV.rows(text)
        guard let header = rows.first?.map({ $0.lowercased().trimmingCharacters(in: .whitespaces) }),
            header.contains("key")
        else {
            throw APIGateway.BadRequestException(message: "Invalid CSV: the header must name a Key column")
        }
        return try withState(context) { state in
            var ids: [String] = []
            var warnings: [String] = []
            for (number, row) in rows.dropFirst().enumerated() where !row.allSatisfy(\.isEmpty) {
                var fields: [String: String] = [:]
                for (index, column) in header.enumerated() where index < row.count { fields[column] = row[index] }
                let value = fields["key"] ?? ""
                do {
                    try Self.validateApiKey(name: fields["name"], description: fields["description"], value: value)
                } catch let error as APIGateway.BadRequestException {
                    if input.failOnWarnings == true { throw error }
                    warnings.append("Line \(number + 2): \(error.message ?? "invalid API key")")
                    continue
                }
                let now = Identifiers.creationDate()
                let key = APIGateway.ApiKey(
                    id: Identifiers.make { state.apiKeys[$0] != nil }, value: value, name: fields["name"],
                    customerId: fields["customerid"], description: fields["description"],
                    enabled: fields["enabled"]?.lowercased() == "true", createdDate: now, lastUpdatedDate: now,
                    stageKeys: [])
                state.apiKeys[key.id!] = key
                ids.append(key.id!)
                for planId in (fields["usageplanids"] ?? "").split(separator: ",").map(String.init)
                where state.usagePlans[planId] != nil {
                    state.usagePlans[planId]!.keys[key.id!] = APIGateway.UsagePlanKey(
                        id: key.id, type: "API_KEY", value: key.value, name: key.name)
                }
            }
            return APIGateway.ApiKeyIds(ids: ids, warnings: warnings)
        }
    }

    static let apiKeyPatches: PatchRules<APIGateway.ApiKey> = {
        var rules = PatchRules<APIGateway.ApiKey>(wording: .mustBeOneOf)
        rules.field("/description", \.description)
        rules.field("/enabled", \.enabled)
        rules.field("/name", \.name)
        rules.field("/customerId", \.customerId)
        return rules
    }()

    /// 40 letters and digits, like the keys AWS generates.
    static func newApiKeyValue() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func validateApiKey(name: String?, description: String?, value: String?) throws {
        if let name, name.count > 1024 {
            throw APIGateway.BadRequestException(message: "Invalid API Key name, can be at most 1024 characters.")
        }
        if let description, description.count > 125_000 {
            throw APIGateway.BadRequestException(message: "Invalid API Key description specified.")
        }
        if let value, !value.isEmpty {
            if value.count < 20 {
                throw APIGateway.BadRequestException(message: "API Key value should be at least 20 characters")
            }
            if value.count > 128 {
                throw APIGateway.BadRequestException(message: "API Key value exceeds maximum size of 128 characters")
            }
        }
    }
}

extension APIGatewayState {
    func apiKey(_ id: String) throws -> APIGateway.ApiKey {
        guard let key = apiKeys[id] else {
            throw APIGateway.NotFoundException(message: "Invalid API Key identifier specified")
        }
        return key
    }
}

extension APIGateway.ApiKey: Tagged {}
