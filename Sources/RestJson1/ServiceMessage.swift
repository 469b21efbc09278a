/// An HTTP request as the protocol layer sees it: independent of any server framework so the
/// generated code and the handlers can be driven without a socket.
public struct ServiceRequest: Sendable {
    public var method: String
    /// The path exactly as sent: still percent-encoded, without the query string.
    public var path: String
    /// Decoded query parameters in the order they were sent.
    public var query: [(name: String, value: String)]
    public var headers: Headers
    public var body: [UInt8]

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], headers: Headers = Headers(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Builds a request from a request target such as `/restapis?limit=5`.
    public init(method: String, target: String, headers: Headers = Headers(), body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]),
            query: parts.count > 1 ? QueryString.parse(String(parts[1])) : [], headers: headers, body: body)
    }

    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }
}

public struct ServiceResponse: Sendable {
    public var status: Int
    public var headers: Headers
    public var body: [UInt8]

    public init(status: Int, headers: Headers = Headers(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// HTTP header fields in order, looked up case-insensitively.
public struct Headers: Sendable, ExpressibleByArrayLiteral, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init() { fields = [] }
    public init(arrayLiteral elements: (String, String)...) { fields = elements.map { (name: $0.0, value: $0.1) } }
    public init(_ fields: [(name: String, value: String)]) { self.fields = fields }

    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Replaces every field of that name with one.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { $0.name.caseInsensitiveEquals(name) }
        fields.append((name, value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }
}

extension String {
    /// Equal when ASCII letters are compared without case (how header names compare).
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var mine = utf8.makeIterator()
        var theirs = other.utf8.makeIterator()
        while let a = mine.next(), let b = theirs.next() {
            if a != b && Self.lowercase(a) != Self.lowercase(b) { return false }
        }
        return true
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}

/// Per-request facts a handler may need: who is calling, where, and how to be reached.
public struct RequestContext: Sendable {
    public var accountId: String
    public var region: String
    public var requestId: String
    /// The `Host` the client addressed (e.g. `localhost:4566`), for URLs handed back to it.
    public var host: String

    public init(accountId: String = "000000000000", region: String = "us-east-1", requestId: String, host: String) {
        self.accountId = accountId
        self.region = region
        self.requestId = requestId
        self.host = host
    }
}
