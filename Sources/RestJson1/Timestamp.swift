public import Foundation

/// The wire formats of a timestamp in the AWS models (the `timestampFormat` trait and the
/// defaults of the rest-json protocol: epoch seconds in bodies, ISO 8601 in query strings,
/// HTTP dates in headers).
public enum TimestampFormat: Sendable {
    case epochSeconds
    case iso8601
    case httpDate

    public func format(_ date: Date) -> String {
        switch self {
        case .epochSeconds: Self.epochText(date)
        case .iso8601: Self.iso8601Text(date)
        case .httpDate: Self.httpDateText(date)
        }
    }

    public func parse(_ text: String) -> Date? {
        switch self {
        case .epochSeconds: Double(text).map { Date(timeIntervalSince1970: $0) }
        case .iso8601: Self.parseISO8601(text)
        case .httpDate: Self.parseHTTPDate(text)
        }
    }

    /// The instants of years 1 to 9999, which every format can print; decoders reject others.
    public static let representableSeconds: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// Whole seconds print as an integer (what AWS sends), fractions with millisecond precision.
    static func epochText(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        if seconds == seconds.rounded(), let whole = Int64(exactly: seconds) { return String(whole) }
        return String(format: "%.3f", seconds)
    }

    static func iso8601Text(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let style =
            seconds == seconds.rounded()
            ? Date.ISO8601FormatStyle(timeZone: .gmt)
            : Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return date.formatted(style)
    }

    static func parseISO8601(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).parse(text)
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let weekday = weekdays[((days % 7) + 7) % 7]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(weekday), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let fields = text.split(separator: " ")
        guard fields.count == 6, let day = Int(fields[1]), let month = months.firstIndex(of: String(fields[2])),
            let year = Int(fields[3])
        else { return nil }
        let clock = fields[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(
            year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
        return calendar.date(from: components)
    }
}
