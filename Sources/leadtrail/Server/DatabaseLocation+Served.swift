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
}
#endif
