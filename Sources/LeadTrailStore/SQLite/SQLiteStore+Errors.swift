import GRDB
import Synchronization

extension SQLiteStore {
    /// Runs `body`, turning a SQLite error into a ``StoreError`` that names the file and the reason in words:
    /// no `SQLite error N`, no SQL text reaches the user.
    static func explaining<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw storeError(for: error, path: path)
        }
    }

    /// The file the process opened last: what a SQLite error that escaped a store method is about.
    static let lastPath = Mutex<String?>(nil)

    /// `error` in words when it is a SQLite error that escaped a store method, else `error` itself.
    ///
    /// The last line of defence of the command line: no `SQLite error N` or SQL text reaches the user.
    public static func explained(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        return storeError(for: error, path: lastPath.withLock { $0 } ?? "database")
    }

    /// What a SQLite error means for the user of the file at `path`.
    static func storeError(for error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(path: path, seconds: BusyWait.timeoutSeconds)
        case .SQLITE_READONLY: .readOnly(path: path, reason: "the file or its folder is read-only")
        case .SQLITE_NOTADB: .notADatabase(path: path)
        case .SQLITE_CANTOPEN:
            .cannotOpen(path: path, reason: "SQLite cannot open it, or the -wal and -shm files beside it")
        case .SQLITE_PERM, .SQLITE_AUTH: .cannotOpen(path: path, reason: "permission denied")
        case .SQLITE_CORRUPT: .databaseFailure(path: path, reason: "the file is damaged")
        case .SQLITE_FULL: .databaseFailure(path: path, reason: "the disk is full")
        case .SQLITE_IOERR: .databaseFailure(path: path, reason: "reading or writing the file failed")
        case .SQLITE_INTERRUPT: .databaseFailure(path: path, reason: "interrupted")
        default: .databaseFailure(path: path, reason: error.message ?? "the database engine refused the request")
        }
    }
}
