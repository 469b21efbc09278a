import BigInt

/// Reading references: `$name`, `$!name`, `${name}`, properties, method calls and indexes.
extension Parser {
    /// Whether a reference starts at `position` (`$name`, `$!name`, `${name}`, `$!{name}`).
    func isReference(at position: Int) -> Bool {
        var cursor = position + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "!") { cursor += 1 }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "{") { cursor += 1 }
        return cursor < bytes.count && Self.isIdentifierByte(bytes[cursor], first: true)
    }

    mutating func parseReference() throws(TemplateError) -> (reference: Reference, quiet: Bool, source: String) {
        let start = index
        index += 1
        var quiet = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") {
            quiet = true
            index += 1
        }
        var formal = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            formal = true
            index += 1
        }
        let name = readIdentifier()
        // Directives read a reference after a bare `$` (`#set($`), which may not start one.
        guard !name.isEmpty else { throw error("Expected a reference name after '$'", at: start) }
        var steps: [Reference.Step] = []
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count,
                Self.isIdentifierByte(bytes[index + 1], first: true)
            {
                index += 1
                let member = readIdentifier()
                if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
                    try enter(at: index)
                    defer { leave() }
                    index += 1
                    steps.append(.method(member, try parseArguments(closing: UInt8(ascii: ")"))))
                } else {
                    steps.append(.property(member))
                }
            } else if bytes[index] == UInt8(ascii: "[") {
                // 1.7 reads `[` right after a reference as an index, whatever follows: one
                // reference, integer, string or boolean, else the template does not parse.
                let start = index
                try enter(at: index)
                defer { leave() }
                index += 1
                skipSpace()
                let opensGroup = index < bytes.count && bytes[index] == UInt8(ascii: "(")
                let expression = try parsePrimary()
                let indexable: Bool
                switch expression {
                case .reference, .interpolated, .literal(.integer), .literal(.bigInteger), .literal(.string),
                    .literal(.bool):
                    indexable = !opensGroup
                default:
                    indexable = false
                }
                guard indexable else {
                    throw error("An index takes a reference, an integer, a string or a boolean", at: start)
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "]") else {
                    throw error("Expected ']' to close the index", at: start)
                }
                index += 1
                steps.append(.index(expression))
            } else {
                break
            }
        }
        if formal {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
                throw error("Expected '}' to close ${\(name)", at: index)
            }
            index += 1
        }
        let source = String(decoding: bytes[start..<index], as: UTF8.self)
        return (Reference(name: name, steps: steps), quiet, source)
    }

    mutating func readIdentifier() -> String {
        let start = index
        while index < bytes.count, Self.isIdentifierByte(bytes[index], first: index == start) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Identifiers: a letter or `_`, then letters, digits, `_` and `-` (Velocity 1.7 allows `-`).
    static func isIdentifierByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): !first
        default: false
        }
    }

    mutating func parseArguments(closing: UInt8) throws(TemplateError) -> [Expression] {
        var arguments: [Expression] = []
        skipSpace()
        if index < bytes.count, bytes[index] == closing {
            index += 1
            return arguments
        }
        while true {
            arguments.append(try parseParameter())
            skipSpace()
            guard index < bytes.count else { throw error("Expected '\(Character(UnicodeScalar(closing)))'", at: index) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == closing {
                index += 1
                return arguments
            }
            throw error("Expected ',' or '\(Character(UnicodeScalar(closing)))'", at: index)
        }
    }
}
