/// A model's `requestUri`, e.g. `/restapis/{restapi_id}/resources` or `/restapis?mode=import`:
/// path segments that are literals, labels or a trailing greedy label (`{path+}`), and query
/// literals that select between operations sharing a path.
public struct URITemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case label(String)
        case greedyLabel(String)
    }

    public struct InvalidTemplate: Error, CustomStringConvertible {
        public var description: String
    }

    public let text: String
    public let segments: [Segment]
    public let queryLiterals: [QueryLiteral]

    public struct QueryLiteral: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var description: String { text }

    public init(_ text: String) throws(InvalidTemplate) {
        self.text = text
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts[0].hasPrefix("/") else { throw InvalidTemplate(description: "'\(text)' does not start with '/'") }
        var segments: [Segment] = []
        let pieces = parts[0].dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if piece.isEmpty {
                if index == pieces.count - 1 { break }
                throw InvalidTemplate(description: "'\(text)' has an empty path segment")
            }
            if piece.hasPrefix("{") && piece.hasSuffix("}") {
                var name = String(piece.dropFirst().dropLast())
                if name.hasSuffix("+") {
                    name.removeLast()
                    guard index == pieces.count - 1 else {
                        throw InvalidTemplate(description: "'\(text)' has a greedy label before the last segment")
                    }
                    segments.append(.greedyLabel(name))
                } else {
                    segments.append(.label(name))
                }
            } else if piece.contains("{") || piece.contains("}") {
                throw InvalidTemplate(description: "'\(text)' has a label that is not a whole path segment")
            } else {
                segments.append(.literal(QueryString.percentDecode(String(piece))))
            }
        }
        self.segments = segments
        self.queryLiterals =
            parts.count > 1
            ? QueryString.parse(String(parts[1])).map { QueryLiteral(name: $0.name, value: $0.value) } : []
    }

    public var labelNames: [String] {
        segments.compactMap {
            switch $0 {
            case .literal: nil
            case .label(let name), .greedyLabel(let name): name
            }
        }
    }

    /// The request path for these label values (percent-encoded; a greedy label keeps its slashes).
    public func expand(_ labels: [String: String]) -> String {
        var path = ""
        for segment in segments {
            path += "/"
            switch segment {
            case .literal(let literal): path += QueryString.percentEncode(literal)
            case .label(let name): path += QueryString.percentEncode(labels[name] ?? "")
            case .greedyLabel(let name): path += QueryString.percentEncode(labels[name] ?? "", keepSlash: true)
            }
        }
        return path.isEmpty ? "/" : path
    }
}
