/// A parsed template: what `Parser` builds and `Renderer` walks.
indirect enum Node: Sendable {
    case text(String)
    /// A reference in text; `source` is its text as written, which plain Velocity prints when
    /// the reference has no value. `backslashes` counts escaping backslashes before it.
    case reference(Reference, quiet: Bool, source: String, backslashes: Int)
    case set(Reference, Expression)
    case `if`([(condition: Expression, body: [Node])], otherwise: [Node]?)
    case foreach(variable: String, collection: Expression, body: [Node], otherwise: [Node]?)
    /// `#break`, or `#break($foreach.parent)`: the scope (a loop) to leave.
    case `break`(Expression?)
    case stop
    case define(name: String, body: [Node])
    /// A macro call; `body` is the block of a `#@name(…)…#end` call (`$bodyContent`).
    case macroCall(name: String, arguments: [Expression], source: String, body: [Node]?)
    /// `#evaluate(…)`: its value rendered as a template (macro calls in it find the template's).
    case evaluate(Expression)
    /// A directive that always fails when rendered (`#parse` without templates to load).
    case failure(String)
    /// An escaped directive (`\#if`): printed as written.
    case literal(String)
}

/// `$name.property.method(arguments)[index]…`
struct Reference: Sendable {
    enum Step: Sendable {
        case property(String)
        case method(String, [Expression])
        case index(Expression)
    }

    var name: String
    var steps: [Step]
}

indirect enum Expression: Sendable {
    case literal(Value)
    /// A double-quoted string with references or directives in it, rendered when evaluated.
    case interpolated([Node])
    case list([Expression])
    case map([(Expression, Expression)])
    case range(Expression, Expression)
    case reference(Reference)
    case not(Expression)
    /// Operands of one precedence level joined left to right (`a + b - c`): kept flat so a long
    /// chain neither nests deeply nor recurses when it is evaluated.
    case chain(Expression, [(BinaryOperator, Expression)])
}

enum BinaryOperator: Sendable {
    case or, and, equal, notEqual, less, greater, lessOrEqual, greaterOrEqual, add, subtract, multiply, divide
    case remainder
}

/// A template error, with where it is.
public struct TemplateError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public var line: Int
    public var column: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// A macro: its parameters (without `$`) and its body.
struct Macro: Sendable {
    var parameters: [String]
    var body: [Node]
}
