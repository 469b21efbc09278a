import BigInt
import Foundation
import OrderedCollections
import RestJson1
import Synchronization
import VTL

/// JSON values as template values.
enum TemplateValues {
    static func value(of json: JSONValue, arraysAsJSON: Bool) -> Value {
        switch json {
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .number(let text):
            // Reading digits into a BigInt is quadratic: past the engine's bound a number stays its
            // text, which prints as written (arithmetic on it uses its double value).
            if text.utf8.count <= BigNumbers.maximumDigits, let integer = BigInt(text) { return .bigInteger(integer) }
            return .bigDecimal(text)
        case .string(let string): return .string(string)
        case .array(let items):
            return .list(ListValue(items.map { value(of: $0, arraysAsJSON: arraysAsJSON) }, printsAsJSON: arraysAsJSON))
        case .object(let members):
            return .map(
                MapValue(members.mapValues { value(of: $0, arraysAsJSON: arraysAsJSON) }, stringKeysOnly: true))
        }
    }
}
