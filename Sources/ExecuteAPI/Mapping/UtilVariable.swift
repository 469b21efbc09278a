import BigInt
import Foundation
import OrderedCollections
import RestJson1
import Synchronization
import VTL

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
