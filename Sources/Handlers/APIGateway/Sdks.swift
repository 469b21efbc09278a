public import APIGateway
import Foundation
public import RestJson1
import State

extension APIGatewayHandler {
    public func getSdkTypes(_ input: APIGateway.GetSdkTypesRequest, context: RequestContext) async throws
        -> APIGateway.SdkTypes
    {
        let page = try Page(SdkTypes.all.map { (id: $0.id!, item: $0) }, token: input.position, limit: input.limit)
        return APIGateway.SdkTypes(position: page.nextToken, items: page.items)
    }

    public func getSdkType(_ input: APIGateway.GetSdkTypeRequest, context: RequestContext) async throws
        -> APIGateway.SdkType
    {
        guard let type = SdkTypes.all.first(where: { $0.id == input.id }) else {
            throw APIGateway.NotFoundException(message: "Invalid SDK type specified: \(input.id)")
        }
        return type
    }

    public func getSdk(_ input: APIGateway.GetSdkRequest, context: RequestContext) async throws
        -> APIGateway.SdkResponse
    {
        guard let type = SdkTypes.all.first(where: { $0.id == input.sdkType }) else {
            throw APIGateway.BadRequestException(message: "Invalid SDK type specified: \(input.sdkType)")
        }
        for property in type.configurationProperties ?? [] where property.required == true {
            guard let value = input.parameters?[property.name ?? ""], !value.isEmpty else {
                throw APIGateway.BadRequestException(
                    message: "Missing required parameter for SDK type \(input.sdkType): \(property.name ?? "")")
            }
        }
        let definition = try readState(context) { state in
            let record = try state.restApi(input.restApiId, context: context)
            let stage = try record.stage(input.stageName)
            return try record.deployment(stage.deploymentId ?? "").definition
        }
        guard input.sdkType == "javascript" else {
            throw ServiceError(
                code: ServiceError.notImplementedCode, status: 501,
                message: "GetSdk generates JavaScript SDKs only; the \(input.sdkType) SDK is not implemented in Portico"
            )
        }
        let sdk = JavaScriptSDK(
            definition: definition, stageName: input.stageName, region: context.region, host: context.host)
        return APIGateway.SdkResponse(
            contentType: "application/octet-stream",
            contentDisposition: "attachment; filename=\"javascript_\(Self.sdkDate()).zip\"", body: sdk.archive())
    }

    static func sdkDate() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'"
        return formatter.string(from: Date())
    }
}

/// The SDK types API Gateway generates, with the parameters each takes (AWS's documented ids and
/// parameter names; the descriptions are ours).
enum SdkTypes {
    private static func property(_ name: String, _ friendlyName: String, _ description: String, required: Bool)
        -> APIGateway.SdkConfigurationProperty
    {
        APIGateway.SdkConfigurationProperty(
            name: name, friendlyName: friendlyName, description: description, required: required)
    }

    static let all: [APIGateway.SdkType] = [
        APIGateway.SdkType(
            id: "android", friendlyName: "Android SDK", description: "An Android client library for the API",
            configurationProperties: [
                property("groupId", "Group ID", "The Maven group id of the generated library", required: true),
                property("invokerPackage", "Invoker package", "The Java package of the client", required: true),
                property("artifactId", "Artifact ID", "The Maven artifact id of the generated library", required: true),
                property("artifactVersion", "Artifact version", "The version of the generated library", required: true),
            ]),
        APIGateway.SdkType(
            id: "java", friendlyName: "Java SDK", description: "A Java client library for the API",
            configurationProperties: [
                property("serviceName", "Service name", "The name of the generated client", required: true),
                property("javaPackageName", "Java package name", "The Java package of the client", required: true),
                property("javaBuildSystem", "Build system", "maven or gradle", required: false),
                property("javaGroupId", "Group ID", "The group id of the generated library", required: false),
                property("javaArtifactId", "Artifact ID", "The artifact id of the generated library", required: false),
                property("javaArtifactVersion", "Artifact version", "The version of the library", required: false),
            ]),
        APIGateway.SdkType(
            id: "javascript", friendlyName: "JavaScript", description: "A JavaScript client for browsers and Node.js",
            configurationProperties: []),
        APIGateway.SdkType(
            id: "objectivec", friendlyName: "iOS (Objective-C)", description: "An Objective-C client library for iOS",
            configurationProperties: [
                property("classPrefix", "Prefix", "The prefix of the generated class names", required: true)
            ]),
        APIGateway.SdkType(
            id: "ruby", friendlyName: "Ruby", description: "A Ruby gem with a client for the API",
            configurationProperties: [
                property("service.name", "Service name", "The name of the generated client", required: true),
                property("ruby.gem-name", "Gem name", "The name of the gem", required: false),
                property("ruby.gem-version", "Gem version", "The version of the gem", required: false),
            ]),
        APIGateway.SdkType(
            id: "swift", friendlyName: "iOS (Swift)", description: "A Swift client library for iOS",
            configurationProperties: [
                property("classPrefix", "Prefix", "The prefix of the generated class names", required: true)
            ]),
    ]
}
