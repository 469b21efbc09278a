import Foundation
import OrderedCollections
import RestJson1
import VTL

/// The values a parameter mapping expression can read (`method.request.header.X`,
/// `integration.response.body.$.a`, `context.requestId`, `stageVariables.x`, `'static'`).
struct MappingSources {
    var pathParameters: [String: String] = [:]
    var query: [(name: String, value: String)] = []
    var headers: Headers = Headers()
    var requestBody = ParsedBody(bytes: [])
    var stageVariables: [String: String] = [:]
    var context: RequestContextVariables?
    /// Set when mapping an integration response.
    var responseHeaders: Headers?
    var responseBody: ParsedBody?
    /// The request's parameters as a template's `$input.params()` reads them, made at the first
    /// render and shared by the request and response templates.
    let templateParameters = TemplateParameters()

    /// The value of `expression`, or nil when it names nothing the request has.
    func value(of expression: String) -> String? {
        if expression.hasPrefix("'") && expression.hasSuffix("'") && expression.count >= 2 {
            return String(expression.dropFirst().dropLast())
        }
        if let name = expression.dropPrefix("method.request.path.") { return pathParameters[name] }
        if let name = expression.dropPrefix("method.request.querystring.") {
            return query.last { $0.name == name }?.value
        }
        if let name = expression.dropPrefix("method.request.multivaluequerystring.") {
            let values = query.filter { $0.name == name }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
        if let name = expression.dropPrefix("method.request.header.") { return headers[name] }
        if let name = expression.dropPrefix("method.request.multivalueheader.") {
            let values = headers.fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
        if expression == "method.request.body" { return requestBody.text }
        if let path = expression.dropPrefix("method.request.body.") { return Self.jsonPath(path, in: requestBody) }
        if let name = expression.dropPrefix("stageVariables.") { return stageVariables[name] }
        if let path = expression.dropPrefix("context.") { return contextValue(path) }
        if let name = expression.dropPrefix("integration.response.header.") { return responseHeaders?[name] }
        if let name = expression.dropPrefix("integration.response.multivalueheader.") {
            let values = (responseHeaders?.fields ?? []).filter { $0.name.lowercased() == name.lowercased() }
            return values.isEmpty ? nil : values.map(\.value).joined(separator: ",")
        }
        if expression == "integration.response.body" { return responseBody?.text }
        if let path = expression.dropPrefix("integration.response.body.") {
            return responseBody.flatMap { Self.jsonPath(path, in: $0) }
        }
        return nil
    }

    private func contextValue(_ path: String) -> String? {
        guard let value = context?.value(at: path), !value.isNull else { return nil }
        return value.text
    }

    /// A JSONPath into a JSON body: scalars as their text, objects and arrays as JSON.
    static func jsonPath(_ path: String, in body: ParsedBody) -> String? {
        guard let document = try? body.json.get(), let compiled = try? JSONPath(path),
            let result = (try? compiled.evaluate(document)) ?? nil
        else { return nil }
        switch result {
        case .string(let text): return text
        case .null: return nil
        default: return result.jsonText
        }
    }
}

extension String {
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
