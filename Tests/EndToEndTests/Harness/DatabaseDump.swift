import Foundation
import GRDB
import Testing

/// The whole content of a database as text, so a test can say "the database is unchanged" by comparing two dumps.
///
/// Lists the schema (`sqlite_master`), then every table in name order with every row ordered by all its columns,
/// each value as SQLite text (`'text'`, `12`, `NULL`).
enum DatabaseDump {
    /// The dump of every table but those `excluded` (e.g. `import_batch`, which keeps an undone batch as history).
    static func of(_ file: URL, excluding excluded: Set<String> = []) throws -> String {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: file.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var out = "-- schema\n"
            for row in try Row.fetchAll(
                db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name")
            {
                out += row.databaseValues.map(\.description).joined(separator: " | ") + "\n"
            }
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            out += try visitorPathVerdict(db)
            for table in tables where !excluded.contains(table) && !derived.contains(table) {
                let columns = try db.columns(in: table).map(\.name)
                let order = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order)")
                out += "-- table \(table) (\(columns.joined(separator: ", "))): \(rows.count) rows\n"
                for row in rows {
                    out += row.databaseValues.map(\.description).joined(separator: " | ") + "\n"
                }
            }
            return out
        }
    }

    /// Schema 17's tables, derived from the touches by the store (`schema/0017_visitor_paths.sql`): a dump holds
    /// not their bytes (which carry touch ids and the mark) but ``visitorPathVerdict(_:)``.
    static let derived: Set<String> = ["visitor_path", "visitor_path_stale", "visitor_path_mark"]

    /// `Channel.allCases`' names in order: schema 17 keeps a touch's channel as its position in that list.
    static let channels = [
        "direct", "paid_social", "organic_social", "paid_search", "organic_search", "email", "referral", "display",
        "other",
    ]

    /// Whether the store kept its visitor paths exactly as the touches give them, rebuilt here from the touch table
    /// on their own: one line for the dump, and a failed expectation of the test when they differ.
    static func visitorPathVerdict(_ db: Database) throws -> String {
        guard try db.tableExists("visitor_path") else { return "" }
        var expected: [String: (first: Int64, last: Int64, bytes: [UInt8])] = [:]
        let touches = try Row.fetchCursor(
            db,
            sql: """
                SELECT visitor, id, at, origin, channel, campaign_id FROM touch ORDER BY visitor, at, record_key
                """)
        while let row = try touches.next() {
            let visitor: String = row[0]
            let at: Int64 = row[2]
            var entry = expected[visitor] ?? (at, at, [])
            entry.last = at
            withUnsafeBytes(of: (row[1] as Int64).littleEndian) { entry.bytes += $0 }
            withUnsafeBytes(of: at.littleEndian) { entry.bytes += $0 }
            entry.bytes.append((row[3] as String) == "form" ? 1 : 0)
            entry.bytes.append(channels.firstIndex(of: row[4] as String).map(UInt8.init) ?? 255)
            withUnsafeBytes(of: ((row[5] as Int64?) ?? -1).littleEndian) { entry.bytes += $0 }
            expected[visitor] = entry
        }
        var problems: [String] = []
        var seen = Set<String>()
        for row in try Row.fetchAll(db, sql: "SELECT visitor, first_at, last_at, touches FROM visitor_path") {
            let visitor: String = row[0]
            seen.insert(visitor)
            let bytes = [UInt8]((row[3] as Data?) ?? Data())
            if let entry = expected[visitor] {
                if entry.first != row[1] || entry.last != row[2] || entry.bytes != bytes {
                    problems.append("visitor \(visitor)'s path differs from its touches")
                }
            } else {
                problems.append("visitor \(visitor) has a path and no touches")
            }
        }
        for visitor in expected.keys.sorted() where !seen.contains(visitor) {
            problems.append("visitor \(visitor) has touches and no path")
        }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM visitor_path_stale") != 0 {
            problems.append("visitors left stale")
        }
        if try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM touch")
            != Int64.fetchOne(db, sql: "SELECT through FROM visitor_path_mark")
        {
            problems.append("the mark is not the highest touch id")
        }
        let verdict = problems.isEmpty ? "as the touches give them" : problems.prefix(5).joined(separator: "; ")
        if !problems.isEmpty { Issue.record("schema 17's visitor paths: \(verdict)") }
        return "-- visitor paths: \(verdict)\n"
    }

    /// Runs a statement on the database (to set up a situation the binary must cope with).
    static func execute(_ file: URL, sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }
}
