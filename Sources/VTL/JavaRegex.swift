import Foundation

/// Java's regular-expression methods on strings (`matches`, `replaceAll`, `replaceFirst`,
/// `split`) through ICU, whose pattern and replacement syntax match Java's for what templates
/// use. An invalid pattern gives nil (the call renders as null).
public enum JavaRegex {
    /// How long one regular-expression operation may run. ICU backtracks, so a pattern such as
    /// `(a|aa)+b` takes time exponential in the text's length; past this the operation fails.
    public static let timeLimit: Duration = .seconds(1)

    public static let tooSlow = RenderError(message: "A regular expression ran longer than \(timeLimit)")

    private static func expression(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    /// The matches of `regex` in `string` (only the first when `first`), given up after
    /// `timeLimit`: ICU calls back periodically while it matches, and the callback can stop it.
    public static func matches(
        of regex: NSRegularExpression, in string: String, options: NSRegularExpression.MatchingOptions = [],
        first: Bool = false
    ) throws(RenderError) -> [NSTextCheckingResult] {
        let deadline = ContinuousClock.now + timeLimit
        var results: [NSTextCheckingResult] = []
        var timedOut = false
        let range = NSRange(location: 0, length: (string as NSString).length)
        regex.enumerateMatches(in: string, options: options.union(.reportProgress), range: range) { match, _, stop in
            if let match {
                results.append(match)
                if first { stop.pointee = true }
            } else if ContinuousClock.now > deadline {
                timedOut = true
                stop.pointee = true
            }
        }
        if timedOut { throw tooSlow }
        return results
    }

    /// `String.matches`: the pattern must match the whole text.
    public static func matches(_ string: String, pattern: String) throws(RenderError) -> Bool? {
        guard let regex = expression("^(?:" + pattern + ")$") else { return nil }
        return try !matches(of: regex, in: string, options: [.anchored], first: true).isEmpty
    }

    static func replace(in string: String, pattern: String, with replacement: String, all: Bool) throws(RenderError)
        -> String?
    {
        guard let regex = expression(pattern) else { return nil }
        let found = try matches(of: regex, in: string, first: !all)
        let text = string as NSString
        var output = ""
        var start = 0
        for match in found {
            output += text.substring(with: NSRange(location: start, length: match.range.location - start))
            output += regex.replacementString(for: match, in: string, offset: 0, template: replacement)
            start = match.range.location + match.range.length
        }
        return output + text.substring(from: start)
    }

    /// `String.split(regex, limit)`: with limit 0, trailing empty strings are dropped; a match of
    /// zero width at the start makes no leading empty string.
    static func split(_ string: String, pattern: String, limit: Int) throws(RenderError) -> [String]? {
        guard let regex = expression(pattern) else { return nil }
        let text = string as NSString
        var parts: [String] = []
        var start = 0
        for match in try matches(of: regex, in: string) {
            if limit > 0, parts.count == limit - 1 { break }
            if match.range.length == 0 && match.range.location == 0 { continue }
            if match.range.location == 0 && match.range.length > 0 && start == 0 {
                parts.append("")
                start = match.range.location + match.range.length
                continue
            }
            guard match.range.location >= start else { continue }
            if match.range.length == 0 && match.range.location >= text.length { break }
            parts.append(text.substring(with: NSRange(location: start, length: match.range.location - start)))
            start = match.range.location + match.range.length
        }
        parts.append(text.substring(from: start))
        if limit == 0 {
            while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
            if parts == [""] && !string.isEmpty { return [] }
        }
        return parts
    }
}
