import GRDB
import Logging

/// Schema 20's `lead_path`: each lead's own visitors' paths (``VisitorPath``) in one row, by lead id, so a report reads
/// a period's leads where they lie together instead of a `visitor_path` row per visitor, scattered
/// (`schema/0020_lead_paths_and_session_keys.sql`). A row is the visitors' `visitor_path.touches` in visitor order,
/// each after its byte count (4 bytes, little-endian); a lead without touches has no row.
enum LeadPath {
    /// Appends one visitor's path to a lead's row.
    static func append(visitorPath: UnsafeRawBufferPointer, to row: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(visitorPath.count).littleEndian) { row.append(contentsOf: $0) }
        row.append(contentsOf: visitorPath)
    }

    /// Each visitor's path of a lead's row, in order. A row that does not end with a whole path is refused.
    static func forEachVisitor(in row: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var offset = 0
        while offset < row.count {
            guard row.count - offset >= 4 else { throw corrupt(row.count) }
            let count = Int(UInt32(littleEndian: row.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            guard row.count - offset - 4 >= count else { throw corrupt(row.count) }
            try body(UnsafeRawBufferPointer(rebasing: row[(offset + 4)..<(offset + 4 + count)]))
            offset += 4 + count
        }
    }

    private static func corrupt(_ count: Int) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a lead path of \(count) bytes")
    }
}

extension SQLiteStore {
    /// Whether `lead_path` follows the visitor paths: the table exists (schema 20) and no lead is noted stale. Its
    /// rows are then current whenever the visitor paths are (``visitorPathsAreCurrent(_:)``, asked apart).
    static func leadPathsFollowVisitorPaths(_ db: Database) throws -> Bool {
        guard try db.tableExists("lead_path") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM lead_path_stale)") ?? false
    }

    /// Notes as stale the leads of the visitors `visitors` (a query of one `visitor` column) gives: their paths are
    /// about to be written again.
    static func noteLeadPaths(_ db: Database, ofVisitors visitors: String, arguments: StatementArguments) throws {
        guard try db.tableExists("lead_path") else { return }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO lead_path_stale (lead_id)
                SELECT lead_id FROM lead_visitor WHERE visitor IN (\(visitors))
                """, arguments: arguments)
    }

    /// Writes again the `lead_path` rows of the stale leads (the triggers note a lead whose visitors change,
    /// ``noteLeadPaths(_:ofVisitors:arguments:)`` one whose visitors' paths change), or every row. Run by
    /// ``keepVisitorPaths(_:)``, after the visitor paths.
    static func keepLeadPaths(_ db: Database, rebuildingAll: Bool) throws {
        guard try db.tableExists("lead_path") else { return }
        let started = ContinuousClock.now
        var written = 0
        // The visitors' paths are read in visitor order (a lookup each, but in the order the rows lie: half the time
        // of reading them in lead order), gathered by lead, and written in lead order.
        let rows: RawRows
        if rebuildingAll {
            try db.execute(sql: "DELETE FROM lead_path")
            rows = try RawRows(
                db,
                sql: """
                    SELECT lv.lead_id, vp.touches FROM lead_visitor AS lv INDEXED BY lead_visitor_by_visitor
                    CROSS JOIN visitor_path AS vp ON vp.visitor = lv.visitor ORDER BY lv.visitor
                    """, arguments: [])
        } else {
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM lead_path_stale)") ?? false else { return }
            try db.execute(sql: "DELETE FROM lead_path WHERE lead_id IN (SELECT lead_id FROM lead_path_stale)")
            rows = try RawRows(
                db,
                sql: """
                    WITH stale AS MATERIALIZED (
                        SELECT lv.lead_id, lv.visitor FROM lead_path_stale AS stale
                        CROSS JOIN lead_visitor AS lv ON lv.lead_id = stale.lead_id ORDER BY lv.visitor
                    )
                    SELECT stale.lead_id, vp.touches
                    FROM stale CROSS JOIN visitor_path AS vp ON vp.visitor = stale.visitor
                    """, arguments: [])
        }
        // Each lead's visitors come in visitor order, as its row keeps them.
        var byLead: [Int64: [UInt8]] = [:]
        while let next = try rows.next() {
            LeadPath.append(visitorPath: next.blob(1), to: &byLead[next.int64(0), default: []])
        }
        for lead in byLead.keys.sorted() {
            var insert = try BoundStatement(db, sql: "INSERT INTO lead_path (lead_id, paths) VALUES (?, ?)")
            insert.bind(lead)
            byLead[lead]?.withUnsafeBytes { insert.bind(blob: $0) }
            try insert.execute()
            written += 1
        }
        try db.execute(sql: "DELETE FROM lead_path_stale")
        pathLogger.info("lead paths: \(written) written in \(ContinuousClock.now - started)")
    }
}
