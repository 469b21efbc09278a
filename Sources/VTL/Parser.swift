import BigInt

/// Reads Velocity 1.7 template text into nodes. Whitespace follows 1.7: `#set` takes the spaces
/// before it, and `#set`, `#if`/`#elseif`/`#foreach`, `#else`, `#end`, `#break` and comments
/// take the rest of their line when nothing but spaces follows them.
struct Parser {
    let bytes: [UInt8]
    var index = 0
    var macros: [String: Macro] = [:]

    /// Whether this is a whole template (not the inside of a double-quoted string), where 1.7's
    /// lexer refuses a final lone `$` or `#`.
    var isTemplate = true

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Block directives the parser is inside, innermost last (for error messages).
    var openBlocks: [String] = []

    /// How deeply blocks, parentheses, lists, maps, method arguments and indexes may nest. The
    /// parser, the renderer and the release of a parsed template all recurse once per level, so
    /// the bound keeps hostile text from exhausting a thread's stack.
    static let maximumNesting = 100
    var nesting = 0
    /// Set when the bound was passed, so that backtracking never swallows that failure.
    var tooDeep = false

    mutating func parseTemplate() throws(TemplateError) -> [Node] {
        let (nodes, terminator) = try parseNodes()
        if let terminator {
            throw error("Unexpected #\(terminator)", at: index)
        }
        return nodes
    }

    // MARK: Text and directives

    /// Nodes up to the end of the text or to a `#else`, `#elseif` or `#end` (returned, consumed
    /// except for `#elseif`'s condition, which the caller reads).
    mutating func parseNodes() throws(TemplateError) -> ([Node], String?) {
        var nodes: [Node] = []
        var text: [UInt8] = []
        // How many nodes there were after a `#set` that left 1.7's lexer reading a reference's
        // modifiers (see below), so a `#set` chained right onto it does too.
        var referenceStateEnd: Int?
        func flush() {
            if !text.isEmpty {
                nodes.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                // Backslashes escape a following reference or directive.
                var count = 0
                while index + count < bytes.count, bytes[index + count] == UInt8(ascii: "\\") { count += 1 }
                let after = index + count
                if after < bytes.count, bytes[after] == UInt8(ascii: "$"), isReference(at: after) {
                    flush()
                    index = after
                    let parsed = try parseReference()
                    nodes.append(
                        .reference(parsed.reference, quiet: parsed.quiet, source: parsed.source, backslashes: count))
                    continue
                }
                if after < bytes.count, bytes[after] == UInt8(ascii: "#"), let name = directiveName(at: after),
                    Self.directives.contains(name) || ["end", "else", "elseif"].contains(name) || macros[name] != nil
                {
                    // `\#if` prints `#if`; an even number of backslashes leaves the directive active.
                    text.append(contentsOf: Array(repeating: UInt8(ascii: "\\"), count: count / 2))
                    index = after
                    if count % 2 == 1 {
                        text.append(UInt8(ascii: "#"))
                        index += 1
                    }
                    continue
                }
                text.append(contentsOf: bytes[index..<after])
                index = after
                continue
            }
            if byte == UInt8(ascii: "$"), isReference(at: index) {
                flush()
                let parsed = try parseReference()
                nodes.append(.reference(parsed.reference, quiet: parsed.quiet, source: parsed.source, backslashes: 0))
                continue
            }
            if byte == UInt8(ascii: "#") {
                if starts(with: "##", at: index) {
                    // A line comment, with its newline.
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    if index < bytes.count { index += 1 }
                    continue
                }
                if starts(with: "#*", at: index) {
                    // An unclosed block comment runs to the end of the template.
                    index += 2
                    while index < bytes.count, !starts(with: "*#", at: index) { index += 1 }
                    index = min(index + 2, bytes.count)
                    continue
                }
                if starts(with: "#[[", at: index) {
                    let start = index
                    index += 3
                    let contentStart = index
                    while index < bytes.count, !starts(with: "]]#", at: index) { index += 1 }
                    guard index < bytes.count else { throw error("Unterminated #[[ ]]# block", at: start) }
                    text.append(contentsOf: bytes[contentStart..<index])
                    index += 3
                    continue
                }
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "@"),
                    let name = directiveName(at: index + 1),
                    isCall(at: index + 1)
                {
                    // `#@name(…)body#end`: a macro call with a block.
                    flush()
                    let start = index
                    index += 1
                    guard case .macroCall(let name, let arguments, _, _)? = try parseDirective(name) else {
                        throw error("Invalid block macro call", at: start)
                    }
                    try enterBlock("@" + name, at: start)
                    defer { leaveBlock() }
                    let (body, terminator) = try parseNodes()
                    guard terminator == "end" else { throw error("#@\(name) has no #end", at: start) }
                    let source = String(decoding: bytes[start..<index], as: UTF8.self)
                    nodes.append(.macroCall(name: name, arguments: arguments, source: source, body: body))
                    continue
                }
                if let name = directiveName(at: index) {
                    if ["end", "else", "elseif"].contains(name) {
                        flush()
                        let start = index
                        skipDirectiveName()
                        if name != "elseif" { gobbleLineEnd() }
                        if openBlocks.isEmpty { throw error("Unexpected #\(name)", at: start) }
                        return (nodes, name)
                    }
                    if Self.directives.contains(name) || macros[name] != nil || isCall(at: index) {
                        // `#set` takes the spaces and tabs before it when nothing but them stands
                        // between it and the previous reference or directive (1.7's lexer).
                        let onlyBlanks = text.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                        // 1.7's lexer matches a `#set` (with those blanks) while still reading the
                        // modifiers of an informal reference (`$a`, `$a.b()`, not `${a}`), or of
                        // the `#set` chained before, and returns to that state after it.
                        var inReferenceState = false
                        if name == "set", onlyBlanks {
                            if case .reference(_, _, let source, _)? = nodes.last {
                                inReferenceState = !source.hasPrefix("${") && !source.hasPrefix("$!{")
                            } else {
                                inReferenceState = referenceStateEnd == nodes.count
                            }
                            text.removeAll()
                        }
                        flush()
                        let start = index
                        if let node = try parseDirective(name) { nodes.append(node) }
                        if inReferenceState {
                            // There a `[` right after is an index with nothing to index.
                            if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                                throw error("Encountered '[' after #set following a reference", at: start)
                            }
                            referenceStateEnd = nodes.count
                        }
                        continue
                    }
                }
            }
            if isTemplate, index == bytes.count - 1, byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#") {
                throw error("Lexical error: the template ends with '\(Character(UnicodeScalar(byte)))'", at: index)
            }
            text.append(byte)
            index += 1
        }
        flush()
        return (nodes, nil)
    }

    static let directives: Set<String> = [
        "set", "if", "foreach", "break", "stop", "define", "macro", "evaluate", "parse", "include",
    ]

    /// `#name(` (or `#@name(`): a call of a macro, which may be defined later in the template.
    func isCall(at position: Int) -> Bool {
        var cursor = position + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "{") { return false }
        while cursor < bytes.count, Self.isIdentifierByte(bytes[cursor], first: cursor == position + 1) { cursor += 1 }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        return cursor < bytes.count && bytes[cursor] == UInt8(ascii: "(")
    }

    /// The name after `#` (`#if`, `#{if}`), if it is a word.
    func directiveName(at position: Int) -> String? {
        var cursor = position + 1
        let formal = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "{")
        if formal { cursor += 1 }
        let start = cursor
        while cursor < bytes.count, Self.isIdentifierByte(bytes[cursor], first: cursor == start) { cursor += 1 }
        guard cursor > start else { return nil }
        if formal, cursor >= bytes.count || bytes[cursor] != UInt8(ascii: "}") { return nil }
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    mutating func skipDirectiveName() {
        index += 1
        let formal = bytes[index] == UInt8(ascii: "{")
        if formal { index += 1 }
        while index < bytes.count, Self.isIdentifierByte(bytes[index], first: false) { index += 1 }
        if formal { index += 1 }
    }

    /// After a directive: spaces or tabs and then a newline are consumed with it.
    mutating func gobbleLineEnd() {
        var cursor = index
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") {
            cursor += 1
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\n") {
            index = cursor + 1
        } else if starts(with: "\r\n", at: cursor) {
            index = cursor + 2
        }
    }

    mutating func parseDirective(_ name: String) throws(TemplateError) -> Node? {
        let start = index
        skipDirectiveName()
        switch name {
        case "set":
            try expectOpenParenthesis(for: name, start: start)
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "$") else {
                throw error("#set needs a reference to assign to", at: index)
            }
            let target = try parseReference()
            skipSpace()
            try expect("=", "#set needs '='")
            let value = try parseExpression()
            skipSpace()
            try expect(")", "Expected ')' to close #set")
            gobbleLineEnd()
            return .set(target.reference, value)
        case "if":
            var branches: [(condition: Expression, body: [Node])] = []
            var otherwise: [Node]?
            var condition = try parseCondition(for: name, start: start)
            try enterBlock("if", at: start)
            defer { leaveBlock() }
            while true {
                let (body, terminator) = try parseNodes()
                guard let terminator else { throw error("#if has no #end", at: start) }
                if otherwise != nil {
                    guard terminator == "end" else { throw error("#\(terminator) after #else", at: index) }
                    otherwise = body
                    return .if(branches, otherwise: otherwise)
                }
                branches.append((condition, body))
                switch terminator {
                case "end": return .if(branches, otherwise: nil)
                case "else": otherwise = []
                default: condition = try parseCondition(for: "elseif", start: index)
                }
            }
        case "foreach":
            try expectOpenParenthesis(for: name, start: start)
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "$") else {
                throw error("#foreach needs a loop variable", at: index)
            }
            let variable = try parseReference()
            guard variable.reference.steps.isEmpty else { throw error("#foreach needs a plain variable", at: index) }
            skipSpace()
            guard starts(with: "in", at: index) else { throw error("#foreach needs 'in'", at: index) }
            index += 2
            let collection = try parseExpression()
            skipSpace()
            try expect(")", "Expected ')' to close #foreach")
            gobbleLineEnd()
            try enterBlock("foreach", at: start)
            defer { leaveBlock() }
            let (body, terminator) = try parseNodes()
            guard let terminator else { throw error("#foreach has no #end", at: start) }
            var otherwise: [Node]?
            if terminator == "else" {
                let (elseBody, end) = try parseNodes()
                guard end == "end" else { throw error("#foreach has no #end", at: start) }
                otherwise = elseBody
            } else if terminator != "end" {
                throw error("#elseif in #foreach", at: index)
            }
            return .foreach(
                variable: variable.reference.name, collection: collection, body: body, otherwise: otherwise)
        case "evaluate":
            try expectOpenParenthesis(for: name, start: start)
            let argument = try parseParameter()
            skipSpace()
            try expect(")", "Expected ')' to close #evaluate")
            gobbleLineEnd()
            return .evaluate(argument)
        case "parse", "include":
            // Templates here have no resource loader to read other files from.
            try expectOpenParenthesis(for: name, start: start)
            _ = try parseParameter()
            skipSpace()
            try expect(")", "Expected ')' to close #\(name)")
            gobbleLineEnd()
            return .failure("#\(name) cannot load other templates here")
        case "break":
            var scope: Expression?
            var cursor = index
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") {
                cursor += 1
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "(") {
                try expectOpenParenthesis(for: name, start: start)
                try enter(at: start)
                defer { leave() }
                scope = try parseParameter()
                skipSpace()
                try expect(")", "Expected ')' to close #break")
            }
            gobbleLineEnd()
            return .break(scope)
        case "stop":
            gobbleLineEnd()
            return .stop
        case "define":
            try expectOpenParenthesis(for: name, start: start)
            skipSpace()
            let target = try parseReference()
            skipSpace()
            try expect(")", "Expected ')' to close #define")
            gobbleLineEnd()
            try enterBlock("define", at: start)
            defer { leaveBlock() }
            let (body, terminator) = try parseNodes()
            guard terminator == "end" else { throw error("#define has no #end", at: start) }
            return .define(name: target.reference.name, body: body)
        case "macro":
            try expectOpenParenthesis(for: name, start: start)
            skipSpace()
            let nameStart = index
            while index < bytes.count, Self.isIdentifierByte(bytes[index], first: index == nameStart) { index += 1 }
            guard index > nameStart else { throw error("#macro needs a name", at: index) }
            let macroName = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            if macroName.contains("-") { throw error("Invalid macro name \(macroName)", at: nameStart) }
            var parameters: [String] = []
            while true {
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: ")") {
                    index += 1
                    break
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "$") else {
                    throw error("#macro parameters are references", at: index)
                }
                parameters.append(try parseReference().reference.name)
            }
            gobbleLineEnd()
            try enterBlock("macro", at: start)
            defer { leaveBlock() }
            // Defined before its body is read, so it may call itself; the first definition wins.
            let existing = macros[macroName]
            if existing == nil { macros[macroName] = Macro(parameters: parameters, body: []) }
            let (body, terminator) = try parseNodes()
            guard terminator == "end" else { throw error("#macro has no #end", at: start) }
            if existing == nil { macros[macroName] = Macro(parameters: parameters, body: body) }
            return nil
        default:
            // A macro call; the macro may be defined anywhere in the template.
            let sourceStart = start
            var cursor = index
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            var arguments: [Expression] = []
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "(") {
                index = cursor + 1
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ")") {
                        index += 1
                        break
                    }
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard index < bytes.count else { throw error("Expected ')' to close #\(name)", at: start) }
                    arguments.append(try parseParameter())
                }
                gobbleLineEnd()
            }
            let source = String(decoding: bytes[sourceStart..<index], as: UTF8.self)
            return .macroCall(name: name, arguments: arguments, source: source, body: nil)
        }
    }

    mutating func parseCondition(for name: String, start: Int) throws(TemplateError) -> Expression {
        try expectOpenParenthesis(for: name, start: start)
        let condition = try parseExpression()
        skipSpace()
        try expect(")", "Expected ')' to close #\(name)")
        gobbleLineEnd()
        return condition
    }

    mutating func expectOpenParenthesis(for name: String, start: Int) throws(TemplateError) {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else {
            throw error("Expected '(' after #\(name)", at: index)
        }
        index += 1
    }

    // MARK: Helpers

    /// One level deeper (see `maximumNesting`), until `leave()`.
    mutating func enter(at offset: Int) throws(TemplateError) {
        nesting += 1
        if nesting > Self.maximumNesting {
            tooDeep = true
            throw error("Template nesting exceeds \(Self.maximumNesting) levels", at: offset)
        }
    }

    mutating func leave() {
        nesting -= 1
    }

    /// A block directive's body: one level deeper, and named for error messages until `leaveBlock()`.
    mutating func enterBlock(_ name: String, at offset: Int) throws(TemplateError) {
        try enter(at: offset)
        openBlocks.append(name)
    }

    mutating func leaveBlock() {
        leave()
        openBlocks.removeLast()
    }

    func starts(with text: String, at position: Int) -> Bool {
        let utf8 = Array(text.utf8)
        guard position + utf8.count <= bytes.count else { return false }
        return bytes[position..<position + utf8.count].elementsEqual(utf8)
    }

    mutating func skipSpace() {
        while index < bytes.count,
            [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index])
        {
            index += 1
        }
    }

    mutating func expect(_ text: String, _ message: String) throws(TemplateError) {
        skipSpace()
        guard starts(with: text, at: index) else { throw error(message, at: index) }
        index += text.utf8.count
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        let (line, column) = position(of: offset)
        return TemplateError(message: message, line: line, column: column)
    }
}
