@_exported import ExecuteAPI
import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle
public import State
import UnixSignals

/// The Portico emulator: one HTTP listener for the control plane, deployed APIs and the internal
/// endpoints. `run()` serves until SIGINT or SIGTERM (the `portico` command); `start()` serves
/// in-process until `stop()` (for tests that embed Portico).
public struct PorticoServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port; `RunningServer.port` tells which.
        public var port: Int
        public var logLevel: Logger.Level
        /// AWS rejects request bodies over 10 MB.
        public var bodyLimit: Int
        /// How deployed APIs reach Lambda functions and AWS services.
        public var backends: IntegrationBackends

        public init(
            host: String = "127.0.0.1", port: Int = 4566, logLevel: Logger.Level = .info, bodyLimit: Int = 10_485_760,
            backends: IntegrationBackends = IntegrationBackends()
        ) {
            self.host = host
            self.port = port
            self.logLevel = logLevel
            self.bodyLimit = bodyLimit
            self.backends = backends
        }
    }

    public let configuration: Configuration
    public let store: Store

    public init(configuration: Configuration = Configuration(), store: Store = Store()) {
        self.configuration = configuration
        self.store = store
    }

    var logger: Logger {
        var logger = Logger(label: "portico")
        logger.logLevel = configuration.logLevel
        return logger
    }

    func makeApplication(work: WorkExecutor, onRunning: @escaping @Sendable (Int) async -> Void)
        -> some ApplicationProtocol
    {
        let responder = PorticoResponder(
            store: store, bodyLimit: configuration.bodyLimit, logger: logger, backends: configuration.backends,
            work: work)
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully: requests in flight get
    /// `shutdownGrace` to finish, and the process exits then whatever they are doing.
    public func run(
        shutdownGrace: Duration = .seconds(5), onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let work = WorkExecutor()
        let application = makeApplication(work: work, onRunning: onRunning)
        // Services stop in reverse order: the deadline starts first, then the listener drains.
        let group = ServiceGroup(
            configuration: .init(
                services: [application, ShutdownDeadline(grace: shutdownGrace, logger: logger)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await Self.serving(work) { try await group.run() }
    }

    /// Starts serving in the background and returns once the listener accepts connections.
    public func start() async throws -> RunningServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let work = WorkExecutor()
        let application = makeApplication(work: work) { port in continuation.yield(port) }
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await Self.serving(work) { try await group.run() }
        }
        for await port in ports {
            return RunningServer(port: port, group: group, task: task)
        }
        // The stream ended without a port: the listener failed to start; surface its error.
        try await task.value
        throw CancellationError()
    }
}

extension PorticoServer {
    /// Runs `body` (the server), then stops the `WorkExecutor` that its costly requests ran on.
    static func serving(_ work: WorkExecutor, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await work.shutdown()
            throw error
        }
        await work.shutdown()
    }
}

/// A server started in-process.
public struct RunningServer: Sendable {
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// Stops accepting connections, finishes the requests in flight, and returns.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
