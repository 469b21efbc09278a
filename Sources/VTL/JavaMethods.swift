import Foundation
import OrderedCollections

/// The Java methods templates call on values: `String`, `List`, `Map`, numbers and booleans, and
/// Velocity's property rules (`$map.key` is `get("key")`, `$list.empty` is `isEmpty()`).
/// A method that does not exist, or arguments it cannot take, give null, as Velocity logs and
/// moves on.
enum JavaMethods {
    static func property(_ name: String, of value: Value) -> Value {
        switch value {
        case .map(let map):
            return map.entries[name] ?? .null
        case .object(let object):
            if let result = object.property(name) { return result }
            let getter = "get" + name.prefix(1).uppercased() + name.dropFirst()
            return ((try? object.call(getter, [])) ?? nil) ?? .null
        default:
            // Bean properties: getX(), then isX().
            let capitalized = name.prefix(1).uppercased() + name.dropFirst()
            for method in ["get" + capitalized, "is" + capitalized] {
                if let result = try? call(method, on: value, arguments: []), !result.isNull { return result }
            }
            return .null
        }
    }

    static func index(_ key: Value, of value: Value) throws(RenderError) -> Value {
        switch (value, key) {
        case (.list(let list), .integer(let index)):
            let position = index < 0 ? list.items.count + index : index
            guard list.items.indices.contains(position) else {
                throw javaException("IndexOutOfBoundsException", "Index: \(index), Size: \(list.items.count)")
            }
            return list.items[position]
        case (.map(let map), _):
            return map.entries[key.text] ?? .null
        case (.object(let object), _):
            return ((try? object.call("get", [key])) ?? nil) ?? .null
        default:
            return .null
        }
    }

    static func call(_ name: String, on value: Value, arguments: [Value]) throws(RenderError) -> Value {
        switch value {
        case .string(let string): return try stringMethod(name, string, arguments) ?? common(name, value, arguments)
        case .list(let list): return try listMethod(name, list, arguments) ?? common(name, value, arguments)
        case .map(let map): return mapMethod(name, map, arguments) ?? common(name, value, arguments)
        case .object(let object):
            do {
                return try object.call(name, arguments) ?? .null
            } catch let error as RenderError {
                throw error
            } catch {
                throw RenderError(message: "\(error)")
            }
        default: return common(name, value, arguments)
        }
    }

    /// Methods every Java object has, and those of numbers and booleans.
    private static func common(_ name: String, _ value: Value, _ arguments: [Value]) -> Value {
        switch (name, arguments.count) {
        case ("toString", 0): return .string(value.text)
        case ("getClass", 0): return .object(JavaClass(value: value))
        case ("equals", 1): return .bool(javaEquals(value, arguments[0]))
        case ("hashCode", 0):
            if case .integer(let integer) = value { return .integer(Int(Int32(truncatingIfNeeded: integer))) }
            return .integer(javaHash(value.text))
        case ("intValue", 0), ("longValue", 0):
            return value.doubleValue.map { .integer(Int(exactly: $0.rounded(.towardZero)) ?? 0) } ?? .null
        case ("doubleValue", 0), ("floatValue", 0):
            return value.doubleValue.map(Value.double) ?? .null
        case ("booleanValue", 0):
            if case .bool(let bool) = value { return .bool(bool) }
            return .null
        case ("compareTo", 1):
            return Operators.compare(value, arguments[0]).map(Value.integer) ?? .null
        case ("parseInt", 1) where value.isInteger, ("parseLong", 1) where value.isInteger,
            ("valueOf", 1) where value.isInteger:
            // `Integer.parseInt`, reached through an integer as Velocity allows static methods.
            guard let parsed = Int(arguments[0].text) else { return .null }
            return .integer(parsed)
        case ("parseDouble", 1) where value.doubleValue != nil, ("valueOf", 1) where value.doubleValue != nil:
            return Double(arguments[0].text).map(Value.double) ?? .null
        case ("parseBoolean", 1) where value.isBoolean, ("valueOf", 1) where value.isBoolean:
            return .bool(arguments[0].text.lowercased() == "true")
        default:
            return .null
        }
    }

    /// Where `key` is in the map, found as `Map.get` finds it: a String only among string keys,
    /// anything else only among keys of its own kind.
    private static func mapKey(_ key: Value, _ map: MapValue) -> String? {
        if case .string(let text) = key { return map.otherKeys[text] == nil ? text : nil }
        guard !map.stringKeysOnly, !key.isNull, let stored = map.otherKeys[key.text], javaEquals(stored, key) else {
            return nil
        }
        return key.text
    }

    /// Puts `value` under `key`, keeping the key's kind; the previous value, or null.
    private static func put(_ key: Value, _ value: Value, into map: MapValue) -> Value {
        let text = key.text
        let previous = mapKey(key, map).flatMap { map.entries[$0] } ?? .null
        map.entries[text] = value
        if case .string = key { map.otherKeys[text] = nil } else { map.otherKeys[text] = key }
        return previous
    }

    /// `Object.equals`: values of different classes are never equal (Integer 2 is not "2").
    static func javaEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.string(let x), .string(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.bigInteger(let x), .bigInteger(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.bigDecimal(let x), .bigDecimal(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x === y || zip(x.items, y.items).allSatisfy(javaEquals) && x.items.count == y.items.count
        case (.map(let x), .map(let y)):
            return x === y
                || x.entries.count == y.entries.count
                    && x.entries.allSatisfy { key, value in y.entries[key].map { javaEquals(value, $0) } ?? false }
        default: return false
        }
    }

    /// A Java exception thrown by a method: Velocity stops the render with it.
    static func javaException(_ type: String, _ message: String) -> RenderError {
        RenderError(message: "java.lang.\(type): \(message)")
    }

    // MARK: String

    private static func stringMethod(_ name: String, _ string: String, _ arguments: [Value]) throws(RenderError)
        -> Value?
    {
        // Java's String methods throw on a null argument (but `equals` and `valueOf` take it).
        if arguments.contains(where: \.isNull), !["equals", "equalsIgnoreCase", "valueOf"].contains(name) {
            throw javaException("NullPointerException", "null argument to String.\(name)")
        }
        let utf16 = Array(string.utf16)
        func text(_ index: Int) -> String? {
            guard index < arguments.count, case .string(let value) = arguments[index] else {
                if index < arguments.count, !arguments[index].isNull { return arguments[index].text }
                return nil
            }
            return value
        }
        func integer(_ index: Int) -> Int? {
            guard index < arguments.count, case .integer(let value) = arguments[index] else { return nil }
            return value
        }
        func slice(_ from: Int, _ to: Int) throws(RenderError) -> String {
            guard from >= 0, to <= utf16.count, from <= to else {
                throw javaException(
                    "StringIndexOutOfBoundsException", "begin \(from), end \(to), length \(utf16.count)")
            }
            return String(decoding: utf16[from..<to], as: UTF16.self)
        }
        switch (name, arguments.count) {
        case ("length", 0): return .integer(utf16.count)
        case ("isEmpty", 0): return .bool(string.isEmpty)
        case ("toUpperCase", 0): return .string(string.uppercased())
        case ("toLowerCase", 0): return .string(string.lowercased())
        case ("trim", 0):
            return .string(
                String(
                    String.UnicodeScalarView(
                        string.unicodeScalars.drop { $0.value <= 0x20 }.reversed().drop {
                            $0.value <= 0x20
                        }.reversed())))
        case ("substring", 1):
            guard let from = integer(0) else { return .null }
            return .string(try slice(from, utf16.count))
        case ("substring", 2):
            guard let from = integer(0), let to = integer(1) else { return .null }
            return .string(try slice(from, to))
        case ("charAt", 1):
            guard let at = integer(0) else { return .null }
            guard utf16.indices.contains(at) else {
                throw javaException("StringIndexOutOfBoundsException", "index \(at), length \(utf16.count)")
            }
            return .string(String(decoding: [utf16[at]], as: UTF16.self))
        case ("startsWith", 2):
            guard let prefix = text(0), let offset = integer(1) else { return .null }
            guard offset >= 0, offset <= utf16.count else { return .bool(false) }
            return .bool(utf16[offset...].starts(with: prefix.utf16))
        case ("valueOf", 1):
            // A static method, reached through an instance as Velocity allows.
            return .string(arguments[0].text)
        case ("indexOf", 1), ("indexOf", 2):
            guard let needle = text(0) else { return .null }
            let from = max(0, integer(1) ?? 0)
            return .integer(indexOf(Array(needle.utf16), in: utf16, from: from))
        case ("lastIndexOf", 1):
            guard let needle = text(0) else { return .null }
            return .integer(lastIndexOf(Array(needle.utf16), in: utf16))
        case ("contains", 1):
            guard let needle = text(0) else { return .null }
            return .bool(needle.isEmpty || indexOf(Array(needle.utf16), in: utf16, from: 0) >= 0)
        case ("startsWith", 1): return text(0).map { .bool(utf16.starts(with: $0.utf16)) } ?? .null
        case ("endsWith", 1): return text(0).map { .bool(utf16.reversed().starts(with: $0.utf16.reversed())) } ?? .null
        case ("equals", 1):
            if case .string(let other) = arguments[0] { return .bool(other == string) }
            return .bool(false)
        case ("equalsIgnoreCase", 1):
            guard case .string(let other) = arguments[0] else { return .bool(false) }
            return .bool(other.lowercased() == string.lowercased())
        case ("concat", 1): return text(0).map { .string(string + $0) } ?? .null
        case ("replace", 2):
            guard let target = text(0), let replacement = text(1) else { return .null }
            if target.isEmpty { return .string(string) }
            return .string(string.replacingOccurrences(of: target, with: replacement))
        case ("replaceAll", 2), ("replaceFirst", 2):
            guard let pattern = text(0), let replacement = text(1) else { return .null }
            return .string(
                try JavaRegex.replace(in: string, pattern: pattern, with: replacement, all: name == "replaceAll"))
        case ("matches", 1):
            guard let pattern = text(0) else { return .null }
            return .bool(try JavaRegex.matches(string, pattern: pattern))
        case ("split", 1), ("split", 2):
            guard let pattern = text(0) else { return .null }
            let parts = try JavaRegex.split(string, pattern: pattern, limit: integer(1) ?? 0)
            return .list(ListValue(parts.map(Value.string)))
        case ("toString", 0), ("intern", 0): return .string(string)
        case ("hashCode", 0): return .integer(javaHash(string))
        case ("codePointAt", 1):
            guard let at = integer(0) else { return .null }
            guard utf16.indices.contains(at) else {
                throw javaException("StringIndexOutOfBoundsException", "index \(at), length \(utf16.count)")
            }
            let scalars = String(decoding: utf16[at...], as: UTF16.self).unicodeScalars
            return .integer(Int(scalars.first?.value ?? 0))
        case ("regionMatches", 5), ("regionMatches", 4):
            // (ignoreCase, offset, other, otherOffset, length) or without ignoreCase.
            var values = arguments
            var ignoreCase = false
            if values.count == 5 {
                ignoreCase = values.removeFirst().isTruthy
            }
            guard case .integer(let offset) = values[0], case .string(let other) = values[1],
                case .integer(let otherOffset) = values[2], case .integer(let length) = values[3]
            else { return .null }
            let otherUnits = Array(other.utf16)
            guard offset >= 0, otherOffset >= 0, offset + length <= utf16.count,
                otherOffset + length <= otherUnits.count
            else { return .bool(false) }
            var a = String(decoding: utf16[offset..<offset + length], as: UTF16.self)
            var b = String(decoding: otherUnits[otherOffset..<otherOffset + length], as: UTF16.self)
            if ignoreCase {
                a = a.uppercased()
                b = b.uppercased()
            }
            return .bool(a == b)
        case ("compareTo", 1):
            guard let other = text(0) else { return .null }
            return .integer(compareUTF16(utf16, Array(other.utf16)))
        case ("getBytes", 0):
            return .list(ListValue(string.utf8.map { .integer(Int(Int8(bitPattern: $0))) }))
        default: return nil
        }
    }

    // MARK: List

    private static func listMethod(_ name: String, _ list: ListValue, _ arguments: [Value]) throws(RenderError)
        -> Value?
    {
        switch (name, arguments.count) {
        case ("size", 0): return .integer(list.items.count)
        case ("isEmpty", 0): return .bool(list.items.isEmpty)
        case ("get", 1):
            guard case .integer(let index) = arguments[0] else { return .null }
            guard list.items.indices.contains(index) else {
                throw javaException("IndexOutOfBoundsException", "Index: \(index), Size: \(list.items.count)")
            }
            return list.items[index]
        case ("contains", 1):
            return .bool(list.items.contains { javaEquals($0, arguments[0]) })
        case ("indexOf", 1):
            return .integer(list.items.firstIndex { javaEquals($0, arguments[0]) } ?? -1)
        case ("add", 1):
            list.items.append(arguments[0])
            return .bool(true)
        case ("add", 2):
            guard case .integer(let index) = arguments[0], (0...list.items.count).contains(index) else { return .null }
            list.items.insert(arguments[1], at: index)
            return .null
        case ("addAll", 1):
            guard case .list(let other) = arguments[0] else { return .bool(false) }
            list.items += other.items
            return .bool(!other.items.isEmpty)
        case ("set", 2):
            guard case .integer(let index) = arguments[0], list.items.indices.contains(index) else { return .null }
            let previous = list.items[index]
            list.items[index] = arguments[1]
            return previous
        case ("remove", 1):
            if case .integer(let index) = arguments[0] {
                guard list.items.indices.contains(index) else { return .null }
                return list.items.remove(at: index)
            }
            guard
                let index = list.items.firstIndex(where: { Operators.equal($0, arguments[0], options: RenderOptions()) }
                )
            else { return .bool(false) }
            list.items.remove(at: index)
            return .bool(true)
        case ("clear", 0):
            list.items.removeAll()
            return .null
        case ("subList", 2):
            guard case .integer(let from) = arguments[0], case .integer(let to) = arguments[1], from >= 0,
                to <= list.items.count, from <= to
            else { return .null }
            return .list(ListValue(Array(list.items[from..<to])))
        case ("iterator", 0): return .list(list)
        default: return nil
        }
    }

    // MARK: Map

    private static func mapMethod(_ name: String, _ map: MapValue, _ arguments: [Value]) -> Value? {
        switch (name, arguments.count) {
        // Keys are strings: `get(1)` finds nothing, as `Map.get(Integer)` would.
        case ("get", 1):
            guard let key = mapKey(arguments[0], map) else { return .null }
            return map.entries[key] ?? .null
        case ("containsKey", 1):
            guard let key = mapKey(arguments[0], map) else { return .bool(false) }
            return .bool(map.entries[key] != nil)
        case ("containsValue", 1):
            return .bool(map.entries.values.contains { Operators.equal($0, arguments[0], options: RenderOptions()) })
        case ("size", 0): return .integer(map.entries.count)
        case ("isEmpty", 0): return .bool(map.entries.isEmpty)
        case ("getOrDefault", 2):
            guard let key = mapKey(arguments[0], map), let value = map.entries[key] else { return arguments[1] }
            return value
        case ("keySet", 0): return .list(ListValue(map.entries.keys.map { map.otherKeys[$0] ?? .string($0) }))
        case ("values", 0): return .list(ListValue(Array(map.entries.values)))
        case ("entrySet", 0):
            return .list(ListValue(map.entries.keys.map { .object(MapEntry(map: map, key: $0)) }))
        case ("put", 2):
            return put(arguments[0], arguments[1], into: map)
        case ("putAll", 1):
            guard case .map(let other) = arguments[0] else { return .null }
            for (key, value) in other.entries { _ = put(other.otherKeys[key] ?? .string(key), value, into: map) }
            return .null
        case ("remove", 1):
            guard let key = mapKey(arguments[0], map) else { return .null }
            map.otherKeys[key] = nil
            return map.entries.removeValue(forKey: key) ?? .null
        case ("clear", 0):
            map.entries.removeAll()
            return .null
        default: return nil
        }
    }

    // MARK: Helpers

    static func javaHash(_ text: String) -> Int {
        var hash: Int32 = 0
        for unit in text.utf16 { hash = hash &* 31 &+ Int32(unit) }
        return Int(hash)
    }

    private static func indexOf(_ needle: [UInt16], in haystack: [UInt16], from: Int) -> Int {
        guard needle.count <= haystack.count else { return needle.isEmpty ? min(from, haystack.count) : -1 }
        if needle.isEmpty { return min(from, haystack.count) }
        var start = from
        while start + needle.count <= haystack.count {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start += 1
        }
        return -1
    }

    private static func lastIndexOf(_ needle: [UInt16], in haystack: [UInt16]) -> Int {
        guard needle.count <= haystack.count else { return -1 }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return -1
    }

    private static func compareUTF16(_ a: [UInt16], _ b: [UInt16]) -> Int {
        for (x, y) in zip(a, b) where x != y { return Int(x) - Int(y) }
        return a.count - b.count
    }
}
