#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailStore

extension PostgresImportWriter {
    /// The transaction's own table the new clicks are copied into before they join `touch`: dropped at commit or
    /// rollback.
    static let incomingClicks = "leadtrail_incoming_click"

    /// The touch columns a click fills, in the order they are copied.
    static let copiedTouchColumns = [
        "record_key", "at", "visitor", "url", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content",
        "utm_term", "click_id_type", "click_id", "channel", "campaign_id", "batch_id",
    ]

    /// Clicks in bulk: one query finds which keys exist, with what they hold; a click stored already exactly as it
    /// comes (a file imported again) is skipped there, without a statement of its own. When none of the chunk's new
    /// clicks can meet a stored key
    /// (the usual case: a new file), they are copied (`COPY … FROM STDIN`, one message for the chunk) straight into
    /// `touch`, under a savepoint; should another writer have added one of their keys a moment ago (the copy meets a
    /// unique violation), the chunk goes back to the savepoint and takes the staging path: the clicks are copied into
    /// the transaction's own table and moved from it into `touch` by one
    /// `INSERT … SELECT … ON CONFLICT (record_key) DO NOTHING`. The rest (a key already there, a key twice in the
    /// chunk) take `addClick`'s path one by one. The outcomes are those of `addClick` on each click in turn.
    func addClicks(_ touches: [Touch]) throws -> [WriteOutcome] {
        guard touches.count > 1 else { return try touches.map { try addClick($0) } }
        try PostgresStore.keepStatisticsHonest(db, of: ["touch"])
        // The chunk's clicks go to the server as one JSON list, and the server compares each with the row stored
        // under its key (the first time the key comes in the chunk): only the batch and whether it is the same come
        // back, not the stored rows (reading 14 columns of every stored click cost a re-import more than the import).
        let given = try JSONArgument.text(touches.map(Self.comparedValues))
        var stored: [String: (batchID: Int64?, same: Bool)] = [:]
        for row in try db.fetchAll(sql: Self.storedClicksQuery, arguments: [given]) {
            stored[row["record_key"]] = (row["batch_id"], row["same"])
        }
        var outcomes: [WriteOutcome?] = Array(repeating: nil, count: touches.count)
        var fresh: [Int] = []
        var freshKeys = Set<String>()
        var seenStored = Set<String>()
        for (index, touch) in touches.enumerated() {
            guard let row = stored[touch.key] else {
                // A key twice in the chunk: the first is new, the second finds it (as `addClick` in turn would).
                if freshKeys.insert(touch.key).inserted { fresh.append(index) }
                continue
            }
            // The first time a stored key comes, the same click is skipped here; another or a repeat takes
            // `addClick`'s path (the first may have changed the row).
            guard seenStored.insert(touch.key).inserted, row.same else { continue }
            if row.batchID != batchID { foundSame.append((.touch, touch.key)) }
            outcomes[index] = .skipped
        }
        if !fresh.isEmpty {
            if try copyStraight(touches, fresh) {
                for index in fresh { outcomes[index] = .imported }
            } else {
                let inserted = try copyStaged(touches, fresh)
                for index in fresh where inserted.contains(touches[index].key) { outcomes[index] = .imported }
            }
        }
        return try touches.indices.map { index in
            if let outcome = outcomes[index] { return outcome }
            return try addClick(touches[index])
        }
    }

    /// A click as the stored-click query compares it: its key, then the columns `addClick`'s probe compares, in
    /// ``comparedColumns``' order (missing values as JSON null).
    static func comparedValues(_ touch: Touch) -> [Any] {
        let texts: [String?] = [
            touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium, touch.utm.campaign,
            touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value, touch.channel.rawValue,
        ]
        return [touch.key, touch.at.microseconds] + texts.map { $0.map { $0 as Any } ?? NSNull() }
    }

    /// The text columns compared after `at`, in ``comparedValues(_:)``' order.
    static let comparedColumns = [
        "visitor", "url", "referrer", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
        "click_id_type", "click_id", "channel",
    ]

    /// For each stored key of the JSON list (its first entry in the chunk): its batch, and whether the row holds
    /// exactly that click — text byte for byte, missing values equal only missing values, as `addClick`'s probe
    /// compares them. Each key is looked up on its own through the `record_key` index (`OFFSET 0` keeps it so).
    static let storedClicksQuery: String = {
        let same = (["t.at = (c.value->>1)::bigint"]
            + comparedColumns.enumerated().map { "t.\($1) IS NOT DISTINCT FROM c.value->>\($0 + 2)" })
            .joined(separator: " AND ")
        return """
            SELECT c.value->>0 AS record_key, t.batch_id, (\(same)) AS same
            FROM (SELECT DISTINCT ON (value->>0) value
                  FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS given(value, position)
                  ORDER BY value->>0, position) AS c
            CROSS JOIN LATERAL (
                SELECT batch_id, \((["at"] + comparedColumns).joined(separator: ", ")) FROM touch
                WHERE record_key = c.value->>0 OFFSET 0
            ) AS t
            """
    }()

    /// The savepoint a chunk copied straight into `touch` can go back to.
    private static let straightCopy = "leadtrail_clicks"

    /// Copies the clicks at `fresh` (keys the probe did not find, each once) straight into `touch`, in file order,
    /// under a savepoint. Returns false, with the chunk undone to the savepoint, when one of the keys was stored by
    /// another writer after the probe.
    private func copyStraight(_ touches: [Touch], _ fresh: [Int]) throws -> Bool {
        let rows = try copyRows(touches, fresh, positions: false)
        try db.execute(sql: "SAVEPOINT \(Self.straightCopy)")
        do {
            try db.transaction.session.copy(
                into: "touch", columns: Self.copiedTouchColumns + ["origin"], rows: rows, keyTakenThrown: true)
        } catch is PostgresErrors.KeyTaken {
            try db.execute(sql: "ROLLBACK TO SAVEPOINT \(Self.straightCopy)")
            try db.execute(sql: "RELEASE SAVEPOINT \(Self.straightCopy)")
            return false
        }
        try db.execute(sql: "RELEASE SAVEPOINT \(Self.straightCopy)")
        return true
    }

    /// Copies the touches at `fresh` (clicks, or the touches of requests with `origin` `form`) into the
    /// transaction's own table and moves them into `touch`, skipping any key stored already. Returns the keys
    /// inserted.
    func copyStaged(_ touches: [Touch], _ fresh: [Int], origin: StaticString = "click") throws -> Set<String> {
        try createIncomingClicks()
        let rows = try copyRows(touches, fresh, positions: true, origin: origin)
        try db.transaction.session.copy(
            into: Self.incomingClicks, columns: ["position"] + Self.copiedTouchColumns + ["origin"], rows: rows)
        let columns = Self.copiedTouchColumns.joined(separator: ", ")
        // Moved in file order, so a touch's id follows the file as `addClick` in turn would number it.
        return Set(
            try db.column(
                String.self,
                sql: """
                    WITH moved AS (DELETE FROM \(Self.incomingClicks) RETURNING *)
                    INSERT INTO touch (\(columns), origin)
                    SELECT \(columns), origin FROM moved ORDER BY position
                    ON CONFLICT (record_key) DO NOTHING RETURNING record_key
                    """))
    }

    /// The touches at `fresh` as COPY rows (the touch columns, then `origin`), each after its position in `fresh`
    /// when `positions` is set. Each touch's campaign is looked up (or created) in turn, as `addClick` would.
    private func copyRows(
        _ touches: [Touch], _ fresh: [Int], positions: Bool, origin: StaticString = "click"
    ) throws -> CopyTextRows {
        var rows = CopyTextRows(capacity: fresh.count * 320)
        for (order, index) in fresh.enumerated() {
            let touch = touches[index]
            let campaign = try PostgresStore.campaignID(db, for: touch, batchID: batchID, campaigns: &campaignIDs)
            do {
                if positions { rows.append(Int64(order)) }
                try rows.append(touch.key)
                rows.append(touch.at.microseconds)
                for value in [
                    touch.visitor, touch.url, touch.referrer, touch.utm.source, touch.utm.medium, touch.utm.campaign,
                    touch.utm.content, touch.utm.term, touch.clickID?.parameter, touch.clickID?.value,
                    touch.channel.rawValue,
                ] as [String?] {
                    try rows.append(value)
                }
            } catch {
                throw StoreError.databaseFailure(
                    path: db.database,
                    reason: "\(origin.description == "click" ? "click" : "form touch") \(touch.key) holds a NUL character, which cannot be stored")
            }
            rows.append(campaign)
            rows.append(batchID)
            rows.append(origin: origin)
            rows.endRow()
        }
        return rows
    }

    /// Creates the transaction's table of incoming clicks, once.
    private func createIncomingClicks() throws {
        guard !incomingClicksReady else { return }
        try db.execute(
            sql: """
                CREATE TEMPORARY TABLE \(Self.incomingClicks) (
                    position BIGINT NOT NULL, record_key TEXT COLLATE "C" NOT NULL, at BIGINT NOT NULL,
                    visitor TEXT COLLATE "C" NOT NULL, url TEXT COLLATE "C", referrer TEXT COLLATE "C",
                    utm_source TEXT COLLATE "C", utm_medium TEXT COLLATE "C", utm_campaign TEXT COLLATE "C",
                    utm_content TEXT COLLATE "C", utm_term TEXT COLLATE "C", click_id_type TEXT COLLATE "C",
                    click_id TEXT COLLATE "C", channel TEXT COLLATE "C" NOT NULL, campaign_id BIGINT, batch_id BIGINT,
                    origin TEXT COLLATE "C" NOT NULL
                ) ON COMMIT DROP
                """)
        incomingClicksReady = true
    }
}
#endif
