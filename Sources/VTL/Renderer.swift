import OrderedCollections

/// Control flow out of a render: `#stop`, `#break`, or a failure.
enum Interruption: Error {
    case stop
    /// Leaves the innermost loop, or the loop given (`#break($foreach.parent)`).
    case `break`(LoopState?)
    case failure(RenderError)
}

struct Renderer {
    var variables: [String: Value]
    var defines: [String: [Node]] = [:]
    let macros: [String: Macro]
    let options: RenderOptions
    var output = ""
    var depth = 0
    var iterations = 0
    var steps = 0
    /// Expressions being evaluated, one inside another (a string read as a template inside an
    /// expression can hold more expressions, and `#evaluate` more templates).
    var evaluationDepth = 0
    static let maximumEvaluationDepth = 1000
    let deadline: ContinuousClock.Instant?
    /// The `$foreach` objects of the loops the renderer is in, innermost last.
    var loops: [LoopState] = []
    /// The macro calls the renderer is in, innermost last: each parameter still bound to its
    /// argument, which 1.7 passes by name, evaluating it in the caller's scope at every use.
    var macroFrames: [[String: Expression]] = []
    /// The frame whose parameters references see: the innermost, or the caller's while an
    /// argument is evaluated.
    var visibleFrame = -1

    init(variables: [String: Value], macros: [String: Macro], options: RenderOptions) {
        self.variables = variables
        self.macros = macros
        self.options = options
        deadline = options.maximumDuration.map { ContinuousClock.now + $0 }
    }

    /// Counts one step of work and fails the render past its budget of steps or time.
    mutating func step() throws(Interruption) {
        steps += 1
        if steps > options.maximumSteps {
            throw .failure(RenderError(message: "Template evaluation exceeds \(options.maximumSteps) steps"))
        }
        // Reading the clock costs more than a step: look at it every 4,096 steps.
        if steps & 0xFFF == 0 { try checkDeadline() }
    }

    func checkDeadline() throws(Interruption) {
        if let deadline, ContinuousClock.now > deadline {
            throw .failure(
                RenderError(message: "Template evaluation exceeds \(options.maximumDuration ?? .zero)"))
        }
    }

    /// A list or map a method may have grown: refused past `maximumCollectionSize`.
    func checkSize(of receiver: Value) throws(Interruption) {
        let count: Int
        switch receiver {
        case .list(let list): count = list.items.count
        case .map(let map): count = map.entries.count
        default: return
        }
        if count > options.maximumCollectionSize {
            throw .failure(RenderError(message: "A collection exceeds \(options.maximumCollectionSize) elements"))
        }
    }

    /// A string the render built: refused past `maximumStringBytes`.
    func checked(_ value: Value) throws(Interruption) -> Value {
        if case .string(let string) = value, string.utf8.count > options.maximumStringBytes {
            throw .failure(RenderError(message: "A string exceeds \(options.maximumStringBytes) bytes"))
        }
        return value
    }

    mutating func write(_ text: String) throws(Interruption) {
        output += text
        if output.utf8.count > options.maximumOutputBytes {
            throw .failure(RenderError(message: "Template output exceeds \(options.maximumOutputBytes) bytes"))
        }
    }

    mutating func render(_ nodes: [Node]) throws(Interruption) {
        for node in nodes { try render(node) }
    }

    mutating func render(_ node: Node) throws(Interruption) {
        try step()
        switch node {
        case .text(let text), .literal(let text):
            try write(text)
        case .reference(let reference, let quiet, let source, let backslashes):
            if backslashes == 0, reference.steps.isEmpty, let body = defines[reference.name] {
                try nested { renderer throws(Interruption) in try renderer.render(body) }
                return
            }
            let value = try evaluate(reference)
            if value.isNull {
                // An escaped reference without a value keeps its escape and its text.
                let hidden = quiet || options.nullRendersEmpty
                let shown = backslashes % 2 == 1 ? "\\" + source : (hidden ? "" : source)
                try write(String(repeating: "\\", count: backslashes / 2) + shown)
                return
            }
            if backslashes % 2 == 0, let problem = value.printProblem(maximumBytes: options.maximumOutputBytes) {
                throw .failure(RenderError(message: problem))
            }
            try write(String(repeating: "\\", count: backslashes / 2))
            try write(backslashes % 2 == 1 ? source : value.text)
        case .set(let reference, let expression):
            let value = try evaluate(expression)
            // Velocity 1.7 leaves the target as it was when the value is null.
            if value.isNull { return }
            try assign(value, to: reference)
        case .if(let branches, let otherwise):
            for branch in branches where try condition(branch.condition) {
                try nested { renderer throws(Interruption) in try renderer.render(branch.body) }
                return
            }
            if let otherwise { try nested { renderer throws(Interruption) in try renderer.render(otherwise) } }
        case .foreach(let variable, let collection, let body, let otherwise):
            try nested { renderer throws(Interruption) in
                try renderer.renderLoop(variable: variable, collection: collection, body: body, otherwise: otherwise)
            }
        case .break(nil):
            throw .break(nil)
        case .break(let scope?):
            guard case .object(let object) = try evaluate(scope), let loop = object as? LoopState else {
                throw .failure(RenderError(message: "#break needs the scope of a loop it is in, such as $foreach"))
            }
            throw .break(loop)
        case .stop:
            throw .stop
        case .define(let name, let body):
            defines[name] = body
        case .macroCall(let name, let arguments, let source, let body):
            guard let macro = macros[name] else {
                try write(source)
                return
            }
            let savedBody = defines["bodyContent"]
            defines["bodyContent"] = body
            defer { defines["bodyContent"] = savedBody }
            try callMacro(macro, arguments: arguments)
        case .evaluate(let expression):
            let value = try evaluate(expression)
            if value.isNull { return }
            var parser = Parser(value.text)
            let nodes: [Node]
            do throws(TemplateError) {
                nodes = try parser.parseTemplate()
            } catch {
                throw .failure(RenderError(message: "#evaluate: \(error)"))
            }
            try nested { renderer throws(Interruption) in try renderer.render(nodes) }
        case .failure(let message):
            throw .failure(RenderError(message: message))
        }
    }

    private mutating func nested(_ body: (inout Renderer) throws(Interruption) -> Void) throws(Interruption) {
        depth += 1
        defer { depth -= 1 }
        if depth > options.maximumDepth {
            throw .failure(RenderError(message: "Template nesting exceeds \(options.maximumDepth) levels"))
        }
        try body(&self)
    }

    private mutating func callMacro(_ macro: Macro, arguments: [Expression]) throws(Interruption) {
        var frame: [String: Expression] = [:]
        var saved: [(String, Value?)] = []
        for (offset, parameter) in macro.parameters.enumerated() {
            saved.append((parameter, variables[parameter]))
            // A parameter with an argument reads it through the frame (the caller's variable of
            // the same name stays for the argument to read); one without is unset.
            if offset < arguments.count { frame[parameter] = arguments[offset] } else { variables[parameter] = nil }
        }
        let savedVisible = visibleFrame
        macroFrames.append(frame)
        visibleFrame = macroFrames.count - 1
        defer {
            for (name, value) in saved { variables[name] = value }
            macroFrames.removeLast()
            visibleFrame = savedVisible
        }
        try nested { renderer throws(Interruption) in try renderer.render(macro.body) }
    }

    /// A macro parameter still bound to its argument: the argument's value now, evaluated where
    /// the macro was called.
    private mutating func macroArgument(_ name: String) throws(Interruption) -> Value? {
        guard visibleFrame >= 0, let argument = macroFrames[visibleFrame][name] else { return nil }
        let saved = visibleFrame
        visibleFrame -= 1
        defer { visibleFrame = saved }
        return try evaluate(argument)
    }

    private mutating func renderLoop(variable: String, collection: Expression, body: [Node], otherwise: [Node]?)
        throws(Interruption)
    {
        let items: [Value]
        switch try evaluate(collection) {
        case .list(let list): items = list.items
        case .map(let map): items = Array(map.entries.values)
        case .object(let object): items = (try? object.call("iterator", [])).flatMap { $0 }.map { [$0] } ?? []
        default: items = []
        }
        if items.isEmpty {
            if let otherwise { try render(otherwise) }
            return
        }
        let savedVariable = variables[variable]
        let savedCount = variables["velocityCount"]
        let savedHasNext = variables["velocityHasNext"]
        defer {
            variables[variable] = savedVariable
            variables["velocityCount"] = savedCount
            variables["velocityHasNext"] = savedHasNext
            loops.removeLast()
        }
        let loop = LoopState(count: items.count, parent: loops.last)
        loops.append(loop)
        for (offset, item) in items.enumerated() {
            iterations += 1
            if iterations > options.maximumLoopIterations {
                throw .failure(
                    RenderError(message: "#foreach exceeds \(options.maximumLoopIterations) iterations"))
            }
            loops[loops.count - 1].index = offset
            variables[variable] = item
            variables["velocityCount"] = .integer(offset + 1)
            variables["velocityHasNext"] = .bool(offset + 1 < items.count)
            do throws(Interruption) {
                try render(body)
            } catch {
                guard case .break(let target) = error, target == nil || target === loop else { throw error }
                break
            }
        }
    }

    // MARK: Assignment

    private mutating func assign(_ value: Value, to reference: Reference) throws(Interruption) {
        guard let last = reference.steps.last else {
            // Setting a parameter makes it a local value, no longer its argument.
            if visibleFrame >= 0 { macroFrames[visibleFrame][reference.name] = nil }
            variables[reference.name] = value
            return
        }
        let owner = try evaluate(Reference(name: reference.name, steps: Array(reference.steps.dropLast())))
        switch (owner, last) {
        case (.map(let map), .property(let key)):
            map.entries[key] = value
        case (.map(let map), .index(let keyExpression)):
            map.entries[try evaluate(keyExpression).text] = value
        case (.list(let list), .index(let indexExpression)):
            if case .integer(let index) = try evaluate(indexExpression), list.items.indices.contains(index) {
                list.items[index] = value
            }
        default:
            break
        }
    }

    // MARK: Evaluation

    mutating func evaluate(_ reference: Reference) throws(Interruption) -> Value {
        var value: Value
        if reference.name == "foreach", let loop = loops.last {
            value = .object(loop)
        } else if let argument = try macroArgument(reference.name) {
            value = argument
        } else if let defined = variables[reference.name] {
            value = defined
        } else if let body = defines[reference.name] {
            var copy = self
            copy.output = ""
            try copy.nested { renderer throws(Interruption) in try renderer.render(body) }
            value = .string(copy.output)
        } else {
            value = .null
        }
        for step in reference.steps {
            if value.isNull { return .null }
            switch step {
            case .property(let name):
                value = JavaMethods.property(name, of: value)
            case .method(let name, let arguments):
                var values: [Value] = []
                for argument in arguments { values.append(try evaluate(argument)) }
                let receiver = value
                do {
                    value = try JavaMethods.call(name, on: value, arguments: values)
                } catch {
                    throw .failure(error)
                }
                value = try checked(value)
                try checkSize(of: receiver)
                // A method can take long on its own (a regular expression, a large document).
                try checkDeadline()
            case .index(let expression):
                let key = try evaluate(expression)
                do throws(RenderError) {
                    value = try JavaMethods.index(key, of: value)
                } catch {
                    throw .failure(error)
                }
            }
        }
        return value
    }

    /// An expression as a condition (`#if`, `!`, `&&`, `||`), as 1.7's `evaluate` reads it: a
    /// reference by its value's truth, a comparison or logical operator by its result, `true` and
    /// `false` as themselves; any other literal, and arithmetic, are false without being computed.
    mutating func condition(_ expression: Expression) throws(Interruption) -> Bool {
        switch expression {
        case .literal(.bool(let flag)): return flag
        case .literal, .interpolated, .list, .map, .range: return false
        case .reference: return try evaluate(expression).isTruthy
        case .not(let inner):
            try step()
            return !(try condition(inner))
        case .chain(let first, let rest):
            switch rest.first?.0 {
            case .and?, .or?:
                // && and || stop early.
                try step()
                var value = try condition(first)
                for (op, operand) in rest {
                    if op == .and ? value : !value { value = try condition(operand) }
                }
                return value
            case .add?, .subtract?, .multiply?, .divide?, .remainder?:
                return false
            default:
                return try evaluate(expression).isTruthy
            }
        }
    }

    mutating func evaluate(_ expression: Expression) throws(Interruption) -> Value {
        try step()
        evaluationDepth += 1
        defer { evaluationDepth -= 1 }
        if evaluationDepth > Self.maximumEvaluationDepth {
            throw .failure(RenderError(message: "Expressions nest deeper than \(Self.maximumEvaluationDepth) levels"))
        }
        switch expression {
        case .literal(let value):
            return value
        case .interpolated(let nodes):
            var copy = self
            copy.output = ""
            copy.depth += 1
            try copy.render(nodes)
            variables = copy.variables
            steps = copy.steps
            return try checked(.string(copy.output))
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item)) }
            return .list(ListValue(values))
        case .map(let entries):
            let map = MapValue()
            for (key, value) in entries {
                let key = try evaluate(key)
                map.entries[key.text] = try evaluate(value)
                if case .string = key {
                    map.otherKeys[key.text] = nil
                } else {
                    map.otherKeys[key.text] = key
                }
            }
            return .map(map)
        case .range(let low, let high):
            guard case .integer(let from) = try evaluate(low), case .integer(let to) = try evaluate(high) else {
                return .null
            }
            let (span, overflow) = to.subtractingReportingOverflow(from)
            if overflow || span.magnitude > UInt(options.maximumLoopIterations) {
                throw .failure(RenderError(message: "Range [\(from)..\(to)] is too large"))
            }
            let values = from <= to ? Array(from...to) : Array((to...from).reversed())
            return .list(ListValue(values.map(Value.integer)))
        case .reference(let reference):
            return try evaluate(reference)
        case .not:
            return .bool(try condition(expression))
        case .chain(_, let rest) where rest.first.map({ $0.0 == .and || $0.0 == .or }) == true:
            return .bool(try condition(expression))
        case .chain(let first, let rest):
            // Left to right, as Velocity's left-nested operator nodes evaluate.
            var value = try evaluate(first)
            for (op, operand) in rest {
                let rhs = try evaluate(operand)
                let result: Value
                do throws(RenderError) {
                    result = try Operators.apply(op, value, rhs, options: options)
                } catch {
                    throw .failure(error)
                }
                value = try checked(result)
            }
            return value
        }
    }
}
