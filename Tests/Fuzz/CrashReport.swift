#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the input being tried to a file when the process dies of a signal (a trap, a stack
/// overflow), so that a crash found by a long run can be replayed with `--replay FILE`.
enum CrashReport {
    nonisolated(unsafe) private static var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    nonisolated(unsafe) private static var capacity = 1
    nonisolated(unsafe) private static var length = 0
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>? = nil

    /// Installs the handlers; the crashing input goes to `file`.
    static func install(file: String) {
        path = strdup(file)
        // The handler must run on a stack of its own: a stack overflow leaves none.
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        sigaltstack(&stack, nil)
        for signal in [SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.sa_flags = Int32(
                bitPattern: UInt32(truncatingIfNeeded: SA_ONSTACK) | UInt32(truncatingIfNeeded: SA_RESETHAND))
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = { signal in
                    CrashReport.save()
                    raise(signal)
                }
            #endif
            sigaction(signal, &action, nil)
        }
    }

    /// Remembers `input` as the one being tried.
    static func trying(_ input: [UInt8]) {
        if input.count > capacity {
            buffer.deallocate()
            capacity = input.count
            buffer = .allocate(capacity: capacity)
        }
        input.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: input.count) }
        }
        length = input.count
    }

    /// Only async-signal-safe calls: open, write, close.
    private static func save() {
        guard let path else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        _ = write(descriptor, buffer, length)
        close(descriptor)
    }
}
