import OrderedCollections

/// `$foreach` inside a loop.
final class LoopState: HostObject, @unchecked Sendable {
    var index = 0
    let count: Int
    let parent: LoopState?

    init(count: Int, parent: LoopState?) {
        self.count = count
        self.parent = parent
    }

    func property(_ name: String) -> Value? {
        switch name {
        case "index": .integer(index)
        case "count": .integer(index + 1)
        case "hasNext": .bool(index + 1 < count)
        case "first": .bool(index == 0)
        case "last": .bool(index + 1 == count)
        case "parent": parent.map { .object($0) } ?? .null
        default: nil
        }
    }

    func call(_ name: String, _ arguments: [Value]) throws -> Value? {
        guard arguments.isEmpty else { return nil }
        switch name {
        case "getIndex": return property("index")
        case "getCount": return property("count")
        case "hasNext": return property("hasNext")
        case "isFirst": return property("first")
        case "isLast": return property("last")
        default: return nil
        }
    }

    var text: String { "org.apache.velocity.runtime.directive.ForeachScope" }
}
