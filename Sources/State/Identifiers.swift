public import Foundation

/// Identifiers shaped like AWS's: lowercase letters and digits, 10 characters for APIs,
/// resources, deployments and most other API Gateway objects.
public enum Identifiers {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    public static func make(length: Int = 10) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// A new identifier not among `taken`.
    public static func make(length: Int = 10, notIn taken: (String) -> Bool) -> String {
        while true {
            let candidate = make(length: length)
            if !taken(candidate) { return candidate }
        }
    }

    /// The tag that lets a caller choose an API's id, as other local emulators allow.
    public static let customIdTag = "_custom_id_"

    /// Why the id a `_custom_id_` tag asks for cannot be used.
    public enum CustomIdError: Error {
        /// Not 1 to 128 letters, digits, `-` or `_`, so not usable in URLs.
        case invalid(String)
        case taken(String)

        public var message: String {
            switch self {
            case .invalid(let id): "Invalid _custom_id_ '\(id)': use 1 to 128 letters, digits, '-' or '_'"
            case .taken(let id): "An API with id \(id) already exists"
            }
        }
    }

    /// The id of a new API: the one its `_custom_id_` tag asks for, else a fresh one.
    public static func forNewAPI(tags: [String: String]?, isTaken: (String) -> Bool) throws(CustomIdError) -> String {
        guard let custom = tags?[customIdTag] else { return make(notIn: isTaken) }
        guard isValidCustomId(custom) else { throw .invalid(custom) }
        guard !isTaken(custom) else { throw .taken(custom) }
        return custom
    }

    static func isValidCustomId(_ id: String) -> Bool {
        (1...128).contains(id.count)
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// The current time in whole seconds: AWS's creation dates carry no fractions.
    public static func creationDate() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}
