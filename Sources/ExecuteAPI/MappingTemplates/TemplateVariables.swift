import BigInt
import Foundation
import OrderedCollections
import RestJson1
import Synchronization
import VTL

/// What a mapping template sees: `$input`, `$util`, `$context` and `$stageVariables`, with API
/// Gateway's behaviour (the request body is `{}` when empty; JSON arrays print as JSON).
public struct MappingTemplateRequest: Sendable {
    public var body: String
    /// Parameters by location: `path`, `querystring`, `header`.
    public var path: OrderedDictionary<String, String>
    public var querystring: OrderedDictionary<String, String>
    public var header: OrderedDictionary<String, String>
    public var context: JSONValue
    public var stageVariables: OrderedDictionary<String, String>

    public init(
        body: String = "", path: OrderedDictionary<String, String> = [:],
        querystring: OrderedDictionary<String, String> = [:], header: OrderedDictionary<String, String> = [:],
        context: JSONValue = .object([:]), stageVariables: OrderedDictionary<String, String> = [:]
    ) {
        self.body = body
        self.path = path
        self.querystring = querystring
        self.header = header
        self.context = context
        self.stageVariables = stageVariables
    }

    /// The variables for `Template.render`.
    public var variables: [String: Value] {
        variables(context: TemplateValues.value(of: context, arraysAsJSON: false))
    }

    /// The variables with `$context` given as a template value, so that what a template sets in
    /// it (`$context.responseOverride`, `$context.requestOverride`) can be read after rendering.
    public func variables(context: Value) -> [String: Value] {
        [
            "input": .object(InputVariable(request: self, parsed: ParsedBody())),
            "util": .object(UtilVariable()),
            "context": context,
            "stageVariables": .map(MapValue(stageVariables.mapValues(Value.string))),
        ]
    }

    /// API Gateway's departures from plain Velocity, which every mapping template renders with.
    public static var renderOptions: RenderOptions {
        var options = RenderOptions()
        options.nullRendersEmpty = true
        options.nullEqualsEmptyString = true
        options.maximumLoopIterations = 1000 * 1000
        return options
    }
}

/// The request body read as JSON once per render, however many `$input.json`/`$input.path`
/// calls read it (a template calling them in a loop would otherwise parse a large body each time).
final class ParsedBody: Sendable {
    private let document = Mutex<Result<JSONValue, RenderError>?>(nil)

    func value(_ parse: () -> Result<JSONValue, RenderError>) throws(RenderError) -> JSONValue {
        let result =
            document.withLock { cached in
                if let cached { return cached }
                let result = parse()
                cached = result
                return result
            }
        return try result.get()
    }
}

/// `$input`: the request body and parameters.
struct InputVariable: HostObject {
    let request: MappingTemplateRequest
    let parsed: ParsedBody

    /// Marks the render error of a body that is not JSON: API Gateway answers it with a 400.
    static let bodyNotJSON = "BodyNotJSON"

    /// The body as JSON; an empty body reads as `{}`. A body that is not JSON fails the
    /// render, except plain words, which JsonPath's permissive parser reads as one string.
    func document() throws(RenderError) -> JSONValue {
        try parsed.value {
            if request.body.isEmpty { return .success(.object([:])) }
            let body = request.body.trimmingCharacters(in: .whitespacesAndNewlines)
            // Only blank text: there is no document, and every path finds nothing.
            if body.isEmpty { return .success(.null) }
            if body == "null" { return .failure(RenderError(message: "The request body is JSON null")) }
            let failure: JSONParseError
            do throws(JSONParseError) {
                return .success(try JSONValue.parse(request.body))
            } catch {
                failure = error
            }
            if let first = body.unicodeScalars.first, !"{[\"".unicodeScalars.contains(first) {
                return .success(.string(body))
            }
            return .failure(
                RenderError(message: "Could not parse request body into json: \(failure)", code: Self.bodyNotJSON))
        }
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
        case "body": return .string(request.body.isEmpty ? "{}" : request.body)
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

/// `$util`: escaping, JSON parsing, URL and base64 coding. Null arguments give "".
struct UtilVariable: HostObject {
    func property(_ name: String) -> Value? { nil }

    func call(_ name: String, _ arguments: [Value]) throws -> Value? {
        guard arguments.count == 1 else { return nil }
        guard case .string(let text) = arguments[0] else {
            return arguments[0].isNull ? .string("") : try call(name, [.string(arguments[0].text)])
        }
        switch name {
        case "escapeJavaScript": return .string(Self.escapeJavaScript(text))
        case "parseJson":
            guard let value = try? JSONValue.parse(text) else {
                throw RenderError(message: "$util.parseJson: the text is not JSON")
            }
            return TemplateValues.value(of: value, arraysAsJSON: true)
        case "urlEncode": return .string(Self.urlEncode(text))
        case "urlDecode":
            guard let decoded = Self.urlDecode(text) else {
                throw RenderError(message: "$util.urlDecode: invalid percent-encoding in '\(text)'")
            }
            return .string(decoded)
        case "base64Encode": return .string(Data(text.utf8).base64EncodedString())
        case "base64Decode":
            guard let data = Data(base64Encoded: text) else {
                throw RenderError(message: "$util.base64Decode: the text is not base64")
            }
            return .string(String(decoding: data, as: UTF8.self))
        default: return nil
        }
    }

    var text: String { "com.amazonaws.apigateway.mapping.Util" }

    /// Java's `StringEscapeUtils.escapeJavaScript` (commons-lang 2): quotes, backslash and `/`
    /// escaped, control characters and everything beyond ASCII as `\uXXXX`.
    static func escapeJavaScript(_ text: String) -> String {
        var output = ""
        for unit in text.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x27: output += "\\'"
            case 0x5C: output += "\\\\"
            case 0x2F: output += "\\/"
            case 0x08: output += "\\b"
            case 0x0A: output += "\\n"
            case 0x09: output += "\\t"
            case 0x0C: output += "\\f"
            case 0x0D: output += "\\r"
            // DEL (0x7F) stays as it is, as commons-lang 2 leaves it.
            case 0..<0x20, 0x80...:
                let hex = String(unit, radix: 16, uppercase: true)
                output +=
                    unit < 0x10
                    ? "\\u000" + hex
                    : unit < 0x100 && unit < 0x20
                        ? "\\u00" + hex : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(Unicode.Scalar(unit)!)
            }
        }
        return output
    }

    /// Java's `URLEncoder.encode(text, "UTF-8")`: space as `+`, letters, digits and `.-*_` kept.
    static func urlEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "*"),
                UInt8(ascii: "_"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): output += "+"
            default: output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    /// Java's `URLDecoder.decode(text, "UTF-8")`: `+` is a space.
    static func urlDecode(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// JSON values as template values.
enum TemplateValues {
    static func value(of json: JSONValue, arraysAsJSON: Bool) -> Value {
        switch json {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .number(let text):
            // Reading digits into a BigInt is quadratic: past the engine's bound a number stays its
            // text, which prints as written (arithmetic on it uses its double value).
            if text.utf8.count <= BigNumbers.maximumDigits, let integer = BigInt(text) { return .bigInteger(integer) }
            return .bigDecimal(text)
        case .string(let string): return .string(string)
        case .array(let items):
            return .list(ListValue(items.map { value(of: $0, arraysAsJSON: arraysAsJSON) }, printsAsJSON: arraysAsJSON))
        case .object(let members):
            return .map(
                MapValue(members.mapValues { value(of: $0, arraysAsJSON: arraysAsJSON) }, stringKeysOnly: true))
        }
    }
}
