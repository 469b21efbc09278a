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

    /// Whether an id asked for with `_custom_id_` can be used in URLs: 1 to 128 letters, digits,
    /// `-` and `_`.
    public static func isValidCustomId(_ id: String) -> Bool {
        (1...128).contains(id.count)
            && id.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// The id of a new API: the one its `_custom_id_` tag asks for, else a fresh one; nil when the
    /// id asked for is taken.
    public static func forNewAPI(tags: [String: String]?, isTaken: (String) -> Bool) -> String? {
        if let custom = tags?[customIdTag] { return isTaken(custom) ? nil : custom }
        return make(notIn: isTaken)
    }
}
