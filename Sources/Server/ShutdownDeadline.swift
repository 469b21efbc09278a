import Foundation
import Logging
import ServiceLifecycle

/// Bounds a graceful shutdown: once SIGTERM or SIGINT starts one, the process exits after
/// `grace` even if requests are still running (a Lambda function that does not return, a
/// template at the edge of its budget), so that a CI run's `kill` always ends Portico.
struct ShutdownDeadline: Service {
    let grace: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // Cancelled: the group is ending without a graceful shutdown.
        }
        let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
        let logger = logger
        // A thread of its own: the deadline must pass even if every executor is busy.
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            logger.warning("Requests were still running \(seconds) s after the shutdown began; exiting")
            LogSink.standardError.flush()
            exit(0)
        }
    }
}
