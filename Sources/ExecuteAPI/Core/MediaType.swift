import Foundation
import RestJson1

enum MediaType {
    /// `Application/JSON; charset=utf-8` → `application/json`.
    static func essence(_ value: String) -> String {
        String(value.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether `type` is one of the API's binary media types (`image/*` and `*/*` included).
    static func isBinary(_ type: String?, binaryTypes: [String]) -> Bool {
        guard let type, !binaryTypes.isEmpty else { return false }
        let essence = essence(type)
        let major = essence.prefix { $0 != "/" }
        return binaryTypes.contains { binary in
            let binary = binary.lowercased()
            return binary == essence || binary == "*/*" || binary == major + "/*"
        }
    }

    /// Whether any type the client accepts is binary for the API.
    static func acceptsBinary(_ accept: String?, binaryTypes: [String]) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { isBinary(String($0), binaryTypes: binaryTypes) }
    }
}
