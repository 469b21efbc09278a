import ArgumentParser
import Foundation
import Handlers
import Logging
import Server

@main
struct Portico: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portico",
        abstract: "A local emulator of AWS API Gateway (REST, HTTP and WebSocket APIs).",
        discussion: """
            Without a subcommand, portico serves on 127.0.0.1:4566 (see 'portico serve --help').
            Options of serve, each also read from the environment:
              --host (PORTICO_HOST), --port (PORTICO_PORT), --log-level (PORTICO_LOG_LEVEL).
            Internal endpoints: GET /_portico/health, POST /_portico/reset.
            """,
        subcommands: [Serve.self, Coverage.self, RenderTemplate.self],
        defaultSubcommand: Serve.self)
}

/// An environment variable's value, used as an option's default so flags override it.
func environment(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the emulator (the default command). Ctrl-C or SIGTERM stops it cleanly.")

    @Option(help: "The address to listen on. Environment: PORTICO_HOST.")
    var host: String = environment("PORTICO_HOST") ?? "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one). Environment: PORTICO_PORT.")
    var port: Int = environment("PORTICO_PORT").flatMap(Int.init) ?? 4566

    @Option(
        help: ArgumentHelp(
            "How much to log: trace, debug, info (one line per request), notice, warning, error or critical. Environment: PORTICO_LOG_LEVEL."
        ))
    var logLevel: String = environment("PORTICO_LOG_LEVEL") ?? "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let text = environment("PORTICO_PORT"), Int(text) == nil {
            throw ValidationError("PORTICO_PORT must be a number, not '\(text)'")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel.lowercased())!
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let server = PorticoServer(configuration: .init(host: host, port: port, logLevel: level))
        try await server.run { port in
            // Written unbuffered: scripts wait for this line to know the port is open.
            FileHandle.standardOutput.write(Data("Portico is ready on http://\(host):\(port)\n".utf8))
        }
    }
}

struct Coverage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print, per service, how many operations are implemented and which are missing.")

    @Flag(help: "List the implemented operations too.")
    var verbose = false

    func run() async throws {
        for report in await Handlers.Coverage.report() {
            print("\(report.serviceName): \(report.implemented.count)/\(report.total) operations implemented")
            if verbose {
                print("  implemented: \(report.implemented.joined(separator: ", "))")
            }
            if !report.missing.isEmpty {
                print("  missing (\(report.missing.count)): \(report.missing.joined(separator: ", "))")
            }
        }
    }
}
