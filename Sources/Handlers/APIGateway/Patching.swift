import APIGateway
import Foundation
import RestJson1

/// API Gateway v1's JSON-patch style updates. Every Update* operation takes a list of
/// `{op, path, value, from}`; each resource family declares the paths it accepts as a
/// `PatchRules` table, and `apply` runs the list on a copy of the object (a failure anywhere
/// leaves the stored object unchanged, since handlers commit only on success).
struct PatchRules<Target>: Sendable {
    typealias Op = APIGateway.Op

    /// One accepted path: literal segments and `*` wildcards (a wildcard matches any one segment
    /// and is handed to `apply` in `captures`). With `prefix`, longer paths match too and their
    /// extra segments are captured as well.
    struct Rule: Sendable {
        var pattern: [String]
        var prefix: Bool
        var ops: Set<String>
        var apply: @Sendable (inout Target, PatchStep) throws -> Void

        func captures(of segments: [String]) -> [String]? {
            if prefix ? segments.count < pattern.count : segments.count != pattern.count { return nil }
            var captured: [String] = []
            for (index, segment) in segments.enumerated() {
                guard index < pattern.count else {
                    captured.append(segment)
                    continue
                }
                if pattern[index] == "*" {
                    captured.append(segment)
                } else if pattern[index] != segment {
                    return nil
                }
            }
            return captured
        }

        /// How AWS names this path in its messages.
        var displayPath: String {
            "/" + pattern.map { $0 == "*" ? "{name}" : $0 }.joined(separator: "/")
        }
    }

    /// How this family words a path (or op) it does not accept; AWS differs per family.
    enum Wording: Sendable {
        /// `Invalid patch path  '/x' specified for op 'replace'. Must be one of: [/a, /b]`.
        case mustBeOneOf
        /// The same, but `Must be one of: []` also when no path takes the op.
        case mustBeOneOfListingNone
        /// `Invalid patch path /x`; an op the path does not take is named as such.
        case plain
        /// `Invalid patch path /x`, also for an op the path does not take.
        case pathOnly
    }

    var rules: [Rule] = []
    var wording: Wording

    init(wording: Wording) {
        self.wording = wording
    }

    /// Accepts `ops` at `path` (segments separated by `/`, `*` for any one segment).
    mutating func on(
        _ path: String, ops: Set<Op>, prefix: Bool = false,
        _ apply: @escaping @Sendable (inout Target, PatchStep) throws -> Void
    ) {
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        rules.append(Rule(pattern: pattern, prefix: prefix, ops: Set(ops.map(\.rawValue)), apply: apply))
    }

    /// Applies `operations` in order to `target`. `inputName` is AWS's name for the request in
    /// validation messages (`updateRestApiInput`).
    func apply(_ operations: [APIGateway.PatchOperation]?, to target: inout Target, inputName: String) throws {
        let operations = operations ?? []
        var errors = ValidationErrors()
        errors.checkPatchOps(operations, inputName: inputName)
        try errors.throwIfAny()
        for operation in operations {
            try apply(operation, to: &target)
        }
    }

    private func apply(_ operation: APIGateway.PatchOperation, to target: inout Target) throws {
        let op = operation.op ?? .replace
        guard let path = operation.path else {
            throw APIGateway.BadRequestException(message: "Invalid patch path null")
        }
        let segments = PatchStep.segments(of: path)
        let matching = rules.compactMap { rule in rule.captures(of: segments).map { (rule, $0) } }
        guard let (rule, captures) = matching.first(where: { $0.0.ops.contains(op.rawValue) }) else {
            throw unsupported(path: path, op: op, pathKnown: !matching.isEmpty)
        }
        let step = PatchStep(op: op, path: path, captures: captures, value: operation.value, from: operation.from)
        try rule.apply(&target, step)
    }

    private func unsupported(path: String, op: Op, pathKnown: Bool) -> any Error {
        switch wording {
        case .pathOnly:
            return APIGateway.BadRequestException(message: "Invalid patch path \(path)")
        case .plain:
            if pathKnown {
                let ops = Set(rules.filter { $0.captures(of: PatchStep.segments(of: path)) != nil }.flatMap(\.ops))
                let allowed = ["add", "remove", "replace", "move", "copy"].filter(ops.contains)
                return APIGateway.BadRequestException(
                    message: "Invalid patch operation specified. Must be one of: [\(allowed.joined(separator: ", "))]")
            }
            return APIGateway.BadRequestException(message: "Invalid patch path \(path)")
        case .mustBeOneOf, .mustBeOneOfListingNone:
            let candidates = rules.filter { $0.ops.contains(op.rawValue) }.map(\.displayPath)
            guard !candidates.isEmpty || wording == .mustBeOneOfListingNone else {
                return APIGateway.BadRequestException(
                    message: "Invalid patch path  '\(path)' specified for op '\(op.rawValue)'. "
                        + "Please choose supported operations")
            }
            return APIGateway.BadRequestException(
                message: "Invalid patch path  '\(path)' specified for op '\(op.rawValue)'. "
                    + "Must be one of: [\(candidates.joined(separator: ", "))]")
        }
    }
}

/// One patch operation as a rule sees it: its op, the path's wildcard segments and its value.
struct PatchStep: Sendable {
    var op: APIGateway.Op
    var path: String
    /// The segments the rule's wildcards (and, for prefix rules, its tail) matched, unescaped.
    var captures: [String]
    var value: String?
    var from: String?

    /// A path's segments with JSON-pointer escapes undone (`~1` is `/`, `~0` is `~`).
    static func segments(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The first wildcard segment (a map key or list value in the path).
    var key: String { captures.first ?? "" }

    var isRemoval: Bool { op == .remove }

    func string() throws -> String {
        guard let value else { throw invalidValue("null") }
        return value
    }

    /// Java's `Boolean.parseBoolean`, as AWS reads patch values: anything but "true" is false.
    func bool() throws -> Bool {
        value?.lowercased() == "true"
    }

    func int() throws -> Int {
        guard let value, let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
            throw invalidValue(value ?? "null")
        }
        return number
    }

    func double() throws -> Double {
        guard let value, let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isFinite else {
            throw invalidValue(value ?? "null")
        }
        return number
    }

    func enumValue<T: StringEnum>(_: T.Type) throws -> T {
        let parsed = T(rawValue: try string())
        guard parsed.isKnown else { throw invalidValue(parsed.rawValue) }
        return parsed
    }

    func invalidValue(_ value: String) -> APIGateway.BadRequestException {
        APIGateway.BadRequestException(message: "Invalid value '\(value)' specified for patch path \(path)")
    }
}

extension PatchRules {
    /// A scalar field: `replace` sets it (a null value clears it), `remove` clears it.
    mutating func field(
        _ path: String, _ keyPath: any WritableKeyPath<Target, String?> & Sendable, ops: Set<Op> = [.replace]
    ) {
        on(path, ops: ops) { target, step in target[keyPath: keyPath] = step.isRemoval ? nil : step.value }
    }

    mutating func field(
        _ path: String, _ keyPath: any WritableKeyPath<Target, Bool?> & Sendable, ops: Set<Op> = [.replace]
    ) {
        on(path, ops: ops) { target, step in target[keyPath: keyPath] = step.isRemoval ? nil : try step.bool() }
    }

    mutating func field(
        _ path: String, _ keyPath: any WritableKeyPath<Target, Int?> & Sendable, ops: Set<Op> = [.replace]
    ) {
        on(path, ops: ops) { target, step in
            target[keyPath: keyPath] = step.isRemoval || step.value == nil ? nil : try step.int()
        }
    }

    mutating func field(
        _ path: String, _ keyPath: any WritableKeyPath<Target, Double?> & Sendable, ops: Set<Op> = [.replace]
    ) {
        on(path, ops: ops) { target, step in
            target[keyPath: keyPath] = step.isRemoval || step.value == nil ? nil : try step.double()
        }
    }

    mutating func field<T: StringEnum>(
        _ path: String, _ keyPath: any WritableKeyPath<Target, T?> & Sendable, ops: Set<Op> = [.replace]
    ) {
        on(path, ops: ops) { target, step in
            target[keyPath: keyPath] = step.isRemoval ? nil : try step.enumValue(T.self)
        }
    }

    /// A map whose keys are path segments (`/requestTemplates/application~1json`; an unescaped
    /// `/` in the key makes the path invalid, as on AWS): `add` and `replace` set the key to the
    /// value, `remove` deletes it.
    mutating func map(
        _ path: String, _ keyPath: any WritableKeyPath<Target, [String: String]?> & Sendable,
        ops: Set<Op> = [.add, .replace, .remove]
    ) {
        keyed(path, keyPath, ops: ops) { step in step.value ?? "" }
    }

    /// A map that keeps null values (integration response templates): an empty or missing value is
    /// stored as null, as AWS stores it.
    mutating func map(
        _ path: String, _ keyPath: any WritableKeyPath<Target, [String: String?]?> & Sendable,
        ops: Set<Op> = [.add, .replace, .remove]
    ) {
        keyed(path, keyPath, ops: ops) { step in APIGatewayHandler.storedTemplate(step.value) }
    }

    /// A map of flags (method request parameters: `required` or not).
    mutating func flagMap(
        _ path: String, _ keyPath: any WritableKeyPath<Target, [String: Bool]?> & Sendable,
        ops: Set<Op> = [.add, .replace, .remove]
    ) {
        keyed(path, keyPath, ops: ops) { step in step.value == nil ? false : try step.bool() }
    }

    private mutating func keyed<Value>(
        _ path: String, _ keyPath: any WritableKeyPath<Target, [String: Value]?> & Sendable, ops: Set<Op>,
        value: @escaping @Sendable (PatchStep) throws -> Value
    ) {
        on(path + "/*", ops: ops) { target, step in
            var map = target[keyPath: keyPath] ?? [:]
            map[step.key] = step.isRemoval ? nil : try value(step)
            target[keyPath: keyPath] = map.isEmpty ? nil : map
        }
    }

    /// A list whose member is the value, at the list's own path (`add /providerARNs` with the ARN
    /// as value, as Terraform sends it).
    mutating func valueList(_ path: String, _ keyPath: any WritableKeyPath<Target, [String]?> & Sendable) {
        on(path, ops: [.add, .remove]) { target, step in
            let member = try step.string()
            var list = target[keyPath: keyPath] ?? []
            if step.op == .add {
                if !list.contains(member) { list.append(member) }
            } else {
                list.removeAll { $0 == member }
            }
            target[keyPath: keyPath] = list.isEmpty ? nil : list
        }
    }

    /// A list of strings whose members are path segments (`/binaryMediaTypes/image~1png`): `add`
    /// appends the member, `remove` deletes it, `replace` drops it and appends the value.
    mutating func list(
        _ path: String, _ keyPath: any WritableKeyPath<Target, [String]?> & Sendable,
        ops: Set<Op> = [.add, .replace, .remove], keepsEmpty: Bool = false
    ) {
        on(path + "/*", ops: ops) { target, step in
            let member = step.key
            var list = target[keyPath: keyPath] ?? []
            switch step.op {
            case .add:
                if !list.contains(member) { list.append(member) }
            case .remove:
                list.removeAll { $0 == member }
            default:
                // AWS drops the named member and appends its replacement at the end.
                let replacement = try step.string()
                list.removeAll { $0 == member || $0 == replacement }
                list.append(replacement)
            }
            target[keyPath: keyPath] = list.isEmpty && !keepsEmpty ? nil : list
        }
    }
}

extension ValidationErrors {
    /// Each operation whose `op` is not one of the model's, named by its 1-based position, as AWS
    /// reports them before it looks at any path.
    mutating func checkPatchOps(_ operations: [APIGateway.PatchOperation]?, inputName: String) {
        for (index, operation) in (operations ?? []).enumerated() {
            checkEnum(
                operation.op, at: "\(inputName).patchOperations.\(index + 1).member.op",
                allowed: [.add, .remove, .move, .test, .replace, .copy])
        }
    }
}
