import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// Templates keyed by content type, parsed once.
struct TemplateTable: Sendable {
    /// In the order AWS considers them; keys lowercased. A nil template (an integration response's
    /// `null`) passes the body through unchanged.
    let entries: [(contentType: String, template: CompiledTemplate?)]

    init(_ templates: [String: String]?) {
        self.init(sparse: templates)
    }

    init(sparse templates: [String: String?]?) {
        entries = (templates ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key.lowercased(), $0.value.map(CompiledTemplate.init))
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Whether any of its templates may render for long.
    var mayRunLong: Bool { entries.contains { $0.template?.mayRunLong ?? false } }

    subscript(contentType: String) -> CompiledTemplate? {
        entries.first { $0.contentType == contentType }?.template ?? nil
    }
}
