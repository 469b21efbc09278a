public import APIGateway
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func getTags(_ input: APIGateway.GetTagsRequest, context: RequestContext) async throws -> APIGateway.Tags {
        try readState(context) { state in
            APIGateway.Tags(tags: try state.tags(of: input.resourceArn) ?? [:])
        }
    }

    public func tagResource(_ input: APIGateway.TagResourceRequest, context: RequestContext) async throws {
        for key in input.tags.keys where key.lowercased().hasPrefix("aws:") {
            throw APIGateway.BadRequestException(message: "Tag keys must not start with 'aws:': \(key)")
        }
        try withState(context) { state in
            let tags = try state.tags(of: input.resourceArn) ?? [:]
            let merged = tags.merging(input.tags) { $1 }
            if merged.count > 50 {
                throw APIGateway.LimitExceededException(message: "A resource can have at most 50 tags")
            }
            try state.setTags(merged, of: input.resourceArn)
        }
    }

    public func untagResource(_ input: APIGateway.UntagResourceRequest, context: RequestContext) async throws {
        try withState(context) { state in
            var tags = try state.tags(of: input.resourceArn) ?? [:]
            for key in input.tagKeys { tags[key] = nil }
            try state.setTags(tags, of: input.resourceArn)
        }
    }
}

/// The taggable objects, named by ARN: `arn:aws:apigateway:{region}::/{collection}/{id}[/stages/{name}]`.
extension APIGatewayState {
    private enum Taggable {
        case restApi(String), stage(String, String), apiKey(String), usagePlan(String), domainName(String)
        case vpcLink(String), clientCertificate(String), accessAssociation(String)
    }

    private func taggable(_ arn: String) throws -> Taggable {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "apigateway", parts[5].hasPrefix("/") else {
            throw APIGateway.BadRequestException(message: "Invalid ARN specified in the request")
        }
        if parts[5].hasPrefix("/domainnameaccessassociations/") { return .accessAssociation(arn) }
        let path = parts[5].split(separator: "/").map(String.init)
        switch (path.first, path.count) {
        case ("restapis", 2): return .restApi(path[1])
        case ("restapis", 4) where path[2] == "stages": return .stage(path[1], path[3])
        case ("apikeys", 2): return .apiKey(path[1])
        case ("usageplans", 2): return .usagePlan(path[1])
        case ("domainnames", 2): return .domainName(path[1])
        case ("vpclinks", 2): return .vpcLink(path[1])
        case ("clientcertificates", 2): return .clientCertificate(path[1])
        default: throw APIGateway.BadRequestException(message: "Invalid ARN specified in the request")
        }
    }

    func tags(of arn: String) throws -> [String: String]? {
        let missing = APIGateway.NotFoundException(message: "Invalid resource identifier specified: \(arn)")
        switch try taggable(arn) {
        case .restApi(let id): guard let api = restApis[id] else { throw missing }; return api.api.tags
        case .stage(let id, let name):
            guard let stage = restApis[id]?.stages[name] else { throw missing }
            return stage.tags
        case .apiKey(let id): guard let key = apiKeys[id] else { throw missing }; return key.tags
        case .usagePlan(let id): guard let plan = usagePlans[id] else { throw missing }; return plan.plan.tags
        case .domainName(let name):
            guard let domain = domainNames[name] else { throw missing }
            return domain.domainName.tags
        case .vpcLink(let id): guard let link = vpcLinks[id] else { throw missing }; return link.tags
        case .clientCertificate(let id):
            guard let certificate = clientCertificates[id] else { throw missing }
            return certificate.tags
        case .accessAssociation(let arn):
            guard let association = domainNameAccessAssociations[arn] else { throw missing }
            return association.tags
        }
    }

    mutating func setTags(_ tags: [String: String], of arn: String) throws {
        _ = try self.tags(of: arn)
        switch try taggable(arn) {
        case .restApi(let id): restApis[id]!.api.tags = tags
        case .stage(let id, let name): restApis[id]!.stages[name]!.tags = tags
        case .apiKey(let id): apiKeys[id]!.tags = tags
        case .usagePlan(let id): usagePlans[id]!.plan.tags = tags
        case .domainName(let name): domainNames[name]!.domainName.tags = tags
        case .vpcLink(let id): vpcLinks[id]!.tags = tags
        case .clientCertificate(let id): clientCertificates[id]!.tags = tags
        case .accessAssociation(let arn): domainNameAccessAssociations[arn]!.tags = tags
        }
    }
}

/// An object with tags. GetX and UpdateX show `tags` even when there are none, as `{}`; creates
/// and lists leave the key out (recorded on AWS).
protocol Tagged {
    var tags: [String: String]? { get set }
}

extension Tagged {
    var withTags: Self {
        var copy = self
        copy.tags = tags ?? [:]
        return copy
    }
}
