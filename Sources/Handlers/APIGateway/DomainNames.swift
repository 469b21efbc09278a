public import APIGateway
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createDomainName(_ input: APIGateway.CreateDomainNameRequest, context: RequestContext) async throws
        -> APIGateway.DomainName
    {
        guard !input.domainName.isEmpty else {
            throw APIGateway.BadRequestException(message: "No Domain Name specified")
        }
        let types = input.endpointConfiguration?.types ?? [.edge]
        guard types.count == 1, let type = types.first, [.edge, .regional, .private].contains(type) else {
            throw APIGateway.BadRequestException(
                message: "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE")
        }
        if type == .edge, input.certificateArn == nil, input.certificateName == nil || input.certificateBody == nil {
            throw APIGateway.BadRequestException(message: "A certificate was not provided for the endpoint type EDGE.")
        }
        if type == .regional, input.regionalCertificateArn == nil {
            throw APIGateway.BadRequestException(
                message: "A regional certificate ARN is required for a regional domain name")
        }
        if input.mutualTlsAuthentication?.truststoreUri != nil, type != .regional {
            throw APIGateway.BadRequestException(
                message: "Mutual TLS authentication is only supported for regional domain names")
        }
        if let uri = input.mutualTlsAuthentication?.truststoreUri, !uri.hasPrefix("s3://") {
            throw APIGateway.BadRequestException(message: "Truststore URI must be an S3 URI (s3://bucket/key)")
        }
        return try withState(context) { state in
            if state.domainNames.values.contains(where: {
                $0.domainName.domainName == input.domainName && (type != .private)
            }) {
                throw APIGateway.ConflictException(message: "The domain name you provided already exists.")
            }
            let random = Identifiers.make(length: 13)
            let domainNameId = type == .private ? Identifiers.make() : nil
            let key = domainNameId.map { "\(input.domainName)+\($0)" } ?? input.domainName
            var domain = APIGateway.DomainName(
                domainName: input.domainName, domainNameId: domainNameId,
                domainNameArn: "arn:aws:apigateway:\(context.region):"
                    + (type == .private ? context.accountId : "") + ":/domainnames/\(key)",
                certificateName: input.certificateName, certificateArn: input.certificateArn,
                regionalCertificateName: input.regionalCertificateName,
                regionalCertificateArn: input.regionalCertificateArn,
                endpointConfiguration: APIGateway.EndpointConfiguration(
                    types: [type], ipAddressType: input.endpointConfiguration?.ipAddressType ?? .ipv4),
                domainNameStatus: .available, securityPolicy: input.securityPolicy ?? .tls12,
                endpointAccessMode: input.endpointAccessMode, tags: input.tags,
                ownershipVerificationCertificateArn: input.ownershipVerificationCertificateArn,
                policy: input.policy, routingMode: input.routingMode ?? .basePathMappingOnly)
            if input.certificateArn != nil || input.certificateName != nil {
                domain.certificateUploadDate = Identifiers.creationDate()
            }
            switch type {
            case .edge:
                domain.distributionDomainName = "d\(random).cloudfront.net"
                domain.distributionHostedZoneId = "Z2FDTNDATAQYW2"
            case .regional:
                domain.regionalDomainName = "d-\(Identifiers.make()).execute-api.\(context.region).amazonaws.com"
                domain.regionalHostedZoneId = "Z1UJRXOUMOOFQ8"
            default:
                break
            }
            if let mtls = input.mutualTlsAuthentication, let uri = mtls.truststoreUri {
                domain.mutualTlsAuthentication = APIGateway.MutualTlsAuthentication(
                    truststoreUri: uri, truststoreVersion: mtls.truststoreVersion, truststoreWarnings: [])
            }
            state.domainNames[key] = DomainNameRecord(domainName: domain)
            return domain
        }
    }

    public func getDomainName(_ input: APIGateway.GetDomainNameRequest, context: RequestContext) async throws
        -> APIGateway.DomainName
    {
        try readState(context) { state in
            try state.domainName(input.domainName, id: input.domainNameId).domainName.withTags
        }
    }

    public func getDomainNames(_ input: APIGateway.GetDomainNamesRequest, context: RequestContext) async throws
        -> APIGateway.DomainNames
    {
        // Every domain name here belongs to the caller; none are shared from other accounts.
        let domains = try readState(context) { state in
            input.resourceOwner == .otherAccounts
                ? [] : state.domainNames.map { (id: $0.key, item: $0.value.domainName) }
        }
        let page = try Page(domains, token: input.position, limit: input.limit)
        return APIGateway.DomainNames(position: page.nextToken, items: page.items)
    }

    public func updateDomainName(_ input: APIGateway.UpdateDomainNameRequest, context: RequestContext) async throws
        -> APIGateway.DomainName
    {
        try withState(context) { state in
            let key = try state.domainNameKey(input.domainName, id: input.domainNameId)
            var domain = state.domainNames[key]!.domainName
            try Self.domainNamePatches.apply(input.patchOperations, to: &domain, inputName: "updateDomainNameInput")
            state.domainNames[key]!.domainName = domain
            return domain.withTags
        }
    }

    public func deleteDomainName(_ input: APIGateway.DeleteDomainNameRequest, context: RequestContext) async throws {
        try withState(context) { state in
            let key = try state.domainNameKey(input.domainName, id: input.domainNameId)
            let arn = state.domainNames[key]!.domainName.domainNameArn
            state.domainNames[key] = nil
            state.domainNameAccessAssociations.removeAll { $0.value.domainNameArn == arn }
        }
    }

    static let domainNamePatches: PatchRules<APIGateway.DomainName> = {
        var rules = PatchRules<APIGateway.DomainName>(wording: .plain)
        for path in ["certificateName", "certificateArn"] {
            rules.on("/\(path)", ops: [.add, .replace, .remove]) { domain, step in
                if path == "certificateName" { domain.certificateName = step.isRemoval ? nil : step.value }
                if path == "certificateArn" { domain.certificateArn = step.isRemoval ? nil : step.value }
                if !step.isRemoval { domain.certificateUploadDate = Identifiers.creationDate() }
            }
        }
        rules.field("/regionalCertificateName", \.regionalCertificateName, ops: [.add, .replace, .remove])
        rules.field("/regionalCertificateArn", \.regionalCertificateArn, ops: [.add, .replace, .remove])
        rules.field("/securityPolicy", \.securityPolicy)
        rules.field("/endpointAccessMode", \.endpointAccessMode)
        rules.field("/routingMode", \.routingMode)
        rules.field("/policy", \.policy)
        rules.field("/managementPolicy", \.managementPolicy)
        rules.field(
            "/ownershipVerificationCertificateArn", \.ownershipVerificationCertificateArn,
            ops: [.add, .replace, .remove])
        rules.on("/endpointConfiguration/ipAddressType", ops: [.replace]) { domain, step in
            let type = APIGateway.IpAddressType(rawValue: step.value ?? "")
            guard [.ipv4, .dualstack].contains(type) else {
                throw APIGateway.BadRequestException(message: "ipAddressType must be either ipv4 or dualstack.")
            }
            domain.endpointConfiguration?.ipAddressType = type
        }
        rules.on("/endpointConfiguration/types", ops: [.add, .remove, .replace], prefix: true) { domain, step in
            guard let value = step.value ?? step.captures.first,
                [APIGateway.EndpointType.edge, .regional].contains(APIGateway.EndpointType(rawValue: value))
            else {
                throw APIGateway.BadRequestException(
                    message: "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE")
            }
            let type = APIGateway.EndpointType(rawValue: value)
            // One endpoint at a time: adding a type switches to it, removing one switches away.
            let other: APIGateway.EndpointType = type == .edge ? .regional : .edge
            domain.endpointConfiguration?.types = step.op == .remove ? [other] : [type]
        }
        rules.on("/mutualTlsAuthentication/*", ops: [.add, .replace, .remove]) { domain, step in
            var mtls = domain.mutualTlsAuthentication ?? APIGateway.MutualTlsAuthentication(truststoreWarnings: [])
            let value = step.isRemoval ? nil : step.value.flatMap { $0.isEmpty ? nil : $0 }
            switch step.key {
            case "truststoreUri": mtls.truststoreUri = value
            case "truststoreVersion": mtls.truststoreVersion = value
            default: throw APIGateway.BadRequestException(message: "Invalid patch path \(step.path)")
            }
            domain.mutualTlsAuthentication = mtls.truststoreUri == nil ? nil : mtls
        }
        return rules
    }()

    // MARK: Domain name access associations (private custom domain names)

    public func createDomainNameAccessAssociation(
        _ input: APIGateway.CreateDomainNameAccessAssociationRequest, context: RequestContext
    ) async throws -> APIGateway.DomainNameAccessAssociation {
        guard input.accessAssociationSourceType.rawValue == "VPCE" else {
            throw APIGateway.BadRequestException(
                message: "Invalid access association source type: \(input.accessAssociationSourceType.rawValue)")
        }
        return try withState(context) { state in
            guard
                let domain = state.domainNames.values.first(where: {
                    $0.domainName.domainNameArn == input.domainNameArn
                })
            else {
                // The model gives this operation no NotFoundException; AWS answers with a 400.
                throw APIGateway.BadRequestException(message: "Invalid domain name identifier specified")
            }
            let key = "\(domain.domainName.domainName ?? "")+\(domain.domainName.domainNameId ?? "")"
            let arn =
                "arn:aws:apigateway:\(context.region):\(context.accountId):/domainnameaccessassociations/domainname/"
                + "\(key)/vpcesource/\(input.accessAssociationSource)"
            if state.domainNameAccessAssociations[arn] != nil {
                throw APIGateway.ConflictException(message: "The domain name access association already exists.")
            }
            let association = APIGateway.DomainNameAccessAssociation(
                domainNameAccessAssociationArn: arn, domainNameArn: input.domainNameArn,
                accessAssociationSourceType: input.accessAssociationSourceType,
                accessAssociationSource: input.accessAssociationSource, tags: input.tags)
            state.domainNameAccessAssociations[arn] = association
            return association
        }
    }

    public func getDomainNameAccessAssociations(
        _ input: APIGateway.GetDomainNameAccessAssociationsRequest, context: RequestContext
    ) async throws -> APIGateway.DomainNameAccessAssociations {
        let associations = try readState(context) { state in
            input.resourceOwner == .otherAccounts
                ? [] : state.domainNameAccessAssociations.map { (id: $0.key, item: $0.value) }
        }
        let page = try Page(associations, token: input.position, limit: input.limit)
        return APIGateway.DomainNameAccessAssociations(position: page.nextToken, items: page.items)
    }

    public func deleteDomainNameAccessAssociation(
        _ input: APIGateway.DeleteDomainNameAccessAssociationRequest, context: RequestContext
    ) async throws {
        try withState(context) { state in
            guard state.domainNameAccessAssociations.removeValue(forKey: input.domainNameAccessAssociationArn) != nil
            else {
                throw APIGateway.NotFoundException(
                    message: "Invalid domain name access association identifier specified")
            }
        }
    }

    public func rejectDomainNameAccessAssociation(
        _ input: APIGateway.RejectDomainNameAccessAssociationRequest, context: RequestContext
    ) async throws {
        try withState(context) { state in
            guard let association = state.domainNameAccessAssociations[input.domainNameAccessAssociationArn],
                association.domainNameArn == input.domainNameArn
            else {
                throw APIGateway.NotFoundException(
                    message: "Invalid domain name access association identifier specified")
            }
            state.domainNameAccessAssociations[input.domainNameAccessAssociationArn] = nil
        }
    }
}

extension APIGatewayState {
    /// The key of a domain name: its name, or `name+id` for a private one.
    func domainNameKey(_ name: String, id: String?) throws -> String {
        let key = id.map { "\(name)+\($0)" } ?? name
        guard domainNames[key] != nil else {
            throw APIGateway.NotFoundException(message: "Invalid domain name identifier specified")
        }
        return key
    }

    func domainName(_ name: String, id: String?) throws -> DomainNameRecord {
        domainNames[try domainNameKey(name, id: id)]!
    }
}

extension APIGateway.DomainName: Tagged {}
