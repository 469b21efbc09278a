import APIGateway
import APIGatewayManagement
import APIGatewayV2
import RestJson1
import State

/// Which operations have a handler, learned from the code itself: every operation is called with
/// its placeholder input against a throwaway store, and those that answer "not implemented" (the
/// generated default) are missing.
public enum Coverage {
    public struct ServiceReport: Sendable {
        public var serviceName: String
        public var implemented: [String]
        public var missing: [String]
        public var total: Int { implemented.count + missing.count }
    }

    public static func report() async -> [ServiceReport] {
        let store = Store()
        let context = RequestContext(requestId: "coverage", host: "localhost")
        return [
            await probe(APIGateway.routes, service: APIGatewayHandler(store: store), context: context),
            await probe(APIGatewayV2.routes, service: APIGatewayV2Handler(store: store), context: context),
            await probe(
                APIGatewayManagement.routes, service: APIGatewayManagementHandler(store: store), context: context),
        ]
    }

    static func probe<Service>(
        _ routes: ServiceRoutes<Service>, service: Service, context: RequestContext
    ) async -> ServiceReport {
        var report = ServiceReport(serviceName: routes.serviceName, implemented: [], missing: [])
        for route in routes.routes {
            do {
                try await route.probe(service, context)
                report.implemented.append(route.operation.name)
            } catch let error as ServiceError where error.isNotImplemented {
                report.missing.append(route.operation.name)
            } catch {
                report.implemented.append(route.operation.name)
            }
        }
        return report
    }
}
