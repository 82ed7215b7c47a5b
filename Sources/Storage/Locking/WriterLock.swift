import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one-writer-per-database guarantee (SPEC §9): a process that polls into a database holds an exclusive
/// `flock` on `<database>.lock` for as long as it polls; a second poller is refused, naming the holder's PID.
///
/// Why a lock and not a diff inside the write transaction: a poll reads the stored state, fetches for seconds,
/// diffs and commits; with two pollers the second's diff would rest on state the first is about to change, and
/// re-reading inside `BEGIN IMMEDIATE` would still let two processes race for the same Plesk changes between
/// their fetches. One poller per database makes "every change exactly once" a property instead of a timing, and
/// lets a poller trust what it keeps in memory between polls. `ack`, `backup` and the read-only commands do not
/// poll and do not take the lock.
///
/// The kernel drops a `flock` when its holder exits, however it exits (SIGKILL included), so a crash never leaves
/// a stale lock behind; the PID in the file is only informational.
public final class WriterLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for the database at `databasePath`, or throws ``StorageError/Code/databaseBusy`` naming the
    /// process that holds it. In-memory and URI databases need no lock: no other process can open them by path.
    public static func acquire(databasePath: String) throws -> WriterLock? {
        guard SQLiteInventoryStore.isPlainPath(databasePath) else { return nil }
        try SQLiteInventoryStore.createParentDirectory(of: databasePath)
        return try WriterLock(path: databasePath + ".lock", databasePath: databasePath)
    }

    private init(path: String, databasePath: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StorageError(.fileSystem, "cannot open the writer lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readHolder(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK {
                throw StorageError(
                    .databaseBusy,
                    "another plesk_exporter process\(holder.map { " (PID \($0))" } ?? "") is already polling into "
                        + "\(databasePath); only one process may poll a database (stop it, or give this one its own "
                        + "--storage.path). ack, backup, events, inventory and report work while it runs.")
            }
            throw StorageError(.fileSystem, "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor drops the lock; the file stays (removing it would race with a new holder).
        close(descriptor)
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}
