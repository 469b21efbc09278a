import Foundation

/// Java's regular-expression methods on strings (`matches`, `replaceAll`, `replaceFirst`,
/// `split`) through ICU, whose pattern and replacement syntax match Java's for what templates
/// use. An invalid pattern gives nil (the call renders as null).
public enum JavaRegex {
    private static func expression(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    /// `String.matches`: the pattern must match the whole text.
    public static func matches(_ string: String, pattern: String) -> Bool? {
        guard let regex = expression("^(?:" + pattern + ")$") else { return nil }
        let range = NSRange(string.startIndex..., in: string)
        return regex.firstMatch(in: string, options: [.anchored], range: range) != nil
    }

    static func replace(in string: String, pattern: String, with replacement: String, all: Bool) -> String? {
        guard let regex = expression(pattern) else { return nil }
        let range = NSRange(string.startIndex..., in: string)
        if all {
            return regex.stringByReplacingMatches(in: string, range: range, withTemplate: replacement)
        }
        guard let match = regex.firstMatch(in: string, range: range) else { return string }
        let replaced = regex.replacementString(for: match, in: string, offset: 0, template: replacement)
        return (string as NSString).replacingCharacters(in: match.range, with: replaced)
    }

    /// `String.split(regex, limit)`: with limit 0, trailing empty strings are dropped; a match of
    /// zero width at the start makes no leading empty string.
    static func split(_ string: String, pattern: String, limit: Int) -> [String]? {
        guard let regex = expression(pattern) else { return nil }
        let text = string as NSString
        var parts: [String] = []
        var start = 0
        for match in regex.matches(in: string, range: NSRange(location: 0, length: text.length)) {
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
