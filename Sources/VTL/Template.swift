import OrderedCollections

/// A template parsed once, rendered many times, concurrently: the parsed form is immutable and
/// every render has its own variables and output.
public struct Template: Sendable {
    let nodes: [Node]
    let macros: [String: Macro]
    /// Whether rendering may take long (`TemplateCost`): loops, macros, `#evaluate`, `#define`,
    /// ranges or regular expressions. Without them a render's work is bounded by the template's
    /// length and what it reads.
    public let mayRunLong: Bool

    public init(_ text: String) throws(TemplateError) {
        var parser = Parser(text)
        nodes = try parser.parseTemplate()
        macros = parser.macros
        mayRunLong = TemplateCost.mayRunLong(nodes)
    }

    /// Renders with `variables` (`input`, `context`, …) in scope.
    public func render(_ variables: [String: Value], options: RenderOptions = RenderOptions()) throws(RenderError)
        -> String
    {
        var renderer = Renderer(variables: variables, macros: macros, options: options)
        do throws(Interruption) {
            try renderer.render(nodes)
        } catch {
            // `#stop`, and a `#break` outside a loop, end the render with what it wrote.
            if case .failure(let failure) = error { throw failure }
        }
        return renderer.output
    }
}
