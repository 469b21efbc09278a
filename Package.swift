// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Portico",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portico", targets: ["portico"]),
        .library(name: "Portico", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Code generation: AWS models (Specs/) -> Swift, run at build time by the plugin.
        .target(
            name: "CodegenCore",
            dependencies: ["RestJson1Core", .product(name: "OrderedCollections", package: "swift-collections")],
            path: "Generator/Core"
        ),
        .executableTarget(name: "portico-codegen", dependencies: ["CodegenCore"], path: "Generator/CLI"),
        .plugin(
            name: "ServiceCodegen",
            capability: .buildTool(),
            dependencies: ["portico-codegen"],
            path: "Plugins/ServiceCodegen"
        ),

        // JSON values, query strings and URI templates: what both the generator (reading models)
        // and the runtime stand on, so a change to the runtime does not rebuild the generator.
        .target(
            name: "RestJson1Core",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // What the generated code stands on; knows nothing of Hummingbird.
        .target(
            name: "RestJson1",
            dependencies: ["RestJson1Core", .product(name: "OrderedCollections", package: "swift-collections")]
        ),

        // One generated module per AWS service model.
        .target(
            name: "APIGateway",
            dependencies: ["RestJson1"],
            path: "Sources/Generated/APIGateway",
            plugins: ["ServiceCodegen"]
        ),
        .target(
            name: "APIGatewayV2",
            dependencies: ["RestJson1"],
            path: "Sources/Generated/APIGatewayV2",
            plugins: ["ServiceCodegen"]
        ),
        .target(
            name: "APIGatewayManagement",
            dependencies: ["RestJson1"],
            path: "Sources/Generated/APIGatewayManagement",
            plugins: ["ServiceCodegen"]
        ),

        // The Velocity template language: no AWS knowledge, no server.
        .target(
            name: "VTL",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .target(
            name: "State",
            dependencies: [
                "APIGateway", "APIGatewayV2",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        // The data plane: deployed APIs answering traffic (routing, integrations, mapping templates).
        .target(
            name: "ExecuteAPI",
            dependencies: [
                "State", "VTL", "RestJson1", "APIGateway", "APIGatewayV2",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "BigInt", package: "BigInt"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        .target(
            name: "Handlers",
            dependencies: [
                "ExecuteAPI", "State", "APIGateway", "APIGatewayV2", "APIGatewayManagement", "RestJson1",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Handlers", "ExecuteAPI", "State", "RestJson1", "APIGateway", "APIGatewayV2", "APIGatewayManagement",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        .executableTarget(
            name: "portico",
            dependencies: [
                "Server", "ExecuteAPI", "Handlers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "render-benchmark",
            dependencies: [
                "ExecuteAPI", "VTL", "RestJson1Core",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Benchmarks/RenderTemplates"),
        .executableTarget(
            name: "json-benchmark", dependencies: ["ExecuteAPI", "RestJson1", "VTL"], path: "Benchmarks/JSONBodies"),
        .executableTarget(
            name: "data-plane-calls",
            dependencies: [
                "APIGateway", "ExecuteAPI", "RestJson1", "State",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Benchmarks/DataPlaneCalls"),
        // Generated inputs for the pieces that read untrusted text (Scripts/test runs it briefly).
        .executableTarget(
            name: "portico-fuzz",
            dependencies: [
                "APIGateway", "ExecuteAPI", "Handlers", "RestJson1", "State", "VTL",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Tests/Fuzz"),
        // The bare Hummingbird server Benchmarks/data-plane compares portico with.
        .executableTarget(
            name: "hello-server", dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/HelloServer"),

        .testTarget(name: "CodegenTests", dependencies: ["CodegenCore"], resources: [.copy("Fixtures")]),
        // The fixture model's generated module, exercised by GeneratedTests like the real ones.
        .target(
            name: "CodegenFixture",
            dependencies: ["RestJson1"],
            path: "Tests/CodegenFixture",
            plugins: ["ServiceCodegen"]
        ),
        .testTarget(
            name: "RestJson1Tests",
            dependencies: ["RestJson1", .product(name: "OrderedCollections", package: "swift-collections")]),
        .testTarget(
            name: "GeneratedTests",
            dependencies: [
                "APIGateway", "APIGatewayV2", "APIGatewayManagement", "CodegenFixture", "CodegenCore", "RestJson1",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .testTarget(
            name: "VTLTests",
            dependencies: [
                "VTL", "ExecuteAPI", "RestJson1", .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            resources: [.copy("Corpus")]),
        .testTarget(
            name: "StateTests",
            dependencies: [
                "State", "APIGateway", "APIGatewayV2",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]),
        .testTarget(
            name: "ExecuteAPITests",
            dependencies: [
                "ExecuteAPI", "State", "APIGateway", "RestJson1", "VTL",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HandlersTests",
            dependencies: [
                "Handlers", "APIGateway", "APIGatewayV2", "RestJson1", "State",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]),
        .testTarget(name: "ServerTests", dependencies: ["Server", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)

// The upcoming language features the Swift server packages build with, for every target of ours.
for target in package.targets where target.type != .plugin {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
