import Foundation

/// Java's number formatting and arithmetic as Velocity 1.7 applies them.
enum JavaNumbers {
    /// `Double.toString`: `1.0`, `0.1`, `1.0E10`, `1.0E-5`, `NaN`, `Infinity`.
    static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e7 {
            var text = "\(value)"
            if text.contains("e") {
                // Swift switched to exponent form where Java does not.
                text = String(format: "%.17g", value)
            }
            if !text.contains(".") { text += ".0" }
            return text
        }
        // Shortest round-trip digits, in Java's computerized scientific notation.
        let description = "\(value)"
        let parts = description.lowercased().split(separator: "e")
        var mantissa = String(parts[0])
        var exponent = parts.count > 1 ? Int(parts[1])! : 0
        if parts.count == 1 {
            // Swift printed a plain number (e.g. 12345678.0); normalize it.
            let negative = mantissa.hasPrefix("-")
            var digits = mantissa.replacingOccurrences(of: "-", with: "")
            let pointIndex = digits.firstIndex(of: ".") ?? digits.endIndex
            var integerPart = String(digits[..<pointIndex])
            var fraction = pointIndex < digits.endIndex ? String(digits[digits.index(after: pointIndex)...]) : ""
            if integerPart == "0" {
                let leadingZeros = fraction.prefix { $0 == "0" }.count
                exponent = -(leadingZeros + 1)
                fraction = String(fraction.dropFirst(leadingZeros))
                integerPart = String(fraction.prefix(1))
                fraction = String(fraction.dropFirst())
            } else {
                exponent = integerPart.count - 1
                fraction = String(integerPart.dropFirst()) + fraction
                integerPart = String(integerPart.prefix(1))
            }
            while fraction.hasSuffix("0") { fraction.removeLast() }
            digits = integerPart + "." + (fraction.isEmpty ? "0" : fraction)
            mantissa = (negative ? "-" : "") + digits
        } else if !mantissa.contains(".") {
            mantissa += ".0"
        }
        return "\(mantissa)E\(exponent)"
    }
}
