import Foundation
import GRDB
import LeadTrailJourneys
import Logging

/// Schema 17's `visitor_path`: each visitor's touches in journey order (time, then record key), packed 26 bytes a
/// touch (`schema/0017_visitor_paths.sql`), 42 for a touch that carries its session key (schema 20,
/// `schema/0020_lead_paths_and_session_keys.sql`). A report over a long period reads one row per visitor instead of
/// a row of the visitor index per touch (a year of the benchmark data: 0.25 s against 2 s of SQLite's work alone),
/// and compares the kept session keys instead of reading the UTM values of the touch table.
///
/// The rows are derived from the touch table alone and kept in the transaction that changes it
/// (``SQLiteStore/keepVisitorPaths(_:)``); a report uses them only when ``SQLiteStore/visitorPathsAreCurrent(_:)``,
/// and reads the touch table otherwise, so a write that forgot them would make reports slower, never different.
enum VisitorPath {
    static let touchSize = 26
    static let keySize = 16
    private static let noCampaign: Int64 = -1
    private static let formFlag: UInt8 = 1
    private static let keyFlag: UInt8 = 2

    /// One kept touch: the columns a report keys a touch by (``TouchKeys``), without the UTM values.
    struct Touch: Equatable {
        var id: Int64
        var at: Int64
        var isForm: Bool
        /// Position in `Channel.allCases`, −1 for a channel name this build does not know.
        var channelPosition: Int
        var campaignID: Int64?
        /// Its UTM values' key, kept for the touches the same-session rule may compare
        /// (``SessionRule/comparedTouches(in:id:at:isForm:_:)`` over the visitor's whole history); nil for the others.
        var session: SessionKey?
    }

    /// Appends a touch's bytes to a path.
    static func append(_ touch: Touch, to path: inout [UInt8]) {
        withUnsafeBytes(of: touch.id.littleEndian) { path.append(contentsOf: $0) }
        withUnsafeBytes(of: touch.at.littleEndian) { path.append(contentsOf: $0) }
        path.append((touch.isForm ? formFlag : 0) | (touch.session == nil ? 0 : keyFlag))
        path.append(touch.channelPosition < 0 ? 255 : UInt8(truncatingIfNeeded: touch.channelPosition))
        withUnsafeBytes(of: (touch.campaignID ?? noCampaign).littleEndian) { path.append(contentsOf: $0) }
        if let session = touch.session {
            withUnsafeBytes(of: session.high.littleEndian) { path.append(contentsOf: $0) }
            withUnsafeBytes(of: session.low.littleEndian) { path.append(contentsOf: $0) }
        }
    }

    /// The touches of a path, in its order. A blob that does not end with a whole touch is refused.
    static func forEach(in path: UnsafeRawBufferPointer, _ body: (Touch) throws -> Void) throws {
        var offset = 0
        while offset < path.count {
            let flags = path.count - offset >= touchSize ? path[offset + 16] : 0
            let size = flags & keyFlag == 0 ? touchSize : touchSize + keySize
            guard path.count - offset >= size else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a visitor path of \(path.count) bytes")
            }
            func int64(_ at: Int) -> Int64 {
                Int64(littleEndian: path.loadUnaligned(fromByteOffset: offset + at, as: Int64.self))
            }
            let channel = path[offset + 17]
            let campaign = int64(18)
            try body(
                Touch(
                    id: int64(0), at: int64(8), isForm: flags & formFlag != 0,
                    channelPosition: channel == 255 ? -1 : Int(channel),
                    campaignID: campaign == noCampaign ? nil : campaign,
                    session: flags & keyFlag == 0
                        ? nil : SessionKey(high: UInt64(bitPattern: int64(26)), low: UInt64(bitPattern: int64(34)))))
            offset += size
        }
    }
}

extension SQLiteStore {
    /// Whether `visitor_path` holds every touch as it stands: the table exists (schema 17), no visitor's touches
    /// changed since its row was written, and no touch is newer than the rows.
    static func visitorPathsAreCurrent(_ db: Database) throws -> Bool {
        guard try db.tableExists("visitor_path_mark") else { return false }
        return try Bool.fetchOne(
            db,
            sql: """
                SELECT NOT EXISTS (SELECT 1 FROM visitor_path_stale)
                    AND coalesce((SELECT max(id) FROM touch), 0) <= (SELECT through FROM visitor_path_mark)
                """) ?? false
    }

    /// Rewrites the `visitor_path` rows of the visitors whose touches changed (``visitorPathsAreCurrent(_:)``
    /// tells which): those with touches above the mark, and those the triggers noted. Run at the end of every write
    /// transaction; into an empty table (a first large file of clicks, the upgrade) every row is written in one pass
    /// over the visitor index instead. Then the leads' rows (``keepLeadPaths(_:rebuildingAll:)``).
    static func keepVisitorPaths(_ db: Database) throws {
        guard try db.tableExists("visitor_path_mark") else { return }
        let through = try Int64.fetchOne(db, sql: "SELECT through FROM visitor_path_mark") ?? 0
        let last = try lastTouchID(db)
        let hasStale = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM visitor_path_stale)") ?? false
        guard last > through || hasStale else {
            if last != through { try db.execute(sql: "UPDATE visitor_path_mark SET through = ?", arguments: [last]) }
            try keepTouchDays(db, counted: TouchDay.Counts(after: through))
            try keepLeadPaths(db, rebuildingAll: false)
            return
        }
        let keepsDays = try db.tableExists("touch_day")
        let started = ContinuousClock.now
        var written = 0
        let columns = "touch.visitor, touch.id, touch.at, touch.origin = 'form', touch.channel, touch.campaign_id"
        let rows: RawRows
        let rebuildsAll = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM visitor_path)") ?? true
        // Schema 22's day counts take the touches this write added (every one, on a rebuild).
        var days = TouchDay.Counts(after: rebuildsAll ? nil : through)
        if rebuildsAll {
            // The first touches (a first file, the upgrade): every row, from the index in its order.
            try clearTouchDays(db)
            rows = try RawRows(
                db, sql: "SELECT \(columns) FROM touch INDEXED BY touch_by_visitor ORDER BY visitor, at, record_key",
                arguments: [])
        } else {
            // The visitors of new touches and of changed ones, each once (the outer loop); each one's touches come
            // from the index in its order. No ORDER BY: sorting a second year's 3M rows cost more than the rest.
            let changed = "SELECT visitor FROM touch WHERE id > ?1 UNION SELECT visitor FROM visitor_path_stale"
            try noteLeadPaths(db, ofVisitors: changed, arguments: [through])
            try db.execute(sql: "DELETE FROM visitor_path WHERE visitor IN (\(changed))", arguments: [through])
            rows = try RawRows(
                db,
                sql: """
                    SELECT \(columns) FROM (\(changed)) AS changed
                    CROSS JOIN touch INDEXED BY touch_by_visitor ON touch.visitor = changed.visitor
                    """, arguments: [through])
        }
        var channels = TouchKeys.ChannelPositions()
        var visitor: [UInt8] = []
        var touches: [VisitorPath.Touch] = []
        var path: [UInt8] = []
        // The touches the same-session rule may compare carry their key (a form's and those in its window): their
        // visitors wait, a few thousand at a time, for their keys (``sessionKeys(of:_:)``).
        var waiting: [(visitor: String, touches: [VisitorPath.Touch])] = []
        var compared: [Int64] = []
        func insert(_ visitor: String, _ touches: [VisitorPath.Touch], keys: [Int64: SessionKey]) throws {
            guard let first = touches.first, let last = touches.last else { return }
            path.removeAll(keepingCapacity: true)
            for var touch in touches {
                touch.session = keys[touch.id]
                VisitorPath.append(touch, to: &path)
            }
            var insert = try BoundStatement(
                db, sql: "INSERT INTO visitor_path (visitor, first_at, last_at, touches) VALUES (?, ?, ?, ?)")
            insert.bind(visitor)
            insert.bind(first.at)
            insert.bind(last.at)
            path.withUnsafeBytes { insert.bind(blob: $0) }
            try insert.execute()
            written += 1
            if keepsDays { try keepDroppedForms(touches, keys: keys, db) }
        }
        func flush() throws {
            guard !waiting.isEmpty else { return }
            let keys = try sessionKeys(of: compared, db)
            for (visitor, touches) in waiting { try insert(visitor, touches, keys: keys) }
            waiting.removeAll(keepingCapacity: true)
            compared.removeAll(keepingCapacity: true)
        }
        func write() throws {
            guard !touches.isEmpty else { return }
            let before = compared.count
            SessionRule.comparedTouches(in: touches, id: \.id, at: \.at, isForm: \.isForm) { compared.append($0) }
            let name = String(decoding: visitor, as: UTF8.self)
            guard compared.count > before else { return try insert(name, touches, keys: [:]) }
            waiting.append((name, touches))
            if compared.count >= 10_000 { try flush() }
        }
        while let row = try rows.next() {
            let bytes = row.bytes(0)
            let at = row.int64(2)
            if touches.isEmpty || !bytes.elementsEqual(visitor) {
                try write()
                visitor.replaceSubrange(visitor.indices, with: bytes)
                touches.removeAll(keepingCapacity: true)
            } else if let last = touches.last, at < last.at {
                throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "a visitor's touches came out of time order")
            }
            let id = row.int64(1)
            let channel = row.bytes(4)
            let position = channels.position(of: channel)
            let campaign = row.optionalInt64(5)
            if keepsDays {
                days.add(id: id, at: at, channelPosition: position, channel: channel, campaign: campaign)
            }
            touches.append(
                VisitorPath.Touch(
                    id: id, at: at, isForm: row.int64(3) != 0, channelPosition: position, campaignID: campaign))
        }
        try write()
        try flush()
        try keepTouchDays(db, counted: days)
        try db.execute(sql: "DELETE FROM visitor_path_stale")
        try db.execute(sql: "UPDATE visitor_path_mark SET through = ?", arguments: [last])
        pathLogger.info("visitor paths: \(written) written in \(ContinuousClock.now - started)")
        try keepLeadPaths(db, rebuildingAll: rebuildsAll)
    }

    /// Says what keeping the paths cost (`LEADTRAIL_LOG=info`).
    static let pathLogger = StoreLogger.make("leadtrail.store")

    /// The session keys of the touches `ids` names (any order, repeats allowed), read in one query in id order: one
    /// lookup at a time cost three times SQLite's own work. A touch that no longer exists has none.
    static func sessionKeys(of ids: [Int64], _ db: Database) throws -> [Int64: SessionKey] {
        guard !ids.isEmpty else { return [:] }
        let list = idList(Set(ids).sorted())
        let rows = try RawRows(
            db,
            sql: """
                SELECT touch.id, touch.utm_source, touch.utm_medium, touch.utm_campaign, touch.utm_content,
                    touch.utm_term
                FROM json_each(?) AS wanted CROSS JOIN touch ON touch.id = wanted.value
                """, arguments: [list])
        var keys: [Int64: SessionKey] = [:]
        while let row = try rows.next() {
            keys[row.int64(0)] = SessionKey(utm: (1...5).map { row.text(Int32($0)) })
        }
        return keys
    }
}

extension SQLiteStore {
    /// Every visitor's path (by visitor) and every lead's (`lead_path <id>`), schema 22's day counts (`touch_day …`,
    /// rebuilt by a `GROUP BY` of the touch table) and dropped forms (`dropped_form <id>`), as kept on write, and as a
    /// rebuild from the touch and lead-visitor tables alone gives them:
    /// for tests, which require the two to be equal whatever sequence of writes came before. The rebuild runs in a
    /// transaction that is rolled back.
    package func visitorPathsKeptAndRebuilt() throws -> (kept: [String: [UInt8]], rebuilt: [String: [UInt8]]) {
        func paths(_ db: Database) throws -> [String: [UInt8]] {
            var paths: [String: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT visitor, first_at, last_at, touches FROM visitor_path") {
                var bytes = [UInt8]((row[3] as Data?) ?? Data())
                // The bounds are part of what is kept: a path whose bounds disagree with its touches differs.
                withUnsafeBytes(of: (row[1] as Int64).littleEndian) { bytes += $0 }
                withUnsafeBytes(of: (row[2] as Int64).littleEndian) { bytes += $0 }
                paths[row[0]] = bytes
            }
            if try db.tableExists("lead_path") {
                for row in try Row.fetchAll(db, sql: "SELECT lead_id, paths FROM lead_path") {
                    paths["lead_path \(row[0] as Int64)"] = [UInt8]((row[1] as Data?) ?? Data())
                }
                // A stale lead left over is a lead whose row was not written again.
                for id in try Int64.fetchAll(db, sql: "SELECT lead_id FROM lead_path_stale") {
                    paths["lead_path_stale \(id)"] = []
                }
            }
            if try db.tableExists("touch_day") {
                for row in try Row.fetchAll(db, sql: "SELECT day, channel, campaign_id, touches FROM touch_day") {
                    paths["touch_day \(row[0] as Int64) \(row[1] as String) \(row[2] as Int64)"] =
                        withUnsafeBytes(of: (row[3] as Int64).littleEndian) { Array($0) }
                }
                for day in try Int64.fetchAll(db, sql: "SELECT day FROM touch_day_stale") {
                    paths["touch_day_stale \(day)"] = []
                }
                for row in try Row.fetchAll(db, sql: "SELECT touch_id, at, channel, campaign_id FROM dropped_form") {
                    paths["dropped_form \(row[0] as Int64)"] = Array(
                        "\(row[1] as Int64) \(row[2] as String) \((row[3] as Int64?).map(String.init) ?? "-")".utf8)
                }
            }
            return paths
        }
        let queue = try writingQueue()
        var result: (kept: [String: [UInt8]], rebuilt: [String: [UInt8]]) = ([:], [:])
        try queue.writeWithoutTransaction { db in
            try db.inTransaction {
                result.kept = try paths(db)
                try db.execute(sql: "DELETE FROM visitor_path")
                try db.execute(sql: "DELETE FROM visitor_path_stale")
                try db.execute(sql: "UPDATE visitor_path_mark SET through = 0")
                try Self.keepVisitorPaths(db)
                if try db.tableExists("touch_day") {
                    // The day counts from the touch table alone, as schema 22's upgrade counts them.
                    try db.execute(sql: "DELETE FROM touch_day")
                    try db.execute(
                        sql: """
                            INSERT INTO touch_day (day, channel, campaign_id, touches)
                            SELECT \(TouchDay.sql(ofColumn: "at")), channel, coalesce(campaign_id, -1), count(*)
                            FROM touch GROUP BY 1, 2, 3
                            """)
                }
                result.rebuilt = try paths(db)
                return .rollback
            }
        }
        return result
    }
}
