import RestJson1

/// Collects constraint violations and reports them in AWS's wording:
/// `2 validation errors detected: Value 'x' at 'path' failed to satisfy constraint: ...; ...`.
struct ValidationErrors {
    private var messages: [String] = []

    mutating func add(value: String, at path: String, constraint: String) {
        messages.append("Value '\(value)' at '\(path)' failed to satisfy constraint: \(constraint)")
    }

    /// A value outside an enumeration; `allowed` is listed in AWS's order.
    mutating func checkEnum<T: StringEnum>(_ value: T?, at path: String, allowed: [T]) {
        guard let value, !allowed.contains(value) else { return }
        add(value: value.rawValue, at: path, constraint: Self.enumConstraint(allowed))
    }

    static func enumConstraint<T: StringEnum>(_ allowed: [T]) -> String {
        "Member must satisfy enum value set: [\(allowed.map(\.rawValue).joined(separator: ", "))]"
    }

    func throwIfAny() throws {
        guard !messages.isEmpty else { return }
        let count = messages.count == 1 ? "1 validation error" : "\(messages.count) validation errors"
        throw ServiceError.validation("\(count) detected: " + messages.joined(separator: "; "))
    }
}
