import NIOCore
import NIOPosix

/// Where requests do their work: threads of their own, apart from Swift's cooperative pool (one
/// thread per core) and NIO's event loops. A request that computes for seconds (a large import, a
/// template at the edge of its budget) then takes one of these threads, not a core the listener,
/// the health check and every other request need.
final class WorkExecutor: TaskExecutor, Sendable {
    private let pool: NIOThreadPool

    /// More threads than cores, so that a few costly requests share the CPU with the rest instead
    /// of queueing them.
    static var defaultThreadCount: Int { max(16, 4 * System.coreCount) }

    init(threads: Int = WorkExecutor.defaultThreadCount) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // After shutdown the pool runs the item at once on this thread: the job still runs.
        pool.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
