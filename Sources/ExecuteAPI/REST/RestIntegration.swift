import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// An integration, compiled: its request templates parsed and its responses ordered for selection.
struct RestIntegration: Sendable {
    let type: APIGateway.IntegrationType
    /// What is called, as every kind of API describes it.
    let target: IntegrationTarget
    /// `integration.request.{location}.{name}` ← a source expression, in key order.
    let requestParameters: [(target: String, source: String)]
    let requestTemplates: TemplateTable
    let passthroughBehavior: String
    let contentHandling: APIGateway.ContentHandlingStrategy?
    /// Responses with a selection pattern, in status-code order; `defaultResponse` has none.
    let selectable: [(pattern: SelectionPattern, response: RestIntegrationResponse)]
    let defaultResponse: RestIntegrationResponse?

    init(_ integration: APIGateway.Integration) {
        let type = integration.type ?? .mock
        self.type = type
        let kind: IntegrationTarget.Kind =
            switch type {
            case .http: .http(proxy: false)
            case .httpProxy: .http(proxy: true)
            case .awsProxy: .lambda(proxy: true)
            case .aws: IntegrationURI.isLambda(integration.uri) ? .lambda(proxy: false) : .awsService
            default: .mock
            }
        self.target = IntegrationTarget(
            kind: kind, uri: integration.uri, httpMethod: integration.httpMethod,
            timeout: .milliseconds(integration.timeoutInMillis ?? 29_000))
        self.requestParameters = (integration.requestParameters ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        self.requestTemplates = TemplateTable(integration.requestTemplates)
        self.passthroughBehavior = integration.passthroughBehavior ?? "WHEN_NO_MATCH"
        self.contentHandling = integration.contentHandling
        var selectable: [(SelectionPattern, RestIntegrationResponse)] = []
        var defaultResponse: RestIntegrationResponse?
        for (status, response) in (integration.integrationResponses ?? [:]).sorted(by: { $0.key < $1.key }) {
            let served = RestIntegrationResponse(status: status, response)
            if let pattern = response.selectionPattern, !pattern.isEmpty {
                selectable.append((SelectionPattern(pattern), served))
            } else {
                defaultResponse = served
            }
        }
        self.selectable = selectable
        self.defaultResponse = defaultResponse
    }

    var isProxy: Bool { type == .httpProxy || type == .awsProxy }

    /// Whether any of its request or response templates may render for long.
    var mayRunLong: Bool {
        requestTemplates.mayRunLong || selectable.contains { $0.response.responseTemplates.mayRunLong }
            || (defaultResponse?.responseTemplates.mayRunLong ?? false)
    }

    /// The integration response for a back end's answer: the first whose pattern matches
    /// `selector` (the status code, or a Lambda error message), else the default.
    func response(for selector: String?) -> RestIntegrationResponse? {
        if let selector, let match = selectable.first(where: { $0.pattern.matches(selector) }) {
            return match.response
        }
        return defaultResponse
    }
}

struct RestIntegrationResponse: Sendable {
    let statusCode: String
    let responseParameters: [(target: String, source: String)]
    let responseTemplates: TemplateTable
    let contentHandling: APIGateway.ContentHandlingStrategy?

    init(status: String, _ response: APIGateway.IntegrationResponse) {
        self.statusCode = status
        self.responseParameters = (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, $0.value)
        }
        self.responseTemplates = TemplateTable(sparse: response.responseTemplates)
        self.contentHandling = response.contentHandling
    }
}
