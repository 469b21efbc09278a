import Atomics
import OrderedCollections
import VTL

/// A request's path parameters, query string, headers and stage variables as a template's
/// `$input.params()` and `$stageVariables` read them: built once, at the first render, and
/// shared by every template the request renders.
final class TemplateParameters: Sendable {
    struct Tables: Sendable {
        var path: OrderedDictionary<String, String>
        var querystring: OrderedDictionary<String, String>
        var header: OrderedDictionary<String, String>
        var stageVariables: OrderedDictionary<String, String>
        /// `$stageVariables`' entries as template values (each render gets a map of its own,
        /// since a template may change the map it is given).
        var stageVariableValues: OrderedDictionary<String, Value>
    }

    private final class Built: Sendable {
        let tables: Tables
        init(_ tables: Tables) { self.tables = tables }
    }

    private let built = ManagedAtomicLazyReference<Built>()

    func tables(_ make: () -> Tables) -> Tables {
        if let done = built.load() { return done.tables }
        return built.storeIfNilThenLoad(Built(make())).tables
    }
}
