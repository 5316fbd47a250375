import Foundation
import GRDB
import LeadTrailJourneys
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

    /// Schema 17's and 20's tables, derived from the touches by the store (`schema/0017_visitor_paths.sql`,
    /// `schema/0020_lead_paths_and_session_keys.sql`): a dump holds not their bytes (which carry touch ids and the mark)
    /// but ``visitorPathVerdict(_:)``.
    static let derived: Set<String> = [
        "visitor_path", "visitor_path_stale", "visitor_path_mark", "lead_path", "lead_path_stale", "touch_day",
        "touch_day_stale", "dropped_form",
    ]

    /// `Channel.allCases`' names in order: schema 17 keeps a touch's channel as its position in that list.
    static let channels = [
        "direct", "paid_social", "organic_social", "paid_search", "organic_search", "email", "referral", "display",
        "other",
    ]

    /// One touch as schema 17 and 20 keep it, from its row.
    private struct Touch {
        var id: Int64
        var at: Int64
        var isForm: Bool
        var channel: String
        var campaignID: Int64?
        var utm: [String?]
    }

    /// A visitor's touches (in journey order) packed as schema 20 keeps them: 26 bytes each, 42 with the session key
    /// of the touches the same-session rule may compare (a form's and those in the 30 minutes before it).
    private static func packed(_ touches: [Touch]) -> [UInt8] {
        var compared = Set<Int64>()
        SessionRule.comparedTouches(in: touches, id: \.id, at: \.at, isForm: \.isForm) { compared.insert($0) }
        var bytes: [UInt8] = []
        for touch in touches {
            let key = compared.contains(touch.id) ? SessionKey(utm: touch.utm) : nil
            withUnsafeBytes(of: touch.id.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: touch.at.littleEndian) { bytes += $0 }
            bytes.append((touch.isForm ? 1 : 0) | (key == nil ? 0 : 2))
            bytes.append(channels.firstIndex(of: touch.channel).map(UInt8.init) ?? 255)
            withUnsafeBytes(of: (touch.campaignID ?? -1).littleEndian) { bytes += $0 }
            if let key {
                withUnsafeBytes(of: key.high.littleEndian) { bytes += $0 }
                withUnsafeBytes(of: key.low.littleEndian) { bytes += $0 }
            }
        }
        return bytes
    }

    /// Whether the store kept its visitor and lead paths exactly as the touches and leads give them, rebuilt here
    /// from the touch and lead-visitor tables on their own: one line for the dump, and a failed expectation of the
    /// test when they differ.
    static func visitorPathVerdict(_ db: Database) throws -> String {
        guard try db.tableExists("visitor_path") else { return "" }
        var byVisitor: [String: [Touch]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT visitor, id, at, origin, channel, campaign_id,
                    utm_source, utm_medium, utm_campaign, utm_content, utm_term
                FROM touch ORDER BY visitor, at, record_key
                """)
        while let row = try rows.next() {
            byVisitor[row[0], default: []].append(
                Touch(
                    id: row[1], at: row[2], isForm: (row[3] as String) == "form", channel: row[4], campaignID: row[5],
                    utm: (6...10).map { row[$0] as String? }))
        }
        let expected = byVisitor.mapValues { (first: $0[0].at, last: $0[$0.count - 1].at, bytes: packed($0)) }
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
        if try db.tableExists("lead_path") {
            // Each lead's own visitors' paths in visitor order, each after its 4-byte length; none without touches.
            var leads: [Int64: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lead_id, visitor FROM lead_visitor ORDER BY lead_id, visitor")
            {
                guard let path = expected[row[1] as String]?.bytes else { continue }
                withUnsafeBytes(of: UInt32(path.count).littleEndian) { leads[row[0], default: []] += $0 }
                leads[row[0], default: []] += path
            }
            var kept: [Int64: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lead_id, paths FROM lead_path") {
                kept[row[0]] = [UInt8]((row[1] as Data?) ?? Data())
            }
            for lead in Set(leads.keys).union(kept.keys).sorted() where leads[lead] != kept[lead] {
                problems.append("lead \(lead)'s row of lead_path differs from its visitors' paths")
            }
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM lead_path_stale") != 0 {
                problems.append("leads left stale")
            }
        }
        if try db.tableExists("touch_day") {
            problems += try touchDayProblems(db, byVisitor: byVisitor)
        }
        let verdict = problems.isEmpty ? "as the touches give them" : problems.prefix(5).joined(separator: "; ")
        if !problems.isEmpty { Issue.record("schema 17's, 20's and 22's kept tables: \(verdict)") }
        return "-- visitor paths: \(verdict)\n"
    }

    /// Schema 22's tables against the touches: each UTC day's touches by channel and campaign counted here, and the
    /// forms the same-session rule drops judged here over each visitor's whole history (keys from the raw UTM values).
    private static func touchDayProblems(_ db: Database, byVisitor: [String: [Touch]]) throws -> [String] {
        var problems: [String] = []
        let kept = try Row.fetchAll(
            db, sql: "SELECT day, channel, campaign_id, touches FROM touch_day ORDER BY day, channel, campaign_id")
        let counted = try Row.fetchAll(
            db,
            sql: """
                SELECT (at - (at < 0) * 86399999999) / 86400000000 AS day, channel,
                    coalesce(campaign_id, -1) AS campaign, count(*)
                FROM touch GROUP BY day, channel, campaign ORDER BY day, channel, campaign
                """)
        if kept.map({ Array($0.databaseValues) }) != counted.map({ Array($0.databaseValues) }) {
            problems.append("touch_day differs from the touches counted by day")
        }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM touch_day_stale") != 0 {
            problems.append("days left stale")
        }
        var dropped: [String] = []
        for touches in byVisitor.values {
            let keptPositions = Set(
                SessionRule.kept(touches, at: \.at, isForm: \.isForm) { earlier, form in
                    SessionKey(utm: touches[earlier].utm) == SessionKey(utm: touches[form].utm)
                })
            for (position, touch) in touches.enumerated() where touch.isForm && !keptPositions.contains(position) {
                dropped.append("\(touch.id) \(touch.at) \(touch.channel) \(touch.campaignID.map(String.init) ?? "-")")
            }
        }
        let keptDropped = try Row.fetchAll(db, sql: "SELECT touch_id, at, channel, campaign_id FROM dropped_form").map {
            "\($0[0] as Int64) \($0[1] as Int64) \($0[2] as String) \(($0[3] as Int64?).map(String.init) ?? "-")"
        }
        if keptDropped.sorted() != dropped.sorted() {
            problems.append("dropped_form differs from the forms the same-session rule drops")
        }
        return problems
    }

    /// Runs a statement on the database (to set up a situation the binary must cope with).
    static func execute(_ file: URL, sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }
}
