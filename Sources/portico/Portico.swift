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
              --host (PORTICO_HOST), --port (PORTICO_PORT), --log-level (PORTICO_LOG_LEVEL),
              --functions (PORTICO_FUNCTIONS), --lambda-endpoint (PORTICO_LAMBDA_ENDPOINT),
              --aws-endpoint (PORTICO_AWS_ENDPOINT).
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

    @Option(
        name: .customLong("functions"),
        help: ArgumentHelp(
            "A JSON file declaring local Lambda functions (command, arguments, workingDirectory, environment, timeout). Environment: PORTICO_FUNCTIONS.",
            valueName: "file"))
    var functionsOption: String?
    var functions: String? { functionsOption ?? environment("PORTICO_FUNCTIONS") }

    @Option(
        name: .customLong("lambda-endpoint"),
        help: ArgumentHelp(
            "The Lambda Invoke API that functions not declared locally are sent to (e.g. sam local start-lambda). Environment: PORTICO_LAMBDA_ENDPOINT.",
            valueName: "url"))
    var lambdaEndpointOption: String?
    var lambdaEndpoint: String? { lambdaEndpointOption ?? environment("PORTICO_LAMBDA_ENDPOINT") }

    @Option(
        name: .customLong("aws-endpoint"),
        help: ArgumentHelp(
            "An AWS-compatible endpoint that AWS service integrations are forwarded to, SigV4-signed. Environment: PORTICO_AWS_ENDPOINT.",
            valueName: "url"))
    var awsEndpointOption: String?
    var awsEndpoint: String? { awsEndpointOption ?? environment("PORTICO_AWS_ENDPOINT") }

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let text = environment("PORTICO_PORT"), Int(text) == nil {
            throw ValidationError("PORTICO_PORT must be a number, not '\(text)'")
        }
        for (option, value) in [("--lambda-endpoint", lambdaEndpoint), ("--aws-endpoint", awsEndpoint)] {
            if let value,
                URL(string: value)?.host == nil || !(value.hasPrefix("http://") || value.hasPrefix("https://"))
            {
                throw ValidationError("\(option) must be an http(s) URL, not '\(value)'")
            }
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel.lowercased())!
        // Log lines are written off the request path, so the one line per request stays cheap.
        LoggingSystem.bootstrap { label in
            var handler = BufferedLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        var local = LocalFunctions()
        if let functions {
            do {
                local = try LocalFunctions(file: functions)
            } catch {
                throw ValidationError("--functions: \(error.description)")
            }
        }
        let backends = IntegrationBackends(
            lambda: LambdaInvoker(localFunctions: local, endpoint: lambdaEndpoint.map(LambdaEndpoint.init(url:))),
            awsEndpoint: awsEndpoint)
        let server = PorticoServer(
            configuration: .init(host: host, port: port, logLevel: level, backends: backends))
        defer { LogSink.standardError.flush() }
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
