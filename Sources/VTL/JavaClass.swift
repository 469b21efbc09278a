import Foundation
import OrderedCollections

/// `getClass()`: enough of `java.lang.Class` for templates that print a value's type.
struct JavaClass: HostObject {
    let name: String

    init(value: Value) {
        name =
            switch value {
            case .null: "java.lang.Object"
            case .string: "java.lang.String"
            case .integer(let integer): Int32(exactly: integer) == nil ? "java.lang.Long" : "java.lang.Integer"
            case .bigInteger: "java.math.BigInteger"
            case .bigDecimal: "java.math.BigDecimal"
            case .double: "java.lang.Double"
            case .bool: "java.lang.Boolean"
            case .list: "java.util.ArrayList"
            case .map: "java.util.LinkedHashMap"
            case .object: "java.lang.Object"
            }
    }

    func property(_ property: String) -> Value? {
        switch property {
        case "name": .string(name)
        case "simpleName": .string(String(name.split(separator: ".").last ?? ""))
        default: nil
        }
    }

    func call(_ method: String, _ arguments: [Value]) throws -> Value? {
        switch method {
        case "getName": .string(name)
        case "getSimpleName": .string(String(name.split(separator: ".").last ?? ""))
        default: nil
        }
    }

    var text: String { "class \(name)" }
}
