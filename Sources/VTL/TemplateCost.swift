/// Whether a template may render for long: only loops, macros (which may recurse), `#evaluate`,
/// `#define`, ranges and regular expressions can make a render's work outgrow the template's
/// own length and what it reads. A host runs the others where it runs cheap work.
enum TemplateCost {
    static let regexMethods: Set<String> = ["replaceAll", "replaceFirst", "matches", "split"]

    static func mayRunLong(_ nodes: [Node]) -> Bool {
        nodes.contains(where: mayRunLong)
    }

    static func mayRunLong(_ node: Node) -> Bool {
        switch node {
        case .text, .stop, .failure, .literal, .break(nil): false
        case .foreach, .macroCall, .evaluate, .define: true
        case .break(let scope?): mayRunLong(scope)
        case .reference(let reference, _, _, _): mayRunLong(reference)
        case .set(let reference, let value): mayRunLong(reference) || mayRunLong(value)
        case .if(let branches, let otherwise):
            branches.contains { mayRunLong($0.condition) || mayRunLong($0.body) } || mayRunLong(otherwise ?? [])
        }
    }

    static func mayRunLong(_ reference: Reference) -> Bool {
        reference.steps.contains { step in
            switch step {
            case .property: false
            case .method(let name, let arguments): regexMethods.contains(name) || arguments.contains(where: mayRunLong)
            case .index(let index): mayRunLong(index)
            }
        }
    }

    static func mayRunLong(_ expression: Expression) -> Bool {
        switch expression {
        case .literal: false
        case .range: true
        case .interpolated(let nodes): mayRunLong(nodes)
        case .list(let items): items.contains(where: mayRunLong)
        case .map(let entries): entries.contains { mayRunLong($0.0) || mayRunLong($0.1) }
        case .reference(let reference): mayRunLong(reference)
        case .not(let inner): mayRunLong(inner)
        case .chain(let first, let rest): mayRunLong(first) || rest.contains { mayRunLong($0.1) }
        }
    }
}
