/// Accumulates generated Swift source with indentation.
struct SwiftWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String = "") {
        text += content.isEmpty ? "\n" : String(repeating: "    ", count: depth) + content + "\n"
    }

    /// Writes `opener {`, the body one level deeper, then `}`.
    mutating func block(_ opener: String, _ body: (inout SwiftWriter) -> Void) {
        group(opener + " {", closer: "}", body)
    }

    /// Writes `opener` as it is, the body one level deeper, then `closer`.
    mutating func group(_ opener: String, closer: String, _ body: (inout SwiftWriter) -> Void) {
        line(opener)
        depth += 1
        body(&self)
        depth -= 1
        line(closer)
    }
}

/// A Swift string literal for a model string.
func literal(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
