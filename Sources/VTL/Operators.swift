import BigInt

/// Velocity 1.7's operators on Java values: numbers keep Java's integer and floating semantics
/// (integer division truncates, integers widen instead of overflowing), `+` joins text when either
/// side is not a number, and equality compares numbers by value and other types by `toString`.
/// No operands make an operator trap; a `BigInteger` past `BigNumbers.maximumBits` fails the render.
enum Operators {
    static func apply(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, options: RenderOptions) throws(RenderError)
        -> Value
    {
        switch op {
        case .equal: return .bool(equal(lhs, rhs, options: options))
        case .notEqual: return .bool(!equal(lhs, rhs, options: options))
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            guard let order = compare(lhs, rhs) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .greater: return .bool(order > 0)
            case .lessOrEqual: return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case .add:
            if let result = try arithmetic(op, lhs, rhs) { return result }
            if lhs.isNull || rhs.isNull { return .null }
            return .string(lhs.text + rhs.text)
        case .subtract, .multiply, .divide, .remainder:
            return try arithmetic(op, lhs, rhs) ?? .null
        case .and, .or:
            return .bool(op == .and ? lhs.isTruthy && rhs.isTruthy : lhs.isTruthy || rhs.isTruthy)
        }
    }

    static func equal(_ lhs: Value, _ rhs: Value, options: RenderOptions) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, .string(let text)), (.string(let text), .null):
            return options.nullEqualsEmptyString && text.isEmpty
        case (.null, _), (_, .null): return false
        default: break
        }
        if let order = compareNumbers(lhs, rhs) { return order == 0 }
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.list(let a), .list(let b)): return a === b || a.items.map(\.text) == b.items.map(\.text)
        case (.map(let a), .map(let b)):
            return a === b || a.entries.map(\.key) == b.entries.map(\.key) && lhs.text == rhs.text
        default: return lhs.text == rhs.text
        }
    }

    /// Velocity's relational operators compare numbers only; anything else is false.
    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        compareNumbers(lhs, rhs)
    }

    private static func compareNumbers(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.bigInteger, _), (_, .bigInteger):
            guard let a = lhs.bigIntegerValue, let b = rhs.bigIntegerValue else { fallthrough }
            return a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    private static func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(RenderError) -> Value? {
        if let a = lhs.bigIntegerValue, let b = rhs.bigIntegerValue,
            lhs.isBigInteger || rhs.isBigInteger
        {
            // A product's size is the sum of its factors': refused before it is computed.
            if op == .multiply, a.bitWidth + b.bitWidth > BigNumbers.maximumBits + 64 { throw BigNumbers.tooLarge }
            switch op {
            case .add: return try .integerOrBig(a + b)
            case .subtract: return try .integerOrBig(a - b)
            case .multiply: return try .integerOrBig(a * b)
            case .divide: return b == 0 ? .null : try .integerOrBig(a / b)
            case .remainder: return b == 0 ? .null : try .integerOrBig(a % b)
            default: return nil
            }
        }
        if case .integer(let a) = lhs, case .integer(let b) = rhs {
            // Integers widen rather than overflow: Long to BigInteger, as Velocity's MathUtils does.
            switch op {
            case .add:
                let (sum, overflow) = a.addingReportingOverflow(b)
                return overflow ? try .integerOrBig(BigInt(a) + BigInt(b)) : .integer(sum)
            case .subtract:
                let (difference, overflow) = a.subtractingReportingOverflow(b)
                return overflow ? try .integerOrBig(BigInt(a) - BigInt(b)) : .integer(difference)
            case .multiply:
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                return overflow ? try .integerOrBig(BigInt(a) * BigInt(b)) : .integer(product)
            case .divide:
                // Velocity logs a division by zero and gives null. Long.MIN_VALUE / -1 wraps to
                // Long.MIN_VALUE in Java (Velocity 1.7 does not widen a quotient).
                guard b != 0 else { return .null }
                return .integer(a.dividedReportingOverflow(by: b).partialValue)
            case .remainder:
                guard b != 0 else { return .null }
                return .integer(a.remainderReportingOverflow(dividingBy: b).partialValue)
            default:
                return nil
            }
        }
        guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return nil }
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide: return b == 0 ? .null : .double(a / b)
        case .remainder: return b == 0 ? .null : .double(a.truncatingRemainder(dividingBy: b))
        default: return nil
        }
    }
}

extension Value {
    var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .bigInteger(let value): Double(value)
        case .bigDecimal(let text): Double(text)
        case .double(let value): value
        default: nil
        }
    }

    var bigIntegerValue: BigInt? {
        switch self {
        case .integer(let value): BigInt(value)
        case .bigInteger(let value): value
        default: nil
        }
    }

    var isBigInteger: Bool {
        if case .bigInteger = self { return true }
        return false
    }

    /// An integer result: a `Long` when it fits, else a `BigInteger` within the engine's bound.
    static func integerOrBig(_ value: BigInt) throws(RenderError) -> Value {
        if let small = Int(exactly: value) { return .integer(small) }
        if value.bitWidth > BigNumbers.maximumBits { throw BigNumbers.tooLarge }
        return .bigInteger(value)
    }
}
