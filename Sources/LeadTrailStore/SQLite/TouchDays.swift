import GRDB
import LeadTrailCore
import LeadTrailJourneys

/// Schema 22's kept counts (`schema/0022_touch_days.sql`): the touches of each UTC day by channel and campaign
/// (`touch_day`), and the form touches the same-session rule drops (`dropped_form`). A report that only counts its
/// period's touches sums the days instead of walking every touch of the period
/// (``SQLiteStore/touchDaysAreKept(_:)``).
///
/// Both are kept by ``SQLiteStore/keepVisitorPaths(_:)``, in the transaction that changes the touches: it counts the
/// touches added since the paths' mark as it reads them (``Counts``), counts again from the time index the days the
/// triggers noted, and judges the forms of every visitor whose path it writes
/// (``SQLiteStore/keepDroppedForms(_:keys:_:)``).
enum TouchDay {
    /// A day in microseconds.
    static let length: Int64 = 86_400_000_000

    /// The UTC day of a time in microseconds, rounded down (as the schema's `(at - (at < 0) * 86399999999) /
    /// 86400000000`).
    static func day(of at: Int64) -> Int64 {
        at >= 0 ? at / length : (at - (length - 1)) / length
    }

    /// The first time of a day.
    static func start(of day: Int64) -> Int64 { day * length }

    /// ``day(of:)`` in SQL, for a column of times (the schema's triggers and upgrade write the same expression).
    static func sql(ofColumn column: String) -> String {
        "(\(column) - (\(column) < 0) * \(length - 1)) / \(length)"
    }

    /// Touches counted by day, channel and campaign id as a write's pass over its visitors reads them.
    struct Counts {
        /// The touches after this id are counted; nil counts every touch (a rebuild).
        let after: Int64?
        /// The texts of channels this build does not know, as bytes: numbered after `Channel.allCases`.
        private var unknownChannels: [[UInt8]] = []
        private var counts: [Key: Int64] = [:]

        private struct Key: Hashable {
            var day: Int64
            var channel: Int
            var campaign: Int64
        }

        init(after: Int64?) {
            self.after = after
        }

        /// Counts a touch read by the pass (an older one, not added by this write, is skipped). `channelPosition` is
        /// the pass's own lookup of `channel` (``TouchKeys/ChannelPositions``); the text is kept only when it is -1.
        mutating func add(
            id: Int64, at: Int64, channelPosition: Int, channel: UnsafeBufferPointer<UInt8>, campaign: Int64?
        ) {
            if let after, id <= after { return }
            var index = channelPosition
            if index < 0 {
                let unknown = unknownChannels.firstIndex { $0.elementsEqual(channel) } ?? unknownChannels.count
                if unknown == unknownChannels.count { unknownChannels.append(Array(channel)) }
                index = Channel.allCases.count + unknown
            }
            counts[Key(day: TouchDay.day(of: at), channel: index, campaign: campaign ?? -1), default: 0] += 1
        }

        /// Adds the counts to `touch_day`, but for the days noted stale: those are counted again from the index.
        func write(_ db: Database, skipping staleDays: Set<Int64>) throws {
            guard !counts.isEmpty else { return }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO touch_day (day, channel, campaign_id, touches) VALUES (?, ?, ?, ?)
                    ON CONFLICT (day, channel, campaign_id) DO UPDATE SET touches = touches + excluded.touches
                    """)
            let names =
                Channel.allCases.map(\.rawValue) + unknownChannels.map { String(decoding: $0, as: UTF8.self) }
            for (key, count) in counts where !staleDays.contains(key.day) {
                try statement.execute(arguments: [key.day, names[key.channel], key.campaign, count])
            }
        }
    }
}

extension SQLiteStore {
    /// Whether `touch_day` and `dropped_form` (schema 22) hold every touch as it stands, given that the visitor paths
    /// are current (``visitorPathsAreCurrent(_:)``, which the caller asks: no touch added or changed since the last
    /// write kept them): the tables exist and no day is stale.
    static func touchDaysAreKept(_ db: Database) throws -> Bool {
        guard try db.tableExists("touch_day") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM touch_day_stale)") ?? false
    }

    /// Brings `touch_day` up to date at the end of a write: the touches the pass counted, then every stale day
    /// counted again from the time index. A rebuild (`counted.after == nil`) starts from an empty table.
    static func keepTouchDays(_ db: Database, counted: TouchDay.Counts) throws {
        guard try db.tableExists("touch_day") else { return }
        let stale = Set(try Int64.fetchAll(db, sql: "SELECT day FROM touch_day_stale"))
        try counted.write(db, skipping: stale)
        guard !stale.isEmpty else { return }
        try db.execute(sql: "DELETE FROM touch_day WHERE day IN (SELECT day FROM touch_day_stale)")
        try db.execute(
            sql: """
                INSERT INTO touch_day (day, channel, campaign_id, touches)
                SELECT stale.day, touch.channel, coalesce(touch.campaign_id, -1), count(*)
                FROM touch_day_stale AS stale
                CROSS JOIN touch INDEXED BY touch_by_time
                    ON touch.at >= stale.day * \(TouchDay.length) AND touch.at < (stale.day + 1) * \(TouchDay.length)
                GROUP BY 1, 2, 3
                """)
        try db.execute(sql: "DELETE FROM touch_day_stale")
    }

    /// Empties schema 22's tables before a rebuild of every path: the rebuild counts every touch and judges every form.
    static func clearTouchDays(_ db: Database) throws {
        guard try db.tableExists("touch_day") else { return }
        try db.execute(sql: "DELETE FROM touch_day")
        try db.execute(sql: "DELETE FROM touch_day_stale")
        try db.execute(sql: "DELETE FROM dropped_form")
    }

    /// Writes which of a visitor's form touches the same-session rule drops
    /// (``SessionRule/kept(_:at:isForm:isSameSession:)`` over its whole path, in the path's order) into
    /// `dropped_form`: a dropped form's row from its touch, a kept form's row removed. `keys` holds the session keys
    /// of the touches the rule compares. Only on schema 22.
    static func keepDroppedForms(_ touches: [VisitorPath.Touch], keys: [Int64: SessionKey], _ db: Database) throws {
        guard touches.contains(where: \.isForm) else { return }
        let kept = Set(
            SessionRule.kept(touches, at: \.at, isForm: \.isForm) { earlier, form in
                guard let earlier = keys[touches[earlier].id], let form = keys[touches[form].id] else { return false }
                return earlier == form
            })
        let drop = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO dropped_form (touch_id, at, channel, campaign_id)
                SELECT id, at, channel, campaign_id FROM touch WHERE id = ?
                """)
        let keep = try db.cachedStatement(sql: "DELETE FROM dropped_form WHERE touch_id = ?")
        for (position, touch) in touches.enumerated() where touch.isForm {
            try (kept.contains(position) ? keep : drop).execute(arguments: [touch.id])
        }
    }
}
