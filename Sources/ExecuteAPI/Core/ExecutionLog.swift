import Foundation

/// The execution log TestInvokeMethod returns: one timestamped line per step, as AWS writes it.
/// A request served normally has none, and builds none of the text.
final class ExecutionLog: @unchecked Sendable {
    // Used by one request at a time, from one task.
    private(set) var lines: [String] = []
    private let formatter: DateFormatter

    init() {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss 'UTC' yyyy"
    }

    func add(_ line: String) {
        lines.append("\(formatter.string(from: Date())) : \(line)")
    }

    /// The log as AWS returns it: a header line, then the steps, each on its own line.
    func text(requestId: String) -> String {
        (["Execution log for request \(requestId)"] + lines).joined(separator: "\n") + "\n"
    }
}

extension Optional where Wrapped == ExecutionLog {
    /// Adds a line when there is a log; the text is built only then.
    func add(_ line: @autoclosure () -> String) {
        if let log = self { log.add(line()) }
    }
}
