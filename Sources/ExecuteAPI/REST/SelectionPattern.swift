import APIGateway
import Foundation
import OrderedCollections
import RestJson1
import State
import VTL

/// A Java regular expression matched against the whole text (`Pattern.matches`), compiled once.
struct SelectionPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once made and safe to use from many threads.
    let regex: NSRegularExpression?
    let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
        self.regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.dotMatchesLineSeparators])
    }

    /// A match that runs past `JavaRegex.timeLimit` counts as none.
    func matches(_ text: String) -> Bool {
        guard let regex else { return false }
        let found = try? JavaRegex.matches(of: regex, in: text, options: [.anchored], first: true)
        return found?.isEmpty == false
    }
}
