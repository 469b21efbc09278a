public import Foundation

/// Java's regular-expression methods on strings (`matches`, `replaceAll`, `replaceFirst`,
/// `split`) through ICU, whose pattern syntax matches Java's for what templates use; replacements
/// are read with Java's rules. An invalid pattern or replacement throws, as Java's exceptions end
/// a Velocity render.
public enum JavaRegex {
    /// How long one regular-expression operation may run. ICU backtracks, so a pattern such as
    /// `(a|aa)+b` takes time exponential in the text's length; past this the operation fails.
    public static let timeLimit: Duration = .seconds(1)

    public static let tooSlow = RenderError(message: "A regular expression ran longer than \(timeLimit)")

    private static func expression(_ pattern: String) throws(RenderError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            throw RenderError(
                message: "java.util.regex.PatternSyntaxException: invalid regular expression '\(pattern)'")
        }
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
    public static func matches(_ string: String, pattern: String) throws(RenderError) -> Bool {
        _ = try expression(pattern)
        let regex = try expression("^(?:" + pattern + ")$")
        return try !matches(of: regex, in: string, options: [.anchored], first: true).isEmpty
    }

    static func replace(in string: String, pattern: String, with replacement: String, all: Bool) throws(RenderError)
        -> String
    {
        let regex = try expression(pattern)
        let found = try matches(of: regex, in: string, first: !all)
        let text = string as NSString
        var output = ""
        var start = 0
        for match in found {
            output += text.substring(with: NSRange(location: start, length: match.range.location - start))
            output += try substitute(replacement, for: match, in: text, groups: regex.numberOfCaptureGroups)
            start = match.range.location + match.range.length
        }
        return output + text.substring(from: start)
    }

    /// Java's `Matcher.appendReplacement`: `\x` is x, `$n` and `${name}` are groups (more digits
    /// join `n` while the group exists), an unmatched group is empty; any other `$` is an error.
    private static func substitute(
        _ replacement: String, for match: NSTextCheckingResult, in text: NSString, groups: Int
    ) throws(RenderError) -> String {
        func group(_ range: NSRange) -> String { range.location == NSNotFound ? "" : text.substring(with: range) }
        let characters = Array(replacement)
        var output = ""
        var position = 0
        while position < characters.count {
            let character = characters[position]
            position += 1
            if character == "\\" {
                guard position < characters.count else {
                    throw RenderError(message: "java.lang.IllegalArgumentException: character to be escaped is missing")
                }
                output.append(characters[position])
                position += 1
            } else if character == "$" {
                guard position < characters.count else {
                    throw RenderError(
                        message: "java.lang.IllegalArgumentException: Illegal group reference: group index is missing")
                }
                if characters[position] == "{" {
                    guard let close = characters[position...].firstIndex(of: "}") else {
                        throw RenderError(
                            message: "java.lang.IllegalArgumentException: named capturing group is missing trailing '}'"
                        )
                    }
                    let name = String(characters[(position + 1)..<close])
                    let range = match.range(withName: name)
                    guard !name.isEmpty, range.location != NSNotFound || groupExists(name, in: match) else {
                        throw RenderError(message: "java.lang.IllegalArgumentException: No group with name {\(name)}")
                    }
                    output += group(range)
                    position = close + 1
                } else if let digit = characters[position].wholeNumberValue, characters[position].isASCII {
                    var number = digit
                    position += 1
                    while position < characters.count, let next = characters[position].wholeNumberValue,
                        characters[position].isASCII, number * 10 + next <= groups
                    {
                        number = number * 10 + next
                        position += 1
                    }
                    guard number <= groups else {
                        throw RenderError(message: "java.lang.IndexOutOfBoundsException: No group \(number)")
                    }
                    output += group(match.range(at: number))
                } else {
                    throw RenderError(message: "java.lang.IllegalArgumentException: Illegal group reference")
                }
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Whether the pattern has a group of this name that took no part in the match.
    private static func groupExists(_ name: String, in match: NSTextCheckingResult) -> Bool {
        guard let pattern = match.regularExpression?.pattern else { return false }
        return pattern.contains("(?<\(name)>")
    }

    /// `String.split(regex, limit)`: with limit 0, trailing empty strings are dropped; a match of
    /// zero width at the start makes no leading empty string.
    static func split(_ string: String, pattern: String, limit: Int) throws(RenderError) -> [String] {
        let regex = try expression(pattern)
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
