import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// A mapping template parsed once, or the reason it could not be (which fails the request at
/// run time, as an invalid template does on AWS).
enum CompiledTemplate: Sendable {
    case template(Template)
    case invalid(String)

    /// Whether rendering it may take long (see `Template.mayRunLong`).
    var mayRunLong: Bool {
        if case .template(let template) = self { return template.mayRunLong }
        return false
    }

    init(_ text: String) {
        do {
            self = .template(try Template(text))
        } catch {
            self = .invalid("\(error.message) at line \(error.line), column \(error.column)")
        }
    }
}
