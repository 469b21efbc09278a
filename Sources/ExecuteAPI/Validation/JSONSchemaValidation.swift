import Foundation
import OrderedCollections
import RestJson1
import VTL

// MARK: - Validation

extension JSONSchema {
    struct Failure: CustomStringConvertible {
        var message: String
        /// The instance path, innermost segment first: segments are added as the failure returns upwards.
        var reversedPath: [String] = []

        init(_ message: String) { self.message = message }

        func at(_ segment: String) -> Failure {
            var failure = self
            failure.reversedPath.append(segment)
            return failure
        }

        var description: String {
            if reversedPath.isEmpty { return message }
            return "/\(reversedPath.reversed().joined(separator: "/")): \(message)"
        }
    }

    func check(_ value: JSONValue, _ node: Int) -> Failure? {
        switch nodes[node] {
        case .ref(let target):
            return check(value, target)
        case .constraints(let constraints):
            for constraint in constraints {
                if let failure = check(value, constraint) { return failure }
            }
            return nil
        }
    }

    // Each keyword constrains only values of its kind; others pass it.
    func check(_ value: JSONValue, _ constraint: Constraint) -> Failure? {
        switch constraint {
        case .type(let allowed):
            let kind = Kind(value)
            if allowed.contains(kind) || (kind == .integer && allowed.contains(.number)) { return nil }
            return Failure(
                "instance type (\(kind.rawValue)) does not match any allowed primitive type (allowed: "
                    + "\(Self.quoted(allowed.map(\.rawValue))))")
        case .enumeration(let values, let text):
            if values.contains(Canonical(value)) { return nil }
            return Failure("instance value (\(Self.excerpt(value))) not found in enum (possible values: \(text))")
        case .required(let names):
            guard case .object(let members) = value else { return nil }
            let missing = names.filter { members[$0] == nil }
            return missing.isEmpty ? nil : Failure("object has missing required properties (\(Self.quoted(missing)))")
        case .propertyCount(let min, let max):
            guard case .object(let members) = value else { return nil }
            if let min, members.count < min {
                return Failure("object has too few properties (found: \(members.count), required minimum: \(min))")
            }
            if let max, members.count > max {
                return Failure("object has too many properties (found: \(members.count), maximum allowed: \(max))")
            }
            return nil
        case .properties(let named, let patterns, let additional):
            guard case .object(let members) = value else { return nil }
            return checkMembers(members, named: named, patterns: patterns, additional: additional)
        case .dependencies(let dependencies):
            guard case .object(let members) = value else { return nil }
            for (name, dependency) in dependencies where members[name] != nil {
                switch dependency {
                case .properties(let required):
                    let missing = required.filter { members[$0] == nil }
                    if !missing.isEmpty {
                        return Failure(
                            "property \"\(name)\" of object has missing property dependencies (missing: "
                                + "\(Self.quoted(missing)))")
                    }
                case .schema(let node):
                    if let failure = check(value, node) { return failure }
                }
            }
            return nil
        case .itemCount(let min, let max):
            guard case .array(let elements) = value else { return nil }
            if let min, elements.count < min {
                return Failure(
                    "array is too short: must have at least \(min) elements but instance has \(elements.count) "
                        + "elements")
            }
            if let max, elements.count > max {
                return Failure(
                    "array is too long: must have at most \(max) elements but instance has \(elements.count) elements")
            }
            return nil
        case .items(let items):
            guard case .array(let elements) = value else { return nil }
            return checkElements(elements, items)
        case .uniqueItems:
            guard case .array(let elements) = value else { return nil }
            var seen = Set<Canonical>()
            for (index, element) in elements.enumerated() {
                if !seen.insert(Canonical(element)).inserted {
                    return Failure("array must not contain duplicate elements").at(String(index))
                }
            }
            return nil
        case .minimum(let limit, let exclusive):
            guard let number = Number(value) else { return nil }
            let order = Number.compare(number, limit)
            if order > 0 || (order == 0 && !exclusive) { return nil }
            return Failure(
                exclusive
                    ? "numeric instance is not strictly greater than the required minimum \(limit)"
                    : "numeric instance is lower than the required minimum (minimum: \(limit), found: \(number))")
        case .maximum(let limit, let exclusive):
            guard let number = Number(value) else { return nil }
            let order = Number.compare(number, limit)
            if order < 0 || (order == 0 && !exclusive) { return nil }
            return Failure(
                exclusive
                    ? "numeric instance is not strictly lower than the required maximum \(limit)"
                    : "numeric instance is greater than the required maximum (maximum: \(limit), found: \(number))")
        case .multipleOf(let divisor, let decimalDivisor):
            guard let number = Number(value) else { return nil }
            if Self.isMultiple(value, number, of: divisor, decimalDivisor) { return nil }
            return Failure("remainder of division is not zero (\(number) / \(divisor))")
        case .length(let min, let max):
            guard case .string(let string) = value else { return nil }
            // JSON Schema counts code points.
            let length = string.unicodeScalars.count
            if let min, length < min {
                return Failure(
                    "string \(Self.excerpt(value)) is too short (length: \(length), required minimum: \(min))")
            }
            if let max, length > max {
                return Failure("string \(Self.excerpt(value)) is too long (length: \(length), maximum allowed: \(max))")
            }
            return nil
        case .pattern(let pattern):
            guard case .string(let string) = value, !pattern.matches(string) else { return nil }
            return Failure(
                "ECMA 262 regex \(JSONValue.string(pattern.source).jsonText) does not match input string "
                    + Self.excerpt(value))
        case .allOf(let schemas):
            for node in schemas {
                if let failure = check(value, node) { return failure }
            }
            return nil
        case .anyOf(let schemas):
            if schemas.contains(where: { check(value, $0) == nil }) { return nil }
            return Failure("instance failed to match at least one required schema among \(schemas.count)")
        case .oneOf(let schemas):
            let matched = schemas.filter { check(value, $0) == nil }.count
            if matched == 1 { return nil }
            return Failure("instance failed to match exactly one schema (matched \(matched) out of \(schemas.count))")
        case .not(let node):
            return check(value, node) == nil ? Failure("instance matched a schema which it should not") : nil
        }
    }

    private func checkMembers(
        _ members: OrderedDictionary<String, JSONValue>, named: [String: Int], patterns: [(Pattern, Int)],
        additional: Additional
    ) -> Failure? {
        var unexpected: [String] = []
        for (key, member) in members {
            var matched = false
            if let node = named[key] {
                matched = true
                if let failure = check(member, node) { return failure.at(key) }
            }
            for (pattern, node) in patterns where pattern.matches(key) {
                matched = true
                if let failure = check(member, node) { return failure.at(key) }
            }
            if matched { continue }
            switch additional {
            case .allowed: break
            case .forbidden: unexpected.append(key)
            case .schema(let node):
                if let failure = check(member, node) { return failure.at(key) }
            }
        }
        if unexpected.isEmpty { return nil }
        return Failure(
            "object instance has properties which are not allowed by the schema: \(Self.quoted(unexpected))")
    }

    private func checkElements(_ elements: [JSONValue], _ items: Items) -> Failure? {
        for (index, element) in elements.enumerated() {
            let node: Int
            switch items {
            case .each(let each):
                node = each
            case .positional(let schemas, let additional):
                if index < schemas.count {
                    node = schemas[index]
                } else {
                    switch additional {
                    case .allowed:
                        return nil
                    case .forbidden:
                        return Failure(
                            "array has too many elements (found: \(elements.count), maximum allowed: \(schemas.count))")
                    case .schema(let schema):
                        node = schema
                    }
                }
            }
            if let failure = check(element, node) { return failure.at(String(index)) }
        }
        return nil
    }

    /// Exact for integers; in decimal for other numbers, so that 0.3 is a multiple of 0.1 as the author means
    /// (in binary floating point it is not); in Double where Decimal's range ends.
    static func isMultiple(_ value: JSONValue, _ number: Number, of divisor: Number, _ decimalDivisor: Decimal?)
        -> Bool
    {
        if case .integer(let x) = number.normalized, case .integer(let y) = divisor.normalized {
            return x % y == 0
        }
        if let x = exactDecimal(value), let y = decimalDivisor {
            var quotient = x / y
            if !quotient.isNaN {
                var whole = Decimal()
                NSDecimalRound(&whole, &quotient, 0, .plain)
                return whole == quotient
            }
        }
        let quotient = number.doubleValue / divisor.doubleValue
        return quotient.isFinite && quotient.rounded(.towardZero) == quotient
    }

    /// The number as a Decimal, when its magnitude keeps quotients within Decimal's exponent (about ±127).
    static func exactDecimal(_ value: JSONValue) -> Decimal? {
        func inRange(_ double: Double) -> Bool { double == 0 || (abs(double) > 1e-60 && abs(double) < 1e60) }
        switch value {
        case .integer(let integer): return Decimal(integer)
        case .double(let double): return inRange(double) ? Decimal(string: String(double)) : nil
        case .number(let text):
            guard let double = Double(text), inRange(double) else { return nil }
            return Decimal(string: text)
        default: return nil
        }
    }

    /// `["a","b"]`
    static func quoted(_ names: [String]) -> String {
        JSONValue.array(names.map { .string($0) }).jsonText
    }

    /// A value for a message: containers by kind only and long strings cut, so a failure never copies a body.
    static func excerpt(_ value: JSONValue) -> String {
        switch value {
        case .array: return "array"
        case .object: return "object"
        case .string(let text):
            guard let cut = text.index(text.startIndex, offsetBy: 40, limitedBy: text.endIndex), cut < text.endIndex
            else { return value.jsonText }
            return JSONValue.string(String(text[..<cut]) + "…").jsonText
        default: return value.jsonText
        }
    }
}
