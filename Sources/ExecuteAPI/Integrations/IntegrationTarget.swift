/// What an integration calls, whatever the kind of API: compiled once with the deployment.
struct IntegrationTarget: Sendable {
    enum Kind: Sendable, Equatable {
        case mock
        /// HTTP (`proxy` false) or HTTP_PROXY.
        case http(proxy: Bool)
        /// A Lambda function's payload in, its result out: AWS_PROXY (`proxy` true), or an AWS
        /// integration whose URI names a function.
        case lambda(proxy: Bool)
        /// Another AWS service, forwarded SigV4-signed to `--aws-endpoint`.
        case awsService
    }

    var kind: Kind
    /// The URI as configured (stage variables and path parameters substituted per call).
    var uri: String?
    /// The method the back end is called with; `ANY` or nil takes the client's.
    var httpMethod: String?
    var timeout: Duration
}
