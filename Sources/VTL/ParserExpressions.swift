import BigInt

/// Reading expressions: literals, lists, maps, ranges, and operators by precedence.
extension Parser {
    mutating func parseExpression() throws(TemplateError) -> Expression {
        try parseBinary(level: 0)
    }

    /// Operators by precedence, loosest first; each has its symbol and word forms.
    static let levels: [[(String, BinaryOperator)]] = [
        [("||", .or), ("or", .or)],
        [("&&", .and), ("and", .and)],
        [("==", .equal), ("!=", .notEqual), ("eq", .equal), ("ne", .notEqual)],
        [
            ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater), ("le", .lessOrEqual),
            ("ge", .greaterOrEqual), ("lt", .less), ("gt", .greater),
        ],
        [("+", .add), ("-", .subtract)],
        [("*", .multiply), ("/", .divide), ("%", .remainder)],
    ]

    mutating func parseBinary(level: Int) throws(TemplateError) -> Expression {
        guard level < Self.levels.count else { return try parseUnary() }
        let first = try parseBinary(level: level + 1)
        var rest: [(BinaryOperator, Expression)] = []
        while true {
            skipSpace()
            guard let (symbol, op) = Self.levels[level].first(where: { matchesOperator($0.0) }) else { break }
            index += symbol.utf8.count
            rest.append((op, try parseBinary(level: level + 1)))
        }
        return rest.isEmpty ? first : .chain(first, rest)
    }

    func matchesOperator(_ symbol: String) -> Bool {
        guard starts(with: symbol, at: index) else { return false }
        let end = index + symbol.utf8.count
        if let first = symbol.utf8.first, Self.isIdentifierByte(first, first: true) {
            // Word operators stand alone: `eq` but not `equals`.
            return end >= bytes.count || !Self.isIdentifierByte(bytes[end], first: false)
        }
        // `=` alone is not `==`; `-` before a digit after an operator is a sign, handled as a literal.
        return true
    }

    mutating func parseUnary() throws(TemplateError) -> Expression {
        // Negations are counted in a loop, not nested: `!!!x` is `!x`, `!!x` is `x`'s truth.
        var negations = 0
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "!"),
                !(index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "="))
            {
                index += 1
            } else if matchesOperator("not") {
                index += 3
            } else {
                break
            }
            negations += 1
        }
        let operand = try parsePrimary()
        if negations == 0 { return operand }
        return negations % 2 == 1 ? .not(operand) : .not(.not(operand))
    }

    /// A macro or method argument: in 1.7 a value, a reference, a list, a map or a range, but no
    /// arithmetic or comparison.
    mutating func parseParameter() throws(TemplateError) -> Expression {
        try parsePrimary()
    }

    mutating func parsePrimary() throws(TemplateError) -> Expression {
        skipSpace()
        guard index < bytes.count else { throw error("Expected a value", at: index) }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            try enter(at: index)
            defer { leave() }
            return try parseGroup(byte)
        case UInt8(ascii: "$"):
            guard isReference(at: index) else { throw error("Expected a reference", at: index) }
            return .reference(try parseReference().reference)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try parseString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            if matchesOperator("true") {
                index += 4
                return .literal(.bool(true))
            }
            if matchesOperator("false") {
                index += 5
                return .literal(.bool(false))
            }
            throw error("Unexpected '\(Character(UnicodeScalar(byte)))'", at: index)
        }
    }

    /// A parenthesized expression, a list or range, or a map.
    mutating func parseGroup(_ byte: UInt8) throws(TemplateError) -> Expression {
        switch byte {
        case UInt8(ascii: "("):
            index += 1
            let inner = try parseExpression()
            skipSpace()
            try expect(")", "Expected ')'")
            return inner
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .list([])
            }
            let first = try parseExpression()
            skipSpace()
            if starts(with: "..", at: index) {
                index += 2
                let last = try parseExpression()
                skipSpace()
                try expect("]", "Expected ']' to close a range")
                return .range(first, last)
            }
            var items = [first]
            while true {
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    items.append(try parseExpression())
                    continue
                }
                try expect("]", "Expected ',' or ']' in a list")
                return .list(items)
            }
        default:
            index += 1
            var entries: [(Expression, Expression)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .map(entries)
            }
            while true {
                let key = try parseExpression()
                skipSpace()
                try expect(":", "Expected ':' in a map")
                let value = try parseExpression()
                entries.append((key, value))
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("}", "Expected ',' or '}' in a map")
                return .map(entries)
            }
        }
    }

    mutating func parseNumber() throws(TemplateError) -> Expression {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        guard index > digitsStart else { throw error("Expected a number", at: start) }
        var isDouble = false
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
        {
            isDouble = true
            index += 1
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
                cursor += 1
            }
            if cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) {
                isDouble = true
                index = cursor
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    index += 1
                }
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isDouble {
            guard let value = Double(text) else { throw error("Invalid number \(text)", at: start) }
            return .literal(.double(value))
        }
        if let value = Int(text) { return .literal(.integer(value)) }
        // Reading decimal digits into a BigInt is quadratic: numbers past the engine's bound are refused.
        guard text.utf8.count <= BigNumbers.maximumDigits else {
            throw error("Number \(text.prefix(20))… has more than \(BigNumbers.maximumDigits) digits", at: start)
        }
        guard let big = BigInt(text) else { throw error("Invalid number \(text)", at: start) }
        return .literal(.bigInteger(big))
    }

    /// `'text'` is literal; `"text"` is rendered as a template when it holds `$` or `#`.
    mutating func parseString() throws(TemplateError) -> Expression {
        let quote = bytes[index]
        let start = index
        index += 1
        var contentBytes: [UInt8] = []
        let contentStart = index
        while true {
            guard index < bytes.count else { throw error("Unterminated string", at: start) }
            if bytes[index] == quote {
                // A doubled quote stands for one quote (Velocity 1.7).
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    contentBytes.append(quote)
                    index += 2
                    continue
                }
                break
            }
            contentBytes.append(bytes[index])
            index += 1
        }
        let content = String(decoding: contentBytes, as: UTF8.self)
        index += 1
        if quote == UInt8(ascii: "'") || !(content.contains("$") || content.contains("#")) {
            return .literal(.string(content))
        }
        var inner = Parser(content)
        inner.macros = macros
        inner.isTemplate = false
        inner.nesting = nesting
        do {
            return .interpolated(try inner.parseTemplate())
        } catch let failure {
            let (line, column) = position(of: contentStart)
            tooDeep = inner.tooDeep
            throw TemplateError(message: failure.message, line: line + failure.line - 1, column: column)
        }
    }
}
