import Foundation
import PackagePlugin

/// Runs portico-codegen for each generated service module: the module's model in Specs/ is the
/// declared input, so editing (or refreshing) a model regenerates the code on the next build.
@main
struct ServiceCodegen: BuildToolPlugin {
    /// Generated module → its directory under Specs/.
    static let specs = [
        "APIGateway": "apigateway",
        "APIGatewayV2": "apigatewayv2",
        "APIGatewayManagement": "apigatewaymanagementapi",
    ]

    static let outputNames = ["Shapes", "Serialization", "Operations", "Routes"]

    struct UnknownTarget: Error, CustomStringConvertible {
        var name: String
        var description: String { "ServiceCodegen: no model in Specs/ is assigned to target \(name)" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let directory = Self.specs[target.name] else { throw UnknownTarget(name: target.name) }
        let spec = context.package.directoryURL.appending(path: "Specs/\(directory)/service-2.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .buildCommand(
                displayName: "Generating \(target.name) from Specs/\(directory)",
                executable: try context.tool(named: "portico-codegen").url,
                arguments: [
                    "--spec", spec.path(), "--module", target.name,
                    "--spec-label", "Specs/\(directory)/service-2.json", "--output", output.path(),
                ],
                inputFiles: [spec],
                outputFiles: Self.outputNames.map { output.appending(path: "\(target.name)+\($0).swift") }
            )
        ]
    }
}
