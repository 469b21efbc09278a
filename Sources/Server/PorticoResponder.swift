import APIGateway
import APIGatewayManagement
import APIGatewayV2
import ExecuteAPI
import Foundation
import HTTPTypes
import Handlers
import Hummingbird
import Logging
import NIOCore
import RestJson1
import State

/// Answers every request on the one listener: classifies it (DESIGN.md §4), dispatches it, and
/// adds what every answer carries (`x-amzn-RequestId`, one log line).
struct PorticoResponder: HTTPResponder {
    typealias Context = PorticoRequestContext

    let store: Store
    let bodyLimit: Int
    let logger: Logger
    let apiGateway: any APIGatewayService
    let apiGatewayV2: any APIGatewayV2Service
    let management: any APIGatewayManagementService
    let restDataPlane: RestDataPlane
    /// Where the control plane and costly data-plane requests run (`WorkExecutor`).
    let work: any TaskExecutor

    init(store: Store, bodyLimit: Int, logger: Logger, backends: IntegrationBackends, work: any TaskExecutor) {
        self.work = work
        self.store = store
        self.bodyLimit = bodyLimit
        self.logger = logger
        let catalog = APICatalog(store: store)
        self.restDataPlane = RestDataPlane(catalog: catalog, backends: backends, heavyWork: work)
        self.apiGateway = APIGatewayHandler(store: store, backends: backends, catalog: catalog)
        self.apiGatewayV2 = APIGatewayV2Handler(store: store)
        self.management = APIGatewayManagementHandler(store: store)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestId = RequestIds.uuid()
        let target = request.head.path ?? "/"
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let path = String(target[..<pathEnd])
        let hostHeader = request.head.authority ?? "localhost"
        let host = String(hostHeader.prefix { $0 != ":" }).lowercased()
        let method = request.method.rawValue
        var traffic = TrafficClass.classify(method: method, host: host, path: path)
        if case .controlPlane = traffic, !TrafficClass.isLocalHost(host),
            let (apiId, stage, rest) = restDataPlane.catalog.customDomain(host: host, path: path)
        {
            traffic = .dataPlane(apiId: apiId, stage: stage, path: rest)
        }

        var (answer, operation) = await answer(
            request, traffic: traffic, target: target, host: hostHeader, requestId: requestId, peer: context)
        answer.headers.set("x-amzn-RequestId", requestId)
        if !(200...599).contains(answer.status) {
            // Whatever produced it, a status that cannot end an HTTP exchange never reaches the wire.
            logger.error(
                "\(operation) answered the invalid status \(answer.status); answering 500",
                metadata: ["request-id": "\(requestId)"])
            answer = ServiceResponse.error(code: "InternalFailure", status: 500, message: "Internal server error")
            answer.headers.set("x-amzn-RequestId", requestId)
        }

        let elapsed = ContinuousClock.now - started
        logger.info(
            "\(method) \(path) \(answer.status) \(operation) \(Self.milliseconds(elapsed))ms",
            metadata: ["request-id": "\(requestId)"])
        return Response(answer)
    }

    /// A duration as milliseconds with one decimal (`12.3`), without Foundation's formatter.
    static func milliseconds(_ duration: Duration) -> String {
        let tenths = duration.components.seconds * 10_000 + duration.components.attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The answer and the name of what answered it (an operation or an endpoint), for the log.
    func answer(
        _ request: Request, traffic: TrafficClass, target: String, host: String, requestId: String, peer: Context
    ) async -> (ServiceResponse, String) {
        switch traffic {
        case .internal(.health):
            return (InternalEndpoints.health(), "health")
        case .internal(.reset):
            store.reset()
            return (InternalEndpoints.resetDone(), "reset")
        default:
            break
        }
        let body: [UInt8]
        switch await collectBody(request) {
        case .complete(let bytes):
            body = bytes
        case .tooLarge:
            // A deployed API answers with API Gateway's REQUEST_TOO_LARGE response.
            var answer =
                if case .dataPlane = traffic {
                    ServiceResponse.error(code: "RequestTooLongException", status: 413, message: "Request Too Long")
                } else {
                    ServiceResponse.error(
                        code: "RequestEntityTooLargeException", status: 413,
                        message: "Request body is larger than the limit of \(bodyLimit) bytes")
                }
            answer.headers.set("Connection", "close")
            return (answer, "rejected")
        case .unreadable(let error):
            var answer = ServiceResponse.error(
                code: "BadRequestException", status: 400, message: "The request body could not be read: \(error)")
            answer.headers.set("Connection", "close")
            return (answer, "unreadable")
        }
        let headers = Headers(request.headers.map { (name: $0.name.rawName, value: $0.value) })
        switch traffic {
        case .dataPlane(let apiId, let stage, let path):
            let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
            let requestFacts = RequestFacts(
                method: request.method.rawValue, path: path, rawQuery: query, headers: headers, body: body, host: host,
                sourceIp: peer.remoteAddress?.ipAddress ?? "127.0.0.1", requestId: requestId)
            var answer = await restDataPlane.invoke(apiId: apiId, stage: stage, request: requestFacts)
            // API Gateway confirms a client's `Connection: close` on the answer.
            if let connection = headers["Connection"],
                connection.split(separator: ",").contains(where: {
                    $0.trimmingCharacters(in: .whitespaces).lowercased() == "close"
                })
            {
                answer.headers.set("Connection", "close")
            }
            return (answer, "execute-api")
        case .controlPlane(.apiGateway):
            let (serviceRequest, context) = controlPlane(
                request, target: target, headers: headers, body: body, requestId: requestId, host: host)
            return await dispatch(serviceRequest, routes: APIGateway.routes, service: apiGateway, context: context)
        case .controlPlane(.apiGatewayV2):
            let (serviceRequest, context) = controlPlane(
                request, target: target, headers: headers, body: body, requestId: requestId, host: host)
            return await dispatch(serviceRequest, routes: APIGatewayV2.routes, service: apiGatewayV2, context: context)
        case .management:
            var (managementRequest, context) = controlPlane(
                request, target: target, headers: headers, body: body, requestId: requestId, host: host)
            // On an execute-api host the management API sits under the stage: /{stage}/@connections/{id}.
            if let range = managementRequest.path.range(of: "/@connections") {
                managementRequest.path = String(managementRequest.path[range.lowerBound...])
            }
            return await dispatch(
                managementRequest, routes: APIGatewayManagement.routes, service: management, context: context)
        case .internal:
            return (ServiceResponse(status: 404), "internal")
        }
    }

    /// A service request and the caller's account and region, which the control-plane and
    /// management APIs need and the data plane does not (it never makes them).
    func controlPlane(
        _ request: Request, target: String, headers: Headers, body: [UInt8], requestId: String, host: String
    ) -> (ServiceRequest, RestJson1.RequestContext) {
        let serviceRequest = ServiceRequest(
            method: request.method.rawValue, target: target, headers: headers, body: body)
        let identity = CallerIdentity(
            authorization: headers["Authorization"], credentialQuery: serviceRequest.queryValue("X-Amz-Credential"))
        return (
            serviceRequest,
            RestJson1.RequestContext(
                accountId: identity.accountId, region: identity.region, requestId: requestId, host: host)
        )
    }

    enum Body {
        case complete([UInt8])
        case tooLarge
        case unreadable(any Error)
    }

    /// The request body. An oversized body is still read (and discarded) up to `drainLimit` so
    /// the client, still sending, gets to read the 413; past that the connection is closed.
    func collectBody(_ request: Request) async -> Body {
        // A request that says it has no body (no length, or 0, and no chunked encoding) is not read.
        let length = request.headers[.contentLength]
        if (length == nil || length == "0") && request.headers[.transferEncoding] == nil {
            return .complete([])
        }
        var collected: [UInt8] = []
        var total = 0
        do {
            for try await chunk in request.body {
                total += chunk.readableBytes
                if total > bodyLimit {
                    if total > drainLimit { break }
                    continue
                }
                collected.append(contentsOf: chunk.readableBytesView)
            }
        } catch {
            return .unreadable(error)
        }
        return total > bodyLimit ? .tooLarge : .complete(collected)
    }

    var drainLimit: Int { bodyLimit * 4 }

    func dispatch<Service>(
        _ request: ServiceRequest, routes: ServiceRoutes<Service>, service: Service, context: RestJson1.RequestContext
    ) async -> (ServiceResponse, String) {
        guard let match = routes.match(request) else {
            let message = "No operation of \(routes.serviceName) matches \(request.method) \(request.path)"
            return (ServiceResponse.error(code: "UnknownOperationException", status: 404, message: message), "unknown")
        }
        let name = match.target.operation.name
        do {
            // Control-plane work (imports, exports, deployments) can be costly: it runs on the work
            // executor's threads, off the few that cheap requests and health checks share.
            let answer = try await withTaskExecutorPreference(work) {
                try await match.target.invoke(service, request, match.labels, context)
            }
            return (answer, name)
        } catch let error as any ServiceErrorShape {
            return (error.encodeResponse(), name)
        } catch {
            logger.error("\(name) failed unexpectedly: \(error)", metadata: ["request-id": "\(context.requestId)"])
            return (
                ServiceResponse.error(
                    code: "InternalFailure", status: 500, message: "Portico failed to handle \(name): \(error)"),
                name
            )
        }
    }
}

extension Response {
    init(_ answer: ServiceResponse) {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        self.init(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Hummingbird's request context with the client's address, which `$context.identity.sourceIp`
/// and the Lambda proxy event report.
struct PorticoRequestContext: Hummingbird.RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
