import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import VTL

/// MOCK: the request template's `statusCode` chooses the integration response; there is no
/// back end and no body.
enum MockIntegration {
    static func call(_ request: IntegrationRequest) throws(IntegrationFailure) -> IntegrationOutput {
        var status = 200
        let blank = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if !blank {
            if case .object(let members)? = try? JSONValue.parse(request.body) {
                switch members["statusCode"] {
                case .integer(let code)?: status = code
                case .string(let code)?: status = Int(code) ?? 200
                // A number no Int holds (1e300) selects no response rather than trapping.
                case .double(let code)?: status = Int(exactly: code.rounded(.towardZero)) ?? 0
                default: break
                }
            } else if let code = lenientStatusCode(String(decoding: request.body, as: UTF8.self)) {
                status = code
            } else {
                throw .configuration("The MOCK integration's request is not a JSON object with a statusCode")
            }
        }
        return IntegrationOutput(status: status, headers: Headers(), body: [])
    }

    /// `statusCode` from an object AWS reads leniently: the key may be unquoted or single-quoted,
    /// as CDK writes it for CORS preflight methods (`{statusCode: 200}`).
    static func lenientStatusCode(_ text: String) -> Int? {
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("{"),
            let match = trimmed.firstMatch(of: /[{,]\s*["']?statusCode["']?\s*:\s*["']?(-?[0-9]{1,9})["']?\s*[,}]/)
        else { return nil }
        return Int(match.1)
    }
}
