/// The input of an operation: decoded from a request by the server, encoded into one by clients
/// (and by the round-trip tests).
public protocol OperationInput: Sendable, Equatable {
    init(request: ServiceRequest, labels: [String: String]) throws
    /// The request for this input to `operation` (whose URI template and query literals it uses).
    func encodeRequest(for operation: OperationDescriptor) -> ServiceRequest
    /// A value with every required member set to an empty value; the coverage report calls each
    /// operation with it to learn whether a handler exists.
    static var placeholder: Self { get }
}

/// The output of an operation: encoded into a response by the server, decoded by clients.
public protocol OperationOutput: Sendable, Equatable {
    func encodeResponse(status: Int) -> ServiceResponse
    init(response: ServiceResponse) throws
}

/// What the model says of one operation.
public struct OperationDescriptor: Sendable {
    public let name: String
    public let method: String
    public let uri: URITemplate
    /// The status of a successful answer (the model's `responseCode`, else 200).
    public let successStatus: Int
    public let inputType: any OperationInput.Type
    public let outputType: (any OperationOutput.Type)?

    public init(
        name: String, method: String, uri: String, successStatus: Int, inputType: any OperationInput.Type,
        outputType: (any OperationOutput.Type)?
    ) {
        self.name = name
        self.method = method
        // Generated from a model the generator already validated.
        self.uri = try! URITemplate(uri)
        self.successStatus = successStatus
        self.inputType = inputType
        self.outputType = outputType
    }
}

/// One operation of a service as the router dispatches it.
public struct Route<Service: Sendable>: Sendable {
    public let operation: OperationDescriptor
    /// Decodes the request, calls the handler and encodes its answer.
    public let invoke:
        @Sendable (Service, ServiceRequest, [String: String], RequestContext) async throws -> ServiceResponse
    /// Calls the handler with the placeholder input, for the coverage report.
    public let probe: @Sendable (Service, RequestContext) async throws -> Void

    public init(
        operation: OperationDescriptor,
        invoke:
            @escaping @Sendable (Service, ServiceRequest, [String: String], RequestContext) async throws ->
            ServiceResponse,
        probe: @escaping @Sendable (Service, RequestContext) async throws -> Void
    ) {
        self.operation = operation
        self.invoke = invoke
        self.probe = probe
    }
}

/// The routes of one service and the router over them.
public struct ServiceRoutes<Service: Sendable>: Sendable {
    public let serviceName: String
    public let routes: [Route<Service>]
    public let router: Router<Route<Service>>

    public init(serviceName: String, routes: [Route<Service>]) {
        self.serviceName = serviceName
        self.routes = routes
        var router = Router<Route<Service>>()
        for route in routes {
            router.add(method: route.operation.method, template: route.operation.uri, target: route)
        }
        self.router = router
    }

    public func match(_ request: ServiceRequest) -> Router<Route<Service>>.Match? {
        router.match(method: request.method, path: request.path, query: request.query)
    }
}
