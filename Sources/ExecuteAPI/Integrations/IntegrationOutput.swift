import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// What the integration answered.
struct IntegrationOutput: Sendable {
    var status: Int
    var headers: Headers
    var body: [UInt8]
    /// A Lambda function error's `errorMessage` (what selection patterns match for Lambda).
    var errorMessage: String?
    /// Lambda's `X-Amz-Function-Error` when the function failed.
    var functionError: String?

    /// A proxy integration's answer as the client gets it.
    func proxyResponse() -> ServiceResponse {
        var response = ServiceResponse(status: status, headers: headers, body: body)
        if response.headers["Content-Type"] == nil { response.headers.set("Content-Type", "application/json") }
        return response
    }
}
