import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// What the integration is sent after mapping.
struct IntegrationRequest: Sendable {
    var headers: [(String, String)] = []
    var query: [(String, String)] = []
    var path: [String: String] = [:]
    var body: [UInt8]
}
