import Foundation
import OrderedCollections
import RestJson1

/// Lambda functions declared in a functions file (`--functions FILE`), each a local command run
/// once per invocation with the event JSON on stdin and the result JSON read from stdout:
///
///     {"functions": {"NAME": {"command": "python3", "arguments": ["handler.py"],
///                             "workingDirectory": ".", "environment": {"K": "V"}, "timeout": 3}}}
///
/// `workingDirectory` is relative to the file's folder (the default); `timeout` is in seconds
/// (default 3, as Lambda's). A non-zero exit is a function error: the error payload is stdout
/// when that is a JSON object, else Lambda's `Runtime.ExitError`.
public struct LocalFunctions: Sendable {
    public var functions: [String: LocalFunction]

    public init(functions: [String: LocalFunction] = [:]) {
        self.functions = functions
    }

    public struct FileError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a functions file; every problem is named with the function it is in.
    public init(file path: String) throws(FileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(description: "cannot read the functions file \(path)")
        }
        guard case .object(let root)? = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
            case .object(let declared)? = root["functions"]
        else {
            throw FileError(description: "\(path): expected a JSON object with a \"functions\" object")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var functions: [String: LocalFunction] = [:]
        for (name, value) in declared {
            guard case .object(let fields) = value, case .string(let command)? = fields["command"], !command.isEmpty
            else { throw FileError(description: "\(path): function \(name) needs a \"command\" string") }
            var arguments: [String] = []
            if let list = fields["arguments"] {
                guard case .array(let items) = list else {
                    throw FileError(description: "\(path): arguments of \(name) must be a list of strings")
                }
                for item in items {
                    guard case .string(let text) = item else {
                        throw FileError(description: "\(path): arguments of \(name) must be a list of strings")
                    }
                    arguments.append(text)
                }
            }
            var environment: [String: String] = [:]
            if case .object(let variables)? = fields["environment"] {
                for (key, value) in variables {
                    guard case .string(let text) = value else {
                        throw FileError(description: "\(path): environment values of \(name) must be strings")
                    }
                    environment[key] = text
                }
            }
            var directory = folder
            if case .string(let text)? = fields["workingDirectory"] {
                directory = text.hasPrefix("/") ? text : URL(fileURLWithPath: folder).appendingPathComponent(text).path
            }
            var timeout = 3.0
            switch fields["timeout"] {
            case .integer(let seconds)?: timeout = Double(seconds)
            case .double(let seconds)?: timeout = seconds
            case nil: break
            default: throw FileError(description: "\(path): timeout of \(name) must be a number of seconds")
            }
            guard timeout > 0 else { throw FileError(description: "\(path): timeout of \(name) must be positive") }
            functions[name] = LocalFunction(
                name: name, command: command, arguments: arguments, workingDirectory: directory,
                environment: environment, timeoutSeconds: timeout)
        }
        self.functions = functions
    }
}

/// One local command standing in for a Lambda function.
public struct LocalFunction: Sendable {
    public var name: String
    public var command: String
    public var arguments: [String]
    public var workingDirectory: String
    public var environment: [String: String]
    public var timeoutSeconds: Double

    /// Runs the command. Blocking pipe reads happen on Dispatch threads, never on the
    /// concurrency pool.
    func invoke(payload: [UInt8]) async -> LambdaResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: run(payload: payload))
            }
        }
    }

    private func run(payload: [UInt8]) -> LambdaResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        var variables = ProcessInfo.processInfo.environment
        variables["AWS_LAMBDA_FUNCTION_NAME"] = name
        variables["AWS_LAMBDA_FUNCTION_TIMEOUT"] = String(Int(timeoutSeconds))
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .error("cannot run \(command): \(error)", type: "Runtime.InvalidEntrypoint")
        }
        // stderr is drained on its own thread so a chatty function cannot block on a full pipe.
        let stderrDone = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var stderrData = Data()
        DispatchQueue.global().async {
            stderrData = errors.fileHandleForReading.readDataToEndOfFile()
            stderrDone.signal()
        }
        let timedOut = TimedOutFlag()
        let pid = process.processIdentifier
        let timer = DispatchWorkItem {
            // Killed outright, as Lambda stops a function that runs out of time.
            if !timedOut.finished {
                timedOut.set()
                kill(pid, SIGKILL)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: timer)
        try? input.fileHandleForWriting.write(contentsOf: Data(payload))
        try? input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timedOut.finish()
        timer.cancel()
        stderrDone.wait()

        if timedOut.value {
            return .error("Task timed out after \(String(format: "%.2f", timeoutSeconds)) seconds", type: nil)
        }
        if process.terminationStatus != 0 || process.terminationReason == .uncaughtSignal {
            if case .object? = try? JSONValue.parse(String(decoding: stdout, as: UTF8.self)) {
                return LambdaResult(payload: Array(stdout), functionError: "Unhandled")
            }
            let lastLine = String(decoding: stderrData, as: UTF8.self).split(separator: "\n").last.map(String.init)
            let reason =
                process.terminationReason == .uncaughtSignal
                ? "signal: \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
            return .error(
                "Runtime exited with error: \(reason)" + (lastLine.map { " (\($0))" } ?? ""), type: "Runtime.ExitError")
        }
        return LambdaResult(payload: Array(stdout))
    }
}

/// Set from the timer's thread, read after the process ended.
private final class TimedOutFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var ended = false

    func set() { lock.withLock { flag = true } }
    var value: Bool { lock.withLock { flag } }
    /// The process ended: a timer that fires late must not kill a recycled pid.
    func finish() { lock.withLock { ended = true } }
    var finished: Bool { lock.withLock { ended } }
}
