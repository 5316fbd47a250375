#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailStore

extension PostgresImportWriter {
    /// How many clicks one multi-row INSERT carries (16 values each, well under the protocol's 65,535).
    static let clicksPerInsert = 500

    /// Clicks in bulk: one query finds which keys exist; the new clicks go in multi-row INSERTs; the rest (a key
    /// already there, or one another writer added a moment ago) take `addClick`'s path one by one. The outcomes are
    /// those of `addClick` on each click in turn.
    func addClicks(_ touches: [Touch]) throws -> [WriteOutcome] {
        guard touches.count > 1 else { return try touches.map { try addClick($0) } }
        let keys = String(decoding: try JSONSerialization.data(withJSONObject: touches.map(\.key)), as: UTF8.self)
        let existing = Set(
            try db.column(
                String.self,
                sql: "SELECT record_key FROM touch WHERE record_key IN (SELECT jsonb_array_elements_text(?::jsonb))",
                arguments: [keys]))
        var outcomes: [WriteOutcome?] = Array(repeating: nil, count: touches.count)
        var fresh: [Int] = []
        var freshKeys = Set<String>()
        for (index, touch) in touches.enumerated() where !existing.contains(touch.key) {
            // A key twice in the chunk: the first is new, the second finds it (as `addClick` in turn would).
            if freshKeys.insert(touch.key).inserted { fresh.append(index) }
        }
        for start in stride(from: 0, to: fresh.count, by: Self.clicksPerInsert) {
            let chunk = fresh[start..<min(start + Self.clicksPerInsert, fresh.count)]
            var arguments: [(any SQLBindable)?] = []
            arguments.reserveCapacity(chunk.count * 16)
            for index in chunk {
                let touch = touches[index]
                let campaign = try PostgresStore.campaignID(db, for: touch, batchID: batchID, campaigns: &campaignIDs)
                arguments += PostgresStore.touchValues(touch, origin: "click", campaignID: campaign, batchID: batchID)
            }
            let rows = Array(repeating: "(\(questionMarks(count: 16)))", count: chunk.count).joined(separator: ", ")
            let inserted = Set(
                try db.column(
                    String.self,
                    sql: """
                        INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign,
                                           utm_content, utm_term, click_id_type, click_id, channel, origin, campaign_id,
                                           batch_id)
                        VALUES \(rows)
                        ON CONFLICT (record_key) DO NOTHING RETURNING record_key
                        """, arguments: arguments))
            for index in chunk where inserted.contains(touches[index].key) { outcomes[index] = .imported }
        }
        return try touches.indices.map { index in
            if let outcome = outcomes[index] { return outcome }
            return try addClick(touches[index])
        }
    }
}
#endif
