public import APIGateway
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    /// AWS names the empty base path `(none)`, in URIs and in responses.
    static let emptyBasePath = "(none)"

    public func createBasePathMapping(_ input: APIGateway.CreateBasePathMappingRequest, context: RequestContext)
        async throws -> APIGateway.BasePathMapping
    {
        try withState(context) { state in
            let key = try state.domainNameKey(input.domainName, id: input.domainNameId)
            let basePath = input.basePath.flatMap { $0.isEmpty ? nil : $0 } ?? Self.emptyBasePath
            try state.checkMappingTarget(restApiId: input.restApiId, stage: input.stage)
            if basePath != Self.emptyBasePath {
                let allowed = basePath.allSatisfy { $0.isLetter || $0.isNumber || "$-_.+!*'()/".contains($0) }
                guard allowed, !basePath.hasPrefix("/") else {
                    throw APIGateway.BadRequestException(message: "Invalid base path specified: \(basePath)")
                }
            }
            if state.domainNames[key]!.basePathMappings[basePath] != nil {
                throw APIGateway.ConflictException(message: "Base path already exists for this domain name")
            }
            let mapping = APIGateway.BasePathMapping(basePath: basePath, restApiId: input.restApiId, stage: input.stage)
            state.domainNames[key]!.basePathMappings[basePath] = mapping
            return mapping
        }
    }

    public func getBasePathMapping(_ input: APIGateway.GetBasePathMappingRequest, context: RequestContext)
        async throws -> APIGateway.BasePathMapping
    {
        try readState(context) { state in
            try state.domainName(input.domainName, id: input.domainNameId).basePathMapping(input.basePath)
        }
    }

    public func getBasePathMappings(_ input: APIGateway.GetBasePathMappingsRequest, context: RequestContext)
        async throws -> APIGateway.BasePathMappings
    {
        let mappings = try readState(context) { state in
            try state.domainName(input.domainName, id: input.domainNameId).basePathMappings.map {
                (id: $0.key, item: $0.value)
            }
        }
        let page = try Page(mappings, token: input.position, limit: input.limit)
        return APIGateway.BasePathMappings(position: page.nextToken, items: page.items)
    }

    public func updateBasePathMapping(_ input: APIGateway.UpdateBasePathMappingRequest, context: RequestContext)
        async throws -> APIGateway.BasePathMapping
    {
        try withState(context) { state in
            let key = try state.domainNameKey(input.domainName, id: input.domainNameId)
            let record = state.domainNames[key]!
            var mapping = try record.basePathMapping(input.basePath)
            var rules = PatchRules<APIGateway.BasePathMapping>(wording: .plain)
            // AWS's documentation spells these `/basepath` and `/restapiId`; clients send both forms.
            for path in ["/basePath", "/basepath"] {
                rules.on(path, ops: [.replace]) { mapping, step in
                    mapping.basePath = step.value.flatMap { $0.isEmpty ? nil : $0 } ?? Self.emptyBasePath
                }
            }
            for path in ["/restapiId", "/restApiId"] {
                rules.on(path, ops: [.replace]) { mapping, step in mapping.restApiId = try step.string() }
            }
            rules.on("/stage", ops: [.replace]) { mapping, step in
                mapping.stage = step.value.flatMap { $0.isEmpty ? nil : $0 }
            }
            try rules.apply(input.patchOperations, to: &mapping, inputName: "updateBasePathMappingInput")
            try state.checkMappingTarget(restApiId: mapping.restApiId ?? "", stage: mapping.stage)
            let oldPath = record.basePathMappings.keys.first {
                $0 == input.basePath || input.basePath.isEmpty && $0 == Self.emptyBasePath
            }!
            if mapping.basePath != oldPath, record.basePathMappings[mapping.basePath!] != nil {
                throw APIGateway.ConflictException(message: "Base path already exists for this domain name")
            }
            state.domainNames[key]!.basePathMappings[oldPath] = nil
            state.domainNames[key]!.basePathMappings[mapping.basePath!] = mapping
            return mapping
        }
    }

    public func deleteBasePathMapping(_ input: APIGateway.DeleteBasePathMappingRequest, context: RequestContext)
        async throws
    {
        try withState(context) { state in
            let key = try state.domainNameKey(input.domainName, id: input.domainNameId)
            let mapping = try state.domainNames[key]!.basePathMapping(input.basePath)
            state.domainNames[key]!.basePathMappings[mapping.basePath!] = nil
        }
    }
}

extension DomainNameRecord {
    func basePathMapping(_ basePath: String) throws -> APIGateway.BasePathMapping {
        let key = basePath.isEmpty ? APIGatewayHandler.emptyBasePath : basePath
        guard let mapping = basePathMappings[key] else {
            throw APIGateway.NotFoundException(message: "Invalid base path mapping identifier specified")
        }
        return mapping
    }
}

extension APIGatewayState {
    func checkMappingTarget(restApiId: String, stage: String?) throws {
        guard let api = restApis[restApiId] else {
            throw APIGateway.BadRequestException(message: "Invalid REST API identifier specified")
        }
        if let stage, api.stages[stage] == nil {
            throw APIGateway.BadRequestException(message: "Invalid stage identifier specified")
        }
    }
}
