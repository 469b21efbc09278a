public import APIGateway
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func getResources(_ input: APIGateway.GetResourcesRequest, context: RequestContext) async throws
        -> APIGateway.Resources
    {
        let resources = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).resources.values.map { (id: $0.id!, item: $0) }
        }
        let embedMethods = input.embed?.contains("methods") == true
        let page = try Page(resources, token: input.position, limit: input.limit)
        return APIGateway.Resources(
            position: page.nextToken, items: page.items.map { embedMethods ? $0 : $0.withoutMethods })
    }

    public func getResource(_ input: APIGateway.GetResourceRequest, context: RequestContext) async throws
        -> APIGateway.Resource
    {
        let resource = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).resource(input.resourceId)
        }
        return input.embed?.contains("methods") == true ? resource : resource.withoutMethods
    }

    public func createResource(_ input: APIGateway.CreateResourceRequest, context: RequestContext) async throws
        -> APIGateway.Resource
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                let parent = try record.resource(input.parentId)
                try Self.validatePathPart(input.pathPart)
                try record.checkPlacement(pathPart: input.pathPart, under: parent, movingId: nil)
                let id = Identifiers.make { record.resources[$0] != nil }
                let resource = APIGateway.Resource(
                    id: id, parentId: parent.id, pathPart: input.pathPart,
                    path: Self.childPath(parent: parent.path ?? "/", pathPart: input.pathPart))
                record.resources[id] = resource
                return resource
            }
        }
    }

    public func updateResource(_ input: APIGateway.UpdateResourceRequest, context: RequestContext) async throws
        -> APIGateway.Resource
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                let original = try record.resource(input.resourceId)
                var updated = original
                try Self.resourcePatches.apply(input.patchOperations, to: &updated, inputName: "updateResourceInput")
                if original.parentId == nil {
                    if updated.pathPart != original.pathPart {
                        throw APIGateway.BadRequestException(message: "Root resource cannot update its pathPart.")
                    }
                    if updated.parentId != nil {
                        throw APIGateway.BadRequestException(message: "Root resource cannot update its parentId.")
                    }
                    return original
                }
                guard let newParentId = updated.parentId, let pathPart = updated.pathPart else {
                    throw APIGateway.BadRequestException(message: "Invalid patch path null")
                }
                let parent = try record.resource(newParentId)
                if newParentId == original.id || record.isDescendant(newParentId, of: original.id!) {
                    throw APIGateway.BadRequestException(message: "Resources cannot be cyclical.")
                }
                try Self.validatePathPart(pathPart)
                if updated.pathPart != original.pathPart || updated.parentId != original.parentId {
                    try record.checkPlacement(pathPart: pathPart, under: parent, movingId: original.id)
                }
                updated.path = Self.childPath(parent: parent.path ?? "/", pathPart: pathPart)
                record.resources[original.id!] = updated
                record.refreshPaths(under: original.id!)
                return record.resources[original.id!]!.withoutMethods
            }
        }
    }

    public func deleteResource(_ input: APIGateway.DeleteResourceRequest, context: RequestContext) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                let resource = try record.resource(input.resourceId)
                guard resource.parentId != nil else {
                    throw APIGateway.BadRequestException(message: "Cannot delete root resource")
                }
                let doomed = Set(record.descendants(of: input.resourceId) + [input.resourceId])
                record.resources.removeAll { doomed.contains($0.key) }
            }
        }
    }

    static let resourcePatches: PatchRules<APIGateway.Resource> = {
        var rules = PatchRules<APIGateway.Resource>(wording: .mustBeOneOf)
        rules.on("/parentId", ops: [.replace]) { resource, step in resource.parentId = try step.string() }
        rules.on("/pathPart", ops: [.replace]) { resource, step in resource.pathPart = try step.string() }
        return rules
    }()

    /// AWS's rules for a path part: letters, digits, `.`, `_`, `-` and `:`, or one variable
    /// `{name}`, which may be greedy (`{name+}`).
    static func validatePathPart(_ pathPart: String) throws {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:")
        var name = Substring(pathPart)
        if name.hasPrefix("{") && name.hasSuffix("}") && name.count > 2 {
            name = name.dropFirst().dropLast()
            if name.hasSuffix("+") { name = name.dropLast() }
        }
        guard !name.isEmpty, name.allSatisfy(plain.contains) else {
            throw APIGateway.BadRequestException(
                message: "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end "
                    + "and an optional plus sign before the closing brace.")
        }
    }

    static func childPath(parent: String, pathPart: String) -> String {
        parent == "/" ? "/" + pathPart : parent + "/" + pathPart
    }
}

extension APIGateway.Resource {
    /// Without `embed=methods`, AWS lists only the names of a resource's methods, with empty bodies.
    var withoutMethods: Self {
        var copy = self
        copy.resourceMethods = copy.resourceMethods?.mapValues { _ in APIGateway.Method() }
        return copy
    }

    var isVariable: Bool { pathPart?.hasPrefix("{") == true }
    var isGreedy: Bool { pathPart?.hasSuffix("+}") == true }
}

extension RestApiRecord {
    func resource(_ id: String) throws -> APIGateway.Resource {
        guard let resource = resources[id] else { throw Self.unknownResource }
        return resource
    }

    static let unknownResource = APIGateway.NotFoundException(message: "Invalid Resource identifier specified")

    func children(of id: String) -> [APIGateway.Resource] {
        resources.values.filter { $0.parentId == id }
    }

    func descendants(of id: String) -> [String] {
        children(of: id).flatMap { [$0.id!] + descendants(of: $0.id!) }
    }

    func isDescendant(_ candidate: String, of ancestor: String) -> Bool {
        descendants(of: ancestor).contains(candidate)
    }

    /// The checks AWS makes before a resource gets `pathPart` under `parent`.
    func checkPlacement(pathPart: String, under parent: APIGateway.Resource, movingId: String?) throws {
        if parent.isGreedy { throw Self.greedyParent(parent) }
        let siblings = children(of: parent.id!).filter { $0.id != movingId }
        if siblings.contains(where: { $0.pathPart == pathPart }) {
            throw APIGateway.ConflictException(
                message: "Another resource with the same parent already has this name: \(pathPart)")
        }
        if pathPart.hasPrefix("{"), let variable = siblings.first(where: \.isVariable) {
            throw Self.variableSibling(variable.pathPart)
        }
    }

    static func greedyParent(_ parent: APIGateway.Resource) -> APIGateway.BadRequestException {
        APIGateway.BadRequestException(
            message: "Cannot create a child of a resource with a greedy path variable: \(parent.pathPart ?? "")")
    }

    static func variableSibling(_ pathPart: String?) -> APIGateway.BadRequestException {
        APIGateway.BadRequestException(
            message: "A sibling (\(pathPart ?? "")) of this resource already has a variable path part "
                + "-- only one is allowed")
    }

    /// Recomputes the paths below `id` after it moved or was renamed.
    mutating func refreshPaths(under id: String) {
        guard let parentPath = resources[id]?.path else { return }
        for child in children(of: id) {
            let childId = child.id!
            resources[childId]?.path = APIGatewayHandler.childPath(parent: parentPath, pathPart: child.pathPart ?? "")
            refreshPaths(under: childId)
        }
    }
}
