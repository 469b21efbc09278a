import Atomics
import Foundation
public import Logging
import Synchronization

/// A log handler that keeps writing off the request path: a request formats its line and pushes
/// it onto a lock-free list (one compare-and-swap, no system call), and a writer thread takes
/// the list every few milliseconds and writes it to standard error in order. `flush()` (at
/// shutdown, and after an error) writes what is pending at once.
public struct BufferedLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String
    let sink: LogSink

    public init(label: String, sink: LogSink = .standardError) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = sink.timestamp()
        line += " "
        line += Self.names[event.level] ?? "log"
        line += " "
        line += label
        line += ":"
        let merged = metadata.isEmpty ? (event.metadata ?? [:]) : metadata.merging(event.metadata ?? [:]) { $1 }
        if merged.count == 1, let (key, value) = merged.first {
            line += " " + key + "=" + value.description
        } else {
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " " + key + "=" + value.description }
        }
        line += " "
        line += event.message.description
        line += "\n"
        sink.append(line)
        if event.level >= .error { sink.flush() }
    }

    private static let names: [Logger.Level: String] = [
        .trace: "trace", .debug: "debug", .info: "info", .notice: "notice", .warning: "warning", .error: "error",
        .critical: "critical",
    ]
}

/// Where buffered log lines go: a file descriptor, written by one background thread.
public final class LogSink: Sendable {
    public static let standardError = LogSink(descriptor: FileHandle.standardError.fileDescriptor)

    /// A pending line; the newest is at the top of the list.
    private final class Line: AtomicReference, @unchecked Sendable {
        let text: String
        // Set once, before the line is published by the compare-and-swap.
        var next: Line?
        init(_ text: String) { self.text = text }
    }

    private final class Stamp: AtomicReference, Sendable {
        let second: Int
        let text: String
        init(second: Int, text: String) {
            self.second = second
            self.text = text
        }
    }

    private let top = ManagedAtomic<Line?>(nil)
    /// One flush at a time (the writer thread, an error's, shutdown's), so batches reach the
    /// file in order and a shutdown flush waits for a write in progress.
    private let writing = Mutex(())
    private let stamp = ManagedAtomic(Stamp(second: 0, text: ""))
    private let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.005)
                flush()
            }
        }
        thread.name = "portico-log"
        thread.start()
    }

    /// The time, ISO 8601 to the second, made once a second.
    func timestamp() -> String {
        let now = Int(Date().timeIntervalSince1970)
        let current = stamp.load(ordering: .acquiring)
        if current.second == now { return current.text }
        let text = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(now)))
        stamp.store(Stamp(second: now, text: text), ordering: .releasing)
        return text
    }

    func append(_ text: String) {
        let line = Line(text)
        var head = top.load(ordering: .relaxed)
        while true {
            line.next = head
            let (exchanged, original) = top.compareExchange(expected: head, desired: line, ordering: .releasing)
            if exchanged { return }
            head = original
        }
    }

    /// Writes what is pending, oldest first.
    public func flush() {
        writing.withLock { _ in
            var line = top.exchange(nil, ordering: .acquiring)
            var lines: [String] = []
            while let current = line {
                lines.append(current.text)
                line = current.next
            }
            guard !lines.isEmpty else { return }
            let bytes = Array(lines.reversed().joined().utf8)
            var offset = 0
            var attempts = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && (errno == EINTR || errno == EAGAIN) && attempts < 1000 {
                    // Interrupted, or a non-blocking pipe that is full for now: try again shortly.
                    attempts += 1
                    if errno == EAGAIN { usleep(1000) }
                } else {
                    return
                }
            }
        }
    }
}
