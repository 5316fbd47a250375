import Foundation
import Glibc

/// The advisory lock an `init` holds while it lays out a new database's schema, so that a second `init`, or any
/// command run beside it, reads the finished schema rather than a file that is "not a LeadTrail database" yet.
///
/// It is a `flock` on the database's folder, never on the database file: closing any descriptor of the database
/// file would drop every POSIX lock SQLite holds on it in this process. Only `init` takes it exclusively, for the
/// moment the schema takes; every other open takes it shared for the moment it reads the schema version.
enum CreationLock {
    /// Runs `body` holding the lock of `database`'s folder; a folder that cannot be opened is not waited for (the
    /// open that follows says what is wrong with it).
    static func holding<T>(database: String, exclusive: Bool, _ body: () throws -> T) throws -> T {
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent().path
        let descriptor = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return try body() }
        defer { Glibc.close(descriptor) }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR {}
        return try body()
    }
}
