import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// The API's gateway responses, effective for every type, with templates parsed.
struct GatewayResponseSet: Sendable {
    struct Entry: Sendable {
        let status: Int
        let parameters: [(target: String, source: String)]
        let templates: TemplateTable
    }

    let entries: [String: Entry]
    /// Whether any gateway response's template may render for long.
    let mayRunLong: Bool

    init(_ own: OrderedDictionary<String, APIGateway.GatewayResponse>) {
        var entries: [String: Entry] = [:]
        for type in GatewayResponseDefaults.status.keys {
            let response = GatewayResponseDefaults.effective(APIGateway.GatewayResponseType(rawValue: type), in: own)
            entries[type] = Entry(
                status: response.statusCode.flatMap { Int($0) } ?? Int(GatewayResponseDefaults.status[type]!)!,
                parameters: (response.responseParameters ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                templates: TemplateTable(response.responseTemplates))
        }
        for type in ["DEFAULT_4XX", "DEFAULT_5XX"] {
            let response = own[type]
            entries[type] = Entry(
                status: response?.statusCode.flatMap { Int($0) } ?? (type == "DEFAULT_4XX" ? 400 : 500),
                parameters: (response?.responseParameters ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                templates: TemplateTable(response?.responseTemplates ?? GatewayResponseDefaults.templates))
        }
        self.entries = entries
        self.mayRunLong = entries.values.contains { $0.templates.mayRunLong }
    }
}
