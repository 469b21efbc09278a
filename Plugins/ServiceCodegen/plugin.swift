import Foundation
import PackagePlugin

/// Runs portico-codegen for each generated service module: the module's model in Specs/ is the
/// declared input, so editing (or refreshing) a model regenerates the code on the next build.
@main
struct ServiceCodegen: BuildToolPlugin {
    /// Generated module → its model, relative to the package.
    static let specs = [
        "APIGateway": "Specs/apigateway/service-2.json",
        "APIGatewayV2": "Specs/apigatewayv2/service-2.json",
        "APIGatewayManagement": "Specs/apigatewaymanagementapi/service-2.json",
        // A small model with every binding kind, compiled so the tests exercise all of them.
        "CodegenFixture": "Tests/CodegenTests/Fixtures/bindings/service-2.json",
    ]

    static let outputNames = ["Shapes", "Serialization", "Operations", "Routes"]

    struct UnknownTarget: Error, CustomStringConvertible {
        var name: String
        var description: String { "ServiceCodegen: no model in Specs/ is assigned to target \(name)" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let specPath = Self.specs[target.name] else { throw UnknownTarget(name: target.name) }
        let spec = context.package.directoryURL.appending(path: specPath)
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        return [
            .buildCommand(
                displayName: "Generating \(target.name) from \(specPath)",
                executable: try context.tool(named: "portico-codegen").url,
                arguments: [
                    "--spec", spec.path(), "--module", target.name,
                    "--spec-label", specPath, "--output", output.path(),
                ],
                inputFiles: [spec],
                outputFiles: Self.outputNames.map { output.appending(path: "\(target.name)+\($0).swift") }
            )
        ]
    }
}
