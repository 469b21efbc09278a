import Foundation

/// The resources of a deployment as a tree of path segments, for routing a request path to a
/// resource the way API Gateway does: a literal segment before a `{param}` before a `{proxy+}`,
/// trying the next kind when a more specific branch finds no resource.
struct ResourceTree: Sendable {
    final class Node: Sendable {
        let resourceId: String?
        let literals: [String: Node]
        /// `{name}` and the subtree below it.
        let parameter: (name: String, node: Node)?
        /// `{name+}`: matches one or more remaining segments.
        let greedy: (name: String, resourceId: String)?

        init(
            resourceId: String?, literals: [String: Node], parameter: (name: String, node: Node)?,
            greedy: (name: String, resourceId: String)?
        ) {
            self.resourceId = resourceId
            self.literals = literals
            self.parameter = parameter
            self.greedy = greedy
        }
    }

    struct Match: Sendable {
        var resourceId: String
        /// Path parameters as they appeared in the request (still percent-encoded, as AWS passes them).
        var pathParameters: [String: String]
    }

    let root: Node
    /// Resources whose path has no parameter, by path: a request path that is one of them
    /// exactly is the most specific match there can be, found without walking the tree.
    let literalPaths: [String: String]

    /// - Parameter paths: each resource's id and path (`/pets/{petId}`).
    init(paths: [(id: String, path: String)]) {
        var literalPaths: [String: String] = [:]
        for (id, path) in paths where !path.contains("{") { literalPaths[path] = id }
        self.literalPaths = literalPaths
        // Build mutable first, then freeze into immutable nodes.
        final class Builder {
            var resourceId: String?
            var literals: [String: Builder] = [:]
            var parameter: (name: String, node: Builder)?
            var greedy: (name: String, resourceId: String)?

            func freeze() -> Node {
                Node(
                    resourceId: resourceId, literals: literals.mapValues { $0.freeze() },
                    parameter: parameter.map { ($0.name, $0.node.freeze()) }, greedy: greedy)
            }
        }
        let root = Builder()
        for (id, path) in paths {
            var node = root
            let segments = path.split(separator: "/").map(String.init)
            for (index, segment) in segments.enumerated() {
                if segment.hasPrefix("{"), segment.hasSuffix("+}") {
                    // A greedy part has no children (the control plane refuses them).
                    if index == segments.count - 1 { node.greedy = (String(segment.dropFirst().dropLast(2)), id) }
                    break
                }
                if segment.hasPrefix("{"), segment.hasSuffix("}") {
                    let name = String(segment.dropFirst().dropLast())
                    if node.parameter == nil { node.parameter = (name, Builder()) }
                    node = node.parameter!.node
                } else {
                    if node.literals[segment] == nil { node.literals[segment] = Builder() }
                    node = node.literals[segment]!
                }
                if index == segments.count - 1 { node.resourceId = id }
            }
            if segments.isEmpty { root.resourceId = id }
        }
        self.root = root.freeze()
    }

    /// The resource a request path names. `path` is the raw path after the stage; empty
    /// segments (a trailing or doubled slash) do not name resources, but a greedy parameter
    /// keeps the rest of the path as it was sent. A resource `accepts` refuses (one without the
    /// request's method) is passed over for the next that matches, as API Gateway does.
    func match(_ path: Substring, accepting accepts: (String) -> Bool = { _ in true }) -> Match? {
        if let id = literalPaths[String(path)], accepts(id) { return Match(resourceId: id, pathParameters: [:]) }
        var segments: [Substring] = []
        var starts: [String.Index] = []
        var index = path.startIndex
        while index < path.endIndex {
            if path[index] == "/" {
                index = path.index(after: index)
                continue
            }
            let end = path[index...].firstIndex(of: "/") ?? path.endIndex
            segments.append(path[index..<end])
            starts.append(index)
            index = end
        }
        var parameters: [String: String] = [:]
        guard
            let id = match(root, segments[...], path: path, starts: starts, parameters: &parameters, accepts: accepts)
        else {
            return nil
        }
        return Match(resourceId: id, pathParameters: parameters)
    }

    private func match(
        _ node: Node, _ segments: ArraySlice<Substring>, path: Substring, starts: [String.Index],
        parameters: inout [String: String], accepts: (String) -> Bool
    ) -> String? {
        guard let segment = segments.first else { return node.resourceId.flatMap { accepts($0) ? $0 : nil } }
        let rest = segments.dropFirst()
        if let child = node.literals[String(segment)] ?? decodedLiteral(segment, in: node),
            let id = match(child, rest, path: path, starts: starts, parameters: &parameters, accepts: accepts)
        {
            return id
        }
        if let (name, child) = node.parameter {
            let saved = parameters
            parameters[name] = String(segment)
            if let id = match(child, rest, path: path, starts: starts, parameters: &parameters, accepts: accepts) {
                return id
            }
            parameters = saved
        }
        if let (name, id) = node.greedy, accepts(id) {
            // Everything from this segment on, without a trailing slash.
            var remainder = path[starts[segments.startIndex]...]
            while remainder.hasSuffix("/") { remainder = remainder.dropLast() }
            parameters[name] = String(remainder)
            return id
        }
        return nil
    }

    /// A literal resource named with characters the client percent-encoded.
    private func decodedLiteral(_ segment: Substring, in node: Node) -> Node? {
        guard segment.contains("%"), let decoded = segment.removingPercentEncoding else { return nil }
        return node.literals[decoded]
    }
}
