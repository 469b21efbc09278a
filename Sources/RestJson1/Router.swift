/// Matches requests to the operations of a service: a trie of path segments per service, where
/// literal segments win over labels and labels over a greedy label, and query literals pick
/// between operations on the same path (`POST /restapis` vs `POST /restapis?mode=import`).
public struct Router<Target: Sendable>: Sendable {
    public struct Match {
        public var target: Target
        /// Label values, percent-decoded.
        public var labels: [String: String]
    }

    private struct Entry: Sendable {
        var method: String
        var template: URITemplate
        var target: Target
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var label: Int?
        var entries: [Entry] = []
        var greedyEntries: [Entry] = []
    }

    private var nodes = [Node()]

    public init() {}

    public mutating func add(method: String, template: URITemplate, target: Target) {
        var current = 0
        let entry = Entry(method: method, template: template, target: target)
        for segment in template.segments {
            switch segment {
            case .literal(let literal):
                if let next = nodes[current].literals[literal] {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].literals[literal] = nodes.count - 1
                    current = nodes.count - 1
                }
            case .label:
                if let next = nodes[current].label {
                    current = next
                } else {
                    nodes.append(Node())
                    nodes[current].label = nodes.count - 1
                    current = nodes.count - 1
                }
            case .greedyLabel:
                nodes[current].greedyEntries.append(entry)
                Self.orderBySpecificity(&nodes[current].greedyEntries)
                return
            }
        }
        nodes[current].entries.append(entry)
        Self.orderBySpecificity(&nodes[current].entries)
    }

    /// Entries with more query literals are tried first, so the plain route is the fallback.
    private static func orderBySpecificity(_ entries: inout [Entry]) {
        entries.sort { $0.template.queryLiterals.count > $1.template.queryLiterals.count }
    }

    /// Finds the operation for a request; `path` is the raw (percent-encoded) request path.
    public func match(method: String, path: String, query: [(name: String, value: String)]) -> Match? {
        var pieces = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if pieces.last == "" { pieces.removeLast() }
        var captured: [String] = []
        guard let entry = search(node: 0, pieces: pieces[...], method: method, query: query, captured: &captured)
        else { return nil }
        var labels: [String: String] = [:]
        for (name, value) in zip(entry.template.labelNames, captured) {
            labels[name] = QueryString.percentDecode(value)
        }
        return Match(target: entry.target, labels: labels)
    }

    private func search(
        node index: Int, pieces: ArraySlice<String>, method: String, query: [(name: String, value: String)],
        captured: inout [String]
    ) -> Entry? {
        let node = nodes[index]
        guard let piece = pieces.first else {
            return node.entries.first { $0.method == method && Self.satisfies($0.template, query) }
        }
        if let next = node.literals[QueryString.percentDecode(piece)],
            let found = search(
                node: next, pieces: pieces.dropFirst(), method: method, query: query, captured: &captured)
        {
            return found
        }
        if let next = node.label, !piece.isEmpty {
            captured.append(piece)
            if let found = search(
                node: next, pieces: pieces.dropFirst(), method: method, query: query, captured: &captured)
            {
                return found
            }
            captured.removeLast()
        }
        if let entry = node.greedyEntries.first(where: { $0.method == method && Self.satisfies($0.template, query) }) {
            captured.append(pieces.joined(separator: "/"))
            return entry
        }
        return nil
    }

    private static func satisfies(_ template: URITemplate, _ query: [(name: String, value: String)]) -> Bool {
        template.queryLiterals.allSatisfy { literal in
            query.contains { $0.name == literal.name && $0.value == literal.value }
        }
    }
}
