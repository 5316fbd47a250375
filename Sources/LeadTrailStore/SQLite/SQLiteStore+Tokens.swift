import GRDB
public import LeadTrailCore

extension SQLiteStore {
    /// Stores an API token's hash; a name in use is refused.
    public func addToken(_ token: APIToken) throws {
        try queue.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [token.name]) == true {
                throw ServerStoreError.tokenExists(token.name)
            }
            try db.execute(
                sql: "INSERT INTO api_token (name, scope, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                arguments: [token.name, token.scope.rawValue, token.sha256, token.createdAt.microseconds])
        }
    }

    public func removeToken(name: String) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw ServerStoreError.unknownToken(name) }
        }
    }

    /// Every API token (hashes only), by name.
    public func tokens() throws -> [APIToken] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY name").compactMap { row in
                guard let scope = APIToken.Scope(rawValue: row["scope"]) else { return nil }
                return APIToken(
                    name: row["name"], scope: scope, sha256: row["token_sha256"],
                    createdAt: Timestamp(microseconds: row["created_at"]))
            }
        }
    }
}
