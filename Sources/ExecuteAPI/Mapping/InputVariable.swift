import BigInt
import Foundation
import OrderedCollections
import RestJson1
import Synchronization
import VTL

/// `$input`: the request body and parameters.
struct InputVariable: HostObject {
    let request: MappingTemplateRequest
    /// The body the template reads (the request's, or for a response template the back end's).
    let body: ParsedBody

    /// Marks the render error of a body that is not JSON: API Gateway answers it with a 400.
    static let bodyNotJSON = "BodyNotJSON"

    /// The body as JSON; an empty body reads as `{}`. A body that is not JSON fails the
    /// render, except plain words, which JsonPath's permissive parser reads as one string.
    func document() throws(RenderError) -> JSONValue {
        try body.templateDocument { body in
            if body.text.isEmpty { return .success(.object([:])) }
            let trimmed = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
            // Only blank text: there is no document, and every path finds nothing.
            if trimmed.isEmpty { return .success(.null) }
            if trimmed == "null" { return .failure(RenderError(message: "The request body is JSON null")) }
            let failure: JSONParseError
            switch body.json {
            case .success(let value): return .success(value)
            case .failure(let error): failure = error
            }
            if let first = trimmed.unicodeScalars.first, !"{[\"".unicodeScalars.contains(first) {
                return .success(.string(trimmed))
            }
            return .failure(
                RenderError(message: "Could not parse request body into json: \(failure)", code: Self.bodyNotJSON))
        }.get()
    }

    private func path(_ argument: Value) throws -> JSONPath {
        do {
            return try JSONPath(argument.text)
        } catch {
            throw RenderError(message: "Invalid JSONPath '\(argument.text)': \(error)")
        }
    }

    func property(_ name: String) -> Value? {
        switch name {
        case "body": return .string(body.text.isEmpty ? "{}" : body.text)
        default: return nil
        }
    }

    func call(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch (name, arguments.count) {
        case ("json", 1):
            guard !arguments[0].isNull else { return .string("") }
            guard let result = try path(arguments[0]).evaluate(try document()) else { return .string("") }
            return .string(
                JSONText.write(TemplateValues.value(of: result, arraysAsJSON: true), escapingSlashes: false))
        case ("path", 1):
            guard !arguments[0].isNull else { return .null }
            guard let result = try path(arguments[0]).evaluate(try document()) else { return .null }
            return TemplateValues.value(of: result, arraysAsJSON: true)
        case ("params", 0):
            let all = MapValue([
                "path": .map(MapValue(request.path.mapValues(Value.string))),
                "querystring": .map(MapValue(request.querystring.mapValues(Value.string))),
                "header": .map(MapValue(request.header.mapValues(Value.string))),
            ])
            return .map(all)
        case ("params", 1):
            let name = arguments[0].text
            if let value = request.path[name] ?? request.querystring[name]
                ?? request.header.first(where: { $0.key.lowercased() == name.lowercased() })?.value
            {
                return .string(value)
            }
            return .null
        case ("getBody", 0): return property("body")
        default: return nil
        }
    }

    var text: String { "com.amazonaws.apigateway.mapping.InputVariable" }
}
