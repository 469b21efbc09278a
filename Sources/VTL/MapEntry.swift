import Foundation
import OrderedCollections

/// A `Map.Entry` from `entrySet()`: `$entry.key`, `$entry.value`, and `setValue`, which writes
/// through to the map as Java's entries do.
struct MapEntry: HostObject {
    let map: MapValue
    let key: String

    private var keyValue: Value { map.otherKeys[key] ?? .string(key) }
    private var value: Value { map.entries[key] ?? .null }

    func property(_ name: String) -> Value? {
        switch name {
        case "key": keyValue
        case "value": value
        default: nil
        }
    }

    func call(_ name: String, _ arguments: [Value]) throws -> Value? {
        switch (name, arguments.count) {
        case ("getKey", 0): return keyValue
        case ("getValue", 0): return value
        case ("setValue", 1):
            let previous = value
            map.entries[key] = arguments[0]
            return previous
        default: return nil
        }
    }

    var text: String { "\(key)=\(value.text)" }
}
