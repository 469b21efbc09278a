public import APIGateway
public import OrderedCollections

/// API Gateway v1 state of one partition: REST APIs and the account-wide objects (API keys,
/// usage plans, domain names, VPC links, client certificates), each in creation order.
public struct APIGatewayState: Sendable {
    public var restApis: OrderedDictionary<String, RestApiRecord> = [:]
    public var apiKeys: OrderedDictionary<String, APIGateway.ApiKey> = [:]
    public var usagePlans: OrderedDictionary<String, UsagePlanRecord> = [:]
    public var domainNames: OrderedDictionary<String, DomainNameRecord> = [:]
    public var domainNameAccessAssociations: OrderedDictionary<String, APIGateway.DomainNameAccessAssociation> = [:]
    public var vpcLinks: OrderedDictionary<String, APIGateway.VpcLink> = [:]
    public var clientCertificates: OrderedDictionary<String, APIGateway.ClientCertificate> = [:]
    /// Account settings (GetAccount/UpdateAccount); nil until first read, then AWS's defaults.
    public var account: APIGateway.Account?

    public init() {}
}

/// A REST API and everything that belongs to it.
public struct RestApiRecord: Sendable {
    public var api: APIGateway.RestApi
    /// Resources by id, in creation order; the root resource (`/`) comes first. Each resource
    /// carries its methods, and each method its responses and integration, as AWS returns them.
    public var resources: OrderedDictionary<String, APIGateway.Resource>
    /// Models by name.
    public var models: OrderedDictionary<String, APIGateway.Model> = [:]
    public var requestValidators: OrderedDictionary<String, APIGateway.RequestValidator> = [:]
    public var authorizers: OrderedDictionary<String, APIGateway.Authorizer> = [:]
    /// Gateway responses the user has put, by response type; the others have AWS's defaults.
    public var gatewayResponses: OrderedDictionary<String, APIGateway.GatewayResponse> = [:]
    public var deployments: OrderedDictionary<String, DeploymentRecord> = [:]
    /// Stages by name.
    public var stages: OrderedDictionary<String, APIGateway.Stage> = [:]
    public var documentationParts: OrderedDictionary<String, APIGateway.DocumentationPart> = [:]
    /// Documentation versions by version name, each with the parts it froze.
    public var documentationVersions: OrderedDictionary<String, DocumentationVersionRecord> = [:]
    /// The order in which imported methods declared their request parameters, by
    /// `MethodKey`: a method's `requestParameters` is an unordered map, and AWS's exports list
    /// parameters as they were declared.
    public var parameterOrder: [MethodKey: [String]] = [:]

    public init(api: APIGateway.RestApi, resources: OrderedDictionary<String, APIGateway.Resource>) {
        self.api = api
        self.resources = resources
    }

    /// What a deployment freezes: the API's definition as it is now.
    public var definition: RestApiDefinition {
        RestApiDefinition(
            api: api, resources: resources, models: models, requestValidators: requestValidators,
            authorizers: authorizers, gatewayResponses: gatewayResponses, parameterOrder: parameterOrder)
    }
}

/// A method of a REST API: its resource and verb.
public struct MethodKey: Hashable, Sendable {
    public var resourceId: String
    public var httpMethod: String

    public init(resourceId: String, httpMethod: String) {
        self.resourceId = resourceId
        self.httpMethod = httpMethod
    }
}

/// The deployable definition of a REST API, frozen by CreateDeployment and served by the data
/// plane; later edits to the API do not change it.
public struct RestApiDefinition: Sendable {
    public var api: APIGateway.RestApi
    public var resources: OrderedDictionary<String, APIGateway.Resource>
    public var models: OrderedDictionary<String, APIGateway.Model>
    public var requestValidators: OrderedDictionary<String, APIGateway.RequestValidator>
    public var authorizers: OrderedDictionary<String, APIGateway.Authorizer>
    public var gatewayResponses: OrderedDictionary<String, APIGateway.GatewayResponse>
    public var parameterOrder: [MethodKey: [String]] = [:]
}

/// A deployment and the definition it froze (the data plane compiles it for serving).
public struct DeploymentRecord: Sendable {
    public var deployment: APIGateway.Deployment
    public var definition: RestApiDefinition

    public init(deployment: APIGateway.Deployment, definition: RestApiDefinition) {
        self.deployment = deployment
        self.definition = definition
    }
}

/// A documentation version and the documentation parts it froze.
public struct DocumentationVersionRecord: Sendable {
    public var version: APIGateway.DocumentationVersion
    public var parts: OrderedDictionary<String, APIGateway.DocumentationPart>

    public init(
        version: APIGateway.DocumentationVersion, parts: OrderedDictionary<String, APIGateway.DocumentationPart>
    ) {
        self.version = version
        self.parts = parts
    }
}

/// A usage plan, its keys, and the usage recorded for them.
public struct UsagePlanRecord: Sendable {
    public var plan: APIGateway.UsagePlan
    /// Keys by API key id.
    public var keys: OrderedDictionary<String, APIGateway.UsagePlanKey> = [:]
    /// Requests counted per API key id and day (`yyyy-MM-dd`, UTC).
    public var usage: [String: [String: UsageCount]] = [:]

    public init(plan: APIGateway.UsagePlan) {
        self.plan = plan
    }
}

/// One day's usage of one key: requests used and the quota remaining.
public struct UsageCount: Sendable, Equatable {
    public var used: Int
    public var remaining: Int

    public init(used: Int, remaining: Int) {
        self.used = used
        self.remaining = remaining
    }
}

/// A custom domain name and its base path mappings, by base path (`(none)` for the empty one).
public struct DomainNameRecord: Sendable {
    public var domainName: APIGateway.DomainName
    public var basePathMappings: OrderedDictionary<String, APIGateway.BasePathMapping> = [:]

    public init(domainName: APIGateway.DomainName) {
        self.domainName = domainName
    }
}
