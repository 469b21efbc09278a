import ArgumentParser
import ExecuteAPI
import Foundation

/// Renders a mapping template offline, the way the gateway would, to debug it without deploying.
struct RenderTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-template",
        abstract: "Render an API Gateway mapping template offline; prints exactly the rendered text.",
        discussion: """
            --params is {"path":{...},"querystring":{...},"header":{...}}; --context is merged into $context.
            A template error goes to stderr with its line and column, and the exit status is 1.
            """)

    @Argument(help: "The template file.")
    var templateFile: String

    @Option(help: "The request body: a file, or - for standard input.")
    var body: String?

    @Option(help: "The request's parameters, as JSON.")
    var params: String?

    @Option(help: "Values merged into $context, as JSON.")
    var context: String?

    @Option(help: "Stage variables, as JSON.")
    var stageVariables: String?

    func run() throws {
        do {
            let template = try read(templateFile)
            let bodyText = try body.map(read) ?? ""
            let output = try OfflineRender.render(
                template: template, body: bodyText, parameters: params, context: context,
                stageVariables: stageVariables)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func read(_ path: String) throws -> String {
        let data =
            path == "-"
            ? FileHandle.standardInput.readDataToEndOfFile()
            : try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: data, as: UTF8.self)
    }
}
