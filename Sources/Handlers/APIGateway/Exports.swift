public import APIGateway
import Foundation
public import RestJson1
import State

extension APIGatewayHandler {
    public func getExport(_ input: APIGateway.GetExportRequest, context: RequestContext) async throws
        -> APIGateway.ExportResponse
    {
        let format: OpenAPIExporter.Format
        switch input.exportType {
        case "swagger": format = .swagger
        case "oas30": format = .oas30
        default:
            throw APIGateway.BadRequestException(
                message: "Invalid export type specified: \(input.exportType). Valid options are swagger, oas30")
        }
        let accepts = input.accepts ?? "application/json"
        let yaml = accepts.contains("yaml")
        guard yaml || accepts.contains("json") || accepts.contains("*/*") else {
            throw APIGateway.BadRequestException(
                message: "Invalid Accept header: \(accepts). Valid options are application/json, application/yaml")
        }
        let extensions = Set(
            (input.parameters?["extensions"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
        let definition = try readState(context) { state in
            let record = try state.restApi(input.restApiId, context: context)
            let stage = try record.stage(input.stageName)
            return try record.deployment(stage.deploymentId ?? "").definition
        }
        let exporter = OpenAPIExporter(
            definition: definition, stageName: input.stageName, region: context.region, format: format,
            extensions: extensions)
        let document = exporter.document()
        let body = yaml ? Data(try OpenAPIDocumentText.yaml(document).utf8) : Data(document.jsonText.utf8)
        let version = definition.api.version ?? OpenAPIExporter.dateVersion(definition.api.createdDate)
        let name = "\(input.exportType)_\(version).\(yaml ? "yaml" : "json")"
        return APIGateway.ExportResponse(
            contentType: "application/octet-stream", contentDisposition: "attachment; filename=\"\(name)\"",
            body: body)
    }
}
