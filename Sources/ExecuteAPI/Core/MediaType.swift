import Foundation
import RestJson1

enum MediaType {
    /// `Application/JSON; charset=utf-8` → `application/json` (read byte by byte: every request
    /// with a body or a template asks).
    static func essence(_ value: String) -> String {
        var bytes = value.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            bytes = bytes.dropFirst()
        }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            bytes = bytes.dropLast()
        }
        if !bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(
            decoding: bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
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
