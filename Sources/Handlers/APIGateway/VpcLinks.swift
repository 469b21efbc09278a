public import APIGateway
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createVpcLink(_ input: APIGateway.CreateVpcLinkRequest, context: RequestContext) async throws
        -> APIGateway.VpcLink
    {
        if input.name.isEmpty { throw APIGateway.BadRequestException(message: "Name cannot be empty") }
        for arn in input.targetArns where !Self.isWellFormedARN(arn) {
            throw APIGateway.BadRequestException(message: "Invalid ARN. ARN is not well formed \(arn)")
        }
        return try withState(context) { state in
            let link = APIGateway.VpcLink(
                id: Identifiers.make(length: 6) { state.vpcLinks[$0] != nil }, name: input.name,
                description: input.description, targetArns: input.targetArns, status: .pending, tags: input.tags)
            // The link is ready by the next read: the create answers PENDING, as AWS's does, and
            // clients that wait for AVAILABLE see it on their first poll.
            var ready = link
            ready.status = .available
            ready.statusMessage = "Your vpc link is ready for use"
            state.vpcLinks[link.id!] = ready
            return link
        }
    }

    public func getVpcLink(_ input: APIGateway.GetVpcLinkRequest, context: RequestContext) async throws
        -> APIGateway.VpcLink
    {
        try readState(context) { state in try state.vpcLink(input.vpcLinkId).withTags }
    }

    public func getVpcLinks(_ input: APIGateway.GetVpcLinksRequest, context: RequestContext) async throws
        -> APIGateway.VpcLinks
    {
        let links = try readState(context) { state in state.vpcLinks.map { (id: $0.key, item: $0.value) } }
        let page = try Page(links, token: input.position, limit: input.limit)
        return APIGateway.VpcLinks(position: page.nextToken, items: page.items)
    }

    public func updateVpcLink(_ input: APIGateway.UpdateVpcLinkRequest, context: RequestContext) async throws
        -> APIGateway.VpcLink
    {
        try withState(context) { state in
            var link = try state.vpcLink(input.vpcLinkId)
            try Self.vpcLinkPatches.apply(input.patchOperations, to: &link, inputName: "updateVpcLinkInput")
            state.vpcLinks[input.vpcLinkId] = link
            return link.withTags
        }
    }

    public func deleteVpcLink(_ input: APIGateway.DeleteVpcLinkRequest, context: RequestContext) async throws {
        try withState(context) { state in
            _ = try state.vpcLink(input.vpcLinkId)
            state.vpcLinks[input.vpcLinkId] = nil
        }
    }

    static let vpcLinkPatches: PatchRules<APIGateway.VpcLink> = {
        var rules = PatchRules<APIGateway.VpcLink>(wording: .mustBeOneOf)
        rules.on("/name", ops: [.replace]) { link, step in
            guard let name = step.value, !name.isEmpty else {
                throw APIGateway.BadRequestException(message: "Name cannot be empty")
            }
            link.name = name
        }
        rules.field("/description", \.description)
        return rules
    }()

    /// `arn:partition:service:region:account:resource`, with a partition, service and resource.
    static func isWellFormedARN(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty && !parts[5].isEmpty
    }
}

extension APIGatewayState {
    func vpcLink(_ id: String) throws -> APIGateway.VpcLink {
        guard let link = vpcLinks[id] else {
            throw APIGateway.NotFoundException(message: "Invalid Vpc Link identifier specified")
        }
        return link
    }
}

extension APIGateway.VpcLink: Tagged {}
