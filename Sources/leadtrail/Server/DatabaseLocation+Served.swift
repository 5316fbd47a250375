#if Server
import Foundation
import LeadTrailStore

#if Postgres
    import LeadTrailPostgres
#endif

extension DatabaseLocation {
    /// What `leadtrail serve`'s first log line names: the SQLite path, or PostgreSQL's `host:port/database` — never
    /// the user's password, nor the URL that may carry it.
    var servedName: String {
        get throws {
            switch self {
            case .sqlite(let path): return path
            case .postgres(let url):
                #if Postgres
                    return try PostgresLocation(url: url, environment: ProcessInfo.processInfo.environment)
                        .description
                #else
                    throw Self.noPostgres(self)
                #endif
            }
        }
    }

    /// Where `serve` keeps webhook deliveries that wait for the database, unless `--inbox` says: beside a SQLite
    /// database (`leadtrail.sqlite.inbox`), or for PostgreSQL a folder named after the database in the current
    /// folder (`leads.inbox`), so that two servers of two databases never share one.
    var defaultInbox: String {
        get throws {
            switch self {
            case .sqlite(let path): return path + ".inbox"
            case .postgres:
                let name = try servedName.split(separator: "/").last.map(String.init) ?? "leadtrail"
                let safe = String(name.map { $0.isLetter || $0.isNumber || "-_".contains($0) ? $0 : "_" })
                return (safe.isEmpty ? "leadtrail" : safe) + ".inbox"
            }
        }
    }
}
#endif
