import Dispatch

/// A serial executor that runs an actor's jobs on its own dispatch queue.
///
/// SQLite calls block on disk I/O; running them here keeps them off the cooperative thread pool (two threads on
/// the reference machine), so a long commit never stalls HTTP handlers or other polls.
final class QueueExecutor: SerialExecutor {
    let queue: DispatchQueue

    init(label: String) {
        self.queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
