import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// A mapping template parsed once, or the reason it could not be (which fails the request at
/// run time, as an invalid template does on AWS).
enum CompiledTemplate: Sendable {
    /// A template, and whether rendering it may take long: `Template.mayRunLong`, or a JSONPath
    /// filter (`?(`, `=~` regexes), or a path that comes from the request (`$input.path($p)`).
    case template(Template, mayRunLong: Bool)
    case invalid(String)

    var mayRunLong: Bool {
        if case .template(_, let mayRunLong) = self { return mayRunLong }
        return false
    }

    init(_ text: String) {
        do {
            let template = try Template(text)
            let filters =
                text.contains("?(") || text.contains("$input.path($") || text.contains("$input.json($")
                || text.contains("$input.path(\"$") || text.contains("$input.json(\"$")
            self = .template(template, mayRunLong: template.mayRunLong || filters)
        } catch {
            self = .invalid("\(error.message) at line \(error.line), column \(error.column)")
        }
    }
}
