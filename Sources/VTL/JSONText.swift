/// Compact JSON of template values, as API Gateway prints lists that came from JSON (and as
/// JsonPath's json-smart writes it: `/` escaped, control and separator characters as `\uXXXX`).
public enum JSONText {
    /// - Parameter escapingSlashes: json-smart escapes `/` when it prints a list; `$input.json`
    ///   does not.
    public static func write(_ value: Value, escapingSlashes: Bool = true) -> String {
        var output = ""
        var path: [ObjectIdentifier] = []
        append(value, to: &output, escapingSlashes: escapingSlashes, path: &path)
        return output
    }

    /// `path` holds the lists and maps being written around `value`: one met again (a cycle), or
    /// nesting past `Value.maximumPrintDepth`, is written as `null` rather than forever.
    static func append(_ value: Value, to output: inout String, escapingSlashes: Bool, path: inout [ObjectIdentifier]) {
        let identity: ObjectIdentifier
        switch value {
        case .list(let list): identity = ObjectIdentifier(list)
        case .map(let map): identity = ObjectIdentifier(map)
        default:
            write(value, to: &output, escapingSlashes: escapingSlashes, path: &path)
            return
        }
        if path.contains(identity) || path.count >= Value.maximumPrintDepth
            || output.utf8.count > Value.maximumPrintBytes
        {
            output += "null"
            return
        }
        path.append(identity)
        defer { path.removeLast() }
        write(value, to: &output, escapingSlashes: escapingSlashes, path: &path)
    }

    private static func write(
        _ value: Value, to output: inout String, escapingSlashes: Bool, path: inout [ObjectIdentifier]
    ) {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .integer(let integer): output += String(integer)
        case .bigInteger(let integer): output += integer.description
        case .bigDecimal(let text): output += text
        case .double(let double): output += JavaNumbers.doubleText(double)
        case .string(let string): quote(string, to: &output, escapingSlashes: escapingSlashes)
        case .list(let list):
            output += "["
            for (offset, item) in list.items.enumerated() {
                if offset > 0 { output += "," }
                append(item, to: &output, escapingSlashes: escapingSlashes, path: &path)
            }
            output += "]"
        case .map(let map):
            output += "{"
            for (offset, entry) in map.entries.enumerated() {
                if offset > 0 { output += "," }
                quote(entry.key, to: &output, escapingSlashes: escapingSlashes)
                output += ":"
                append(entry.value, to: &output, escapingSlashes: escapingSlashes, path: &path)
            }
            output += "}"
        case .object(let object): quote(object.text, to: &output, escapingSlashes: escapingSlashes)
        }
    }

    static func quote(_ string: String, to output: inout String, escapingSlashes: Bool) {
        output += "\""
        // Most strings need no escape: appended whole rather than a scalar at a time.
        if !string.utf8.contains(where: { needsEscape($0, escapingSlashes: escapingSlashes) }) {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "/" where escapingSlashes: output += "\\/"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || (0x2000...0x20FF).contains(scalar.value)
                {
                    output +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// Whether a UTF-8 byte may start something `quote` escapes (separators U+2000–U+20FF begin
    /// with 0xE2, C1 controls U+0080–U+009F with 0xC2: either sends the string the slow way).
    private static func needsEscape(_ byte: UInt8, escapingSlashes: Bool) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2
            || byte == 0xE2 || (escapingSlashes && byte == UInt8(ascii: "/"))
    }
}
