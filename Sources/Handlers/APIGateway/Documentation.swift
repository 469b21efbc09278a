public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createDocumentationPart(_ input: APIGateway.CreateDocumentationPartRequest, context: RequestContext)
        async throws -> APIGateway.DocumentationPart
    {
        var errors = ValidationErrors()
        errors.checkEnum(
            input.location.type, at: "createDocumentationPartInput.location.type", allowed: DocumentationParts.types)
        try errors.throwIfAny()
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                try record.addDocumentationPart(location: input.location, properties: input.properties)
            }
        }
    }

    public func getDocumentationPart(_ input: APIGateway.GetDocumentationPartRequest, context: RequestContext)
        async throws -> APIGateway.DocumentationPart
    {
        // AWS reports an unknown API here as an unknown part (recorded).
        try readState(context) { state in
            guard let part = state.restApis[input.restApiId]?.documentationParts[input.documentationPartId] else {
                throw DocumentationParts.notFound
            }
            return part
        }
    }

    public func getDocumentationParts(_ input: APIGateway.GetDocumentationPartsRequest, context: RequestContext)
        async throws -> APIGateway.DocumentationParts
    {
        let parts = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).documentationParts.values.filter { part in
                let location = part.location!
                // Every stored part has content, so none is UNDOCUMENTED.
                return (input.type.map { location.type == $0 } ?? true)
                    && (input.nameQuery.map { location.name?.hasPrefix($0) == true } ?? true)
                    && (input.path.map { location.path == $0 } ?? true)
                    && input.locationStatus?.rawValue != "UNDOCUMENTED"
            }.map { (id: $0.id!, item: $0) }
        }
        let page = try Page(parts, token: input.position, limit: input.limit)
        return APIGateway.DocumentationParts(position: page.nextToken, items: page.items)
    }

    public func updateDocumentationPart(_ input: APIGateway.UpdateDocumentationPartRequest, context: RequestContext)
        async throws -> APIGateway.DocumentationPart
    {
        try withState(context) { state in
            guard var part = state.restApis[input.restApiId]?.documentationParts[input.documentationPartId] else {
                throw DocumentationParts.notFound
            }
            var rules = PatchRules<APIGateway.DocumentationPart>(wording: .mustBeOneOf)
            rules.on("/properties", ops: [.replace]) { part, step in
                part.properties = try DocumentationParts.validProperties(step.value)
            }
            try rules.apply(input.patchOperations, to: &part, inputName: "updateDocumentationPartInput")
            state.restApis[input.restApiId]!.documentationParts[input.documentationPartId] = part
            return part
        }
    }

    public func deleteDocumentationPart(_ input: APIGateway.DeleteDocumentationPartRequest, context: RequestContext)
        async throws
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                guard record.documentationParts.removeValue(forKey: input.documentationPartId) != nil else {
                    throw DocumentationParts.notFound
                }
            }
        }
    }

    /// ImportDocumentationParts: the `x-amazon-apigateway-documentation` extension of an OpenAPI
    /// document; `overwrite` replaces the API's parts, `merge` (the default) adds to them.
    public func importDocumentationParts(
        _ input: APIGateway.ImportDocumentationPartsRequest, context: RequestContext
    ) async throws -> APIGateway.DocumentationPartIds {
        guard let document = try? OpenAPIDocumentText.parse(input.body), case .object = document else {
            throw APIGateway.BadRequestException(message: "Unable to build importer with provided input.")
        }
        let parts = document["x-amazon-apigateway-documentation"]?["documentationParts"]
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                if input.mode?.rawValue == "overwrite" { record.documentationParts = [:] }
                var ids: [String] = []
                var warnings: [String] = []
                guard case .array(let items)? = parts else {
                    return APIGateway.DocumentationPartIds(ids: [], warnings: nil)
                }
                for item in items {
                    do {
                        let location = try APIGateway.DocumentationPartLocation(
                            json: item["location"] ?? .null, path: "location")
                        let properties = item["properties"]?.jsonText ?? ""
                        if let existing = record.documentationParts.values.first(where: { $0.location == location }) {
                            record.documentationParts[existing.id!]!.properties =
                                try DocumentationParts
                                .validProperties(properties)
                            ids.append(existing.id!)
                        } else {
                            ids.append(try record.addDocumentationPart(location: location, properties: properties).id!)
                        }
                    } catch {
                        if input.failOnWarnings == true { throw error }
                        warnings.append("Skipped a documentation part: \(error)")
                    }
                }
                // AWS leaves `warnings` out when there are none.
                return APIGateway.DocumentationPartIds(ids: ids, warnings: warnings.isEmpty ? nil : warnings)
            }
        }
    }

    // MARK: Documentation versions

    public func createDocumentationVersion(
        _ input: APIGateway.CreateDocumentationVersionRequest, context: RequestContext
    ) async throws -> APIGateway.DocumentationVersion {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                guard !input.documentationVersion.isEmpty else {
                    throw APIGateway.BadRequestException(message: "Documentation version must be non-empty")
                }
                if record.documentationVersions[input.documentationVersion] != nil {
                    throw APIGateway.ConflictException(message: "Documentation version already exists")
                }
                if let stage = input.stageName {
                    _ = try record.stage(stage)
                    record.stages[stage]!.documentationVersion = input.documentationVersion
                }
                let version = APIGateway.DocumentationVersion(
                    version: input.documentationVersion, createdDate: Identifiers.creationDate(),
                    description: input.description)
                record.documentationVersions[input.documentationVersion] = DocumentationVersionRecord(
                    version: version, parts: record.documentationParts)
                return version
            }
        }
    }

    public func getDocumentationVersion(_ input: APIGateway.GetDocumentationVersionRequest, context: RequestContext)
        async throws -> APIGateway.DocumentationVersion
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context).documentationVersion(input.documentationVersion)
                .version
        }
    }

    public func getDocumentationVersions(
        _ input: APIGateway.GetDocumentationVersionsRequest, context: RequestContext
    ) async throws -> APIGateway.DocumentationVersions {
        let versions = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).documentationVersions.map {
                (id: $0.key, item: $0.value.version)
            }
        }
        let page = try Page(versions, token: input.position, limit: input.limit)
        return APIGateway.DocumentationVersions(position: page.nextToken, items: page.items)
    }

    public func updateDocumentationVersion(
        _ input: APIGateway.UpdateDocumentationVersionRequest, context: RequestContext
    ) async throws -> APIGateway.DocumentationVersion {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                var version = try record.documentationVersion(input.documentationVersion).version
                var rules = PatchRules<APIGateway.DocumentationVersion>(wording: .mustBeOneOf)
                rules.field("/description", \.description)
                try rules.apply(input.patchOperations, to: &version, inputName: "updateDocumentationVersionInput")
                record.documentationVersions[input.documentationVersion]!.version = version
                return version
            }
        }
    }

    public func deleteDocumentationVersion(
        _ input: APIGateway.DeleteDocumentationVersionRequest, context: RequestContext
    ) async throws {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                _ = try record.documentationVersion(input.documentationVersion)
                record.documentationVersions[input.documentationVersion] = nil
                for (name, stage) in record.stages where stage.documentationVersion == input.documentationVersion {
                    record.stages[name]!.documentationVersion = nil
                }
            }
        }
    }
}

enum DocumentationParts {
    /// AWS's order, as its validation message lists them.
    static let types: [APIGateway.DocumentationPartType] = [
        .responseBody, .response, .method, .model, .authorizer, .responseHeader, .resource, .pathParameter,
        .requestBody, .queryParameter, .api, .requestHeader,
    ]

    static let notFound = APIGateway.NotFoundException(message: "Invalid Documentation part identifier specified")

    /// Properties are a non-empty JSON object, kept as the caller wrote it.
    static func validProperties(_ text: String?) throws -> String {
        guard let text, case .object(let members)? = try? JSONValue.parse(text), !members.isEmpty else {
            throw APIGateway.BadRequestException(message: "Documentation part properties must be non-empty")
        }
        return text
    }

    /// The location fields each type takes; AWS fills `path` with `/` and `method` with `*` where
    /// they apply and are absent.
    static func normalize(_ location: APIGateway.DocumentationPartLocation) throws
        -> APIGateway.DocumentationPartLocation
    {
        var location = location
        let type = location.type
        let takesPath: Set<APIGateway.DocumentationPartType> = [
            .resource, .method, .queryParameter, .pathParameter, .requestHeader, .requestBody, .response,
            .responseHeader, .responseBody,
        ]
        let takesMethod = takesPath.subtracting([.resource])
        let takesStatus: Set<APIGateway.DocumentationPartType> = [.response, .responseHeader, .responseBody]
        let takesName: Set<APIGateway.DocumentationPartType> = [
            .queryParameter, .pathParameter, .requestHeader, .responseHeader, .model, .authorizer,
        ]
        func refuse(_ field: String) -> APIGateway.BadRequestException {
            APIGateway.BadRequestException(
                message: "Invalid documentation part location: \(field) is not valid for type \(type.rawValue)")
        }
        if takesPath.contains(type) {
            location.path = location.path ?? "/"
        } else if location.path != nil {
            throw refuse("path")
        }
        if takesMethod.contains(type) {
            location.method = location.method ?? "*"
        } else if location.method != nil {
            throw refuse("method")
        }
        if takesStatus.contains(type) {
            location.statusCode = location.statusCode ?? "*"
        } else if location.statusCode != nil {
            throw refuse("statusCode")
        }
        if takesName.contains(type) {
            guard location.name?.isEmpty == false else {
                throw APIGateway.BadRequestException(
                    message: "Invalid documentation part location: a name is required for type \(type.rawValue)")
            }
        } else if location.name != nil {
            throw refuse("name")
        }
        return location
    }
}

extension RestApiRecord {
    mutating func addDocumentationPart(location: APIGateway.DocumentationPartLocation, properties: String) throws
        -> APIGateway.DocumentationPart
    {
        guard location.type.isKnown else {
            throw APIGateway.BadRequestException(
                message: "Invalid documentation part location type: \(location.type.rawValue)")
        }
        let location = try DocumentationParts.normalize(location)
        let properties = try DocumentationParts.validProperties(properties)
        if documentationParts.values.contains(where: { $0.location == location }) {
            throw APIGateway.ConflictException(
                message:
                    "Documentation part already exists for the specified location: type '\(location.type.rawValue)'"
            )
        }
        let part = APIGateway.DocumentationPart(
            id: Identifiers.make(length: 6) { documentationParts[$0] != nil }, location: location,
            properties: properties)
        documentationParts[part.id!] = part
        return part
    }

    func documentationVersion(_ version: String) throws -> DocumentationVersionRecord {
        guard let record = documentationVersions[version] else {
            throw APIGateway.NotFoundException(message: "Invalid Documentation Version specified")
        }
        return record
    }
}
