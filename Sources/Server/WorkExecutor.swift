import NIOCore
import NIOPosix

/// Where costly requests run: threads of their own, instead of Swift's cooperative pool (one
/// thread per core). A request that may compute for seconds (any control-plane operation, such as
/// a large import; a data-plane request whose templates loop or whose body is large) then takes
/// one of many threads, which the system shares out with the rest, instead of one of the two or
/// so that every other request and the health check need. Cheap requests stay where they arrive:
/// a hop to this pool costs a thread wake-up, a large share of a cheap request.
final class WorkExecutor: TaskExecutor, Sendable {
    private let pool: NIOThreadPool

    /// Many more threads than cores, so that costly requests share the CPU with the rest instead
    /// of queueing them.
    static var defaultThreadCount: Int { max(32, 8 * System.coreCount) }

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
