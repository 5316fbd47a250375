#if Postgres
public import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    /// How many clicks one multi-row INSERT of ``addTouches(_:)`` carries (16 values each, far under the protocol's
    /// 65,535 parameters).
    static let touchesPerInsert = 500
    /// How many clicks ``addTouchesInOneStatement(_:)`` carries at most: as many as the server's writer groups.
    static let clicksPerStatement = 1024

    /// Stores several clicks in one write transaction: all of them land, or none does.
    ///
    /// `leadtrail serve` gathers the clicks that arrive while it commits the previous ones and writes them together
    /// (a group commit). A group of at most ``clicksPerStatement`` clicks goes in one statement, one round trip
    /// (``addTouchesInOneStatement(_:)``); a larger group, or one that statement declines, in a transaction with one
    /// multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING` per 500 clicks. Returns, for each touch in order, whether
    /// it was new (false when a touch with its key was stored already, or came earlier in the same call).
    public func addTouches(_ touches: [Touch]) throws -> [Bool] {
        guard !touches.isEmpty else { return [] }
        let inserted: Set<String>
        if touches.count <= Self.clicksPerStatement, let keys = try addTouchesInOneStatement(touches) {
            inserted = keys
        } else {
            inserted = try addTouchesInTransaction(touches)
        }
        // The first touch of a key inserted is the new one; a later one with its key was not.
        var answered = Set<String>()
        return touches.map { touch in inserted.contains(touch.key) && answered.insert(touch.key).inserted }
    }

    /// ``addTouches(_:)`` the transaction way: the keys of the touches inserted.
    func addTouchesInTransaction(_ touches: [Touch]) throws -> Set<String> {
        try write { db in
            var campaigns: [String: Int64] = [:]
            var inserted = Set<String>()
            for start in stride(from: 0, to: touches.count, by: Self.touchesPerInsert) {
                let chunk = touches[start..<min(start + Self.touchesPerInsert, touches.count)]
                var arguments: [(any SQLBindable)?] = []
                arguments.reserveCapacity(chunk.count * 16)
                for touch in chunk {
                    let campaign = try Self.campaignID(db, for: touch, batchID: nil, campaigns: &campaigns)
                    arguments += Self.touchValues(touch, origin: "click", campaignID: campaign, batchID: nil)
                }
                let rows = Array(repeating: "(\(questionMarks(count: 16)))", count: chunk.count)
                    .joined(separator: ", ")
                // A key twice in one statement: the second row finds the first and is skipped.
                inserted.formUnion(
                    try db.column(
                        String.self,
                        sql: """
                            INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium,
                                               utm_campaign, utm_content, utm_term, click_id_type, click_id, channel,
                                               origin, campaign_id, batch_id)
                            VALUES \(rows)
                            ON CONFLICT (record_key) DO NOTHING RETURNING record_key
                            """, arguments: arguments))
            }
            return inserted
        }
    }
}
#endif
