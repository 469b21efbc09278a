import RestJson1

/// What API Gateway does with headers it reserves, by name (lowercased), as recorded against AWS
/// with every such header sent, mapped and returned.
enum ReservedHeaders {
    /// Client headers the API never sees: mappings (`method.request.header.*`), templates
    /// (`$input.params`), validation and Lambda proxy events read them as absent.
    static let hiddenFromMethodRequest = [
        "connection", "content-length", "content-md5", "expect", "max-forwards", "proxy-authenticate", "server",
        "te", "trailer", "transfer-encoding", "upgrade", "www-authenticate",
    ]

    /// Method request headers an HTTP_PROXY integration does not pass on: the back end gets its
    /// own Host, and a body the gateway has read is not sent encoded as the client sent it.
    static let notProxied: Set<String> = ["host", "content-encoding", "keep-alive", "proxy-authorization"]

    /// Mapped integration request headers the gateway leaves out of the call to the back end.
    static let notSentWhenMapped: Set<String> = ["expect", "proxy-authenticate", "te"]

    /// Response headers (mapped, or returned by a proxied back end or function) that the client
    /// receives renamed `x-amzn-Remapped-{Name}`, so the gateway's own framing and identity stand.
    static let remappedInResponse: Set<String> = [
        "authorization", "connection", "content-length", "content-md5", "date", "expect", "host", "max-forwards",
        "proxy-authenticate", "server", "trailer", "upgrade", "user-agent", "www-authenticate", "x-amzn-requestid",
    ]

    /// The headers a client's request brings into the API: those AWS hides are dropped, and the
    /// Host the client used (which HTTP/1.1 servers keep apart from the header fields) is one.
    static func methodRequest(_ headers: Headers, host: String) -> Headers {
        var kept = Headers(headers.fields.filter { !isHidden($0.name) })
        if kept["Host"] == nil, !host.isEmpty { kept.add("Host", host) }
        return kept
    }

    /// Whether the method request hides this header (compared without allocating: every header
    /// of every request is asked).
    static func isHidden(_ name: String) -> Bool {
        hiddenFromMethodRequest.contains { $0.caseInsensitiveEquals(name) }
    }

    /// Where a response header goes: under its own name, renamed, or nowhere (nil).
    static func responseName(_ name: String) -> String? {
        let lowered = name.lowercased()
        if lowered == "transfer-encoding" { return nil }
        return remappedInResponse.contains(lowered) ? "x-amzn-Remapped-\(name)" : name
    }
}
