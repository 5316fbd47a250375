package import LeadTrailCore

/// A renamed campaign's days of spend, written once for both stores: found before a file's rows are written, refused
/// unless the user accepts the rename, then removed from the old name with a version that `imports undo` brings back.
extension SQLStore {
    /// A `spend` version that says the batch removed the day (it moved to the campaign's new name); `undoVersions`
    /// deletes the live row when it is the latest standing version, and a removal no value precedes is no version.
    package static var removedSpendContent: String { #"{"removed": true}"# }

    /// The days stored for a platform's campaign id under another campaign key than the one `spends` give them: the
    /// campaign was renamed, and storing the file's rows would count those days twice.
    ///
    /// A day matches when its platform campaign id, its day and its ad account (``Platform/adAccount``: Facebook and
    /// Instagram are one Meta account) are the row's; a row or a stored day without an id or a platform matches none
    /// (ids are only unique within a platform). One query per 500 ids; spend files name a few campaigns.
    package static func renamedSpend(_ db: some SQLTransaction, _ spends: [Spend]) throws -> [SpendRename] {
        var incoming: [String: Spend] = [:]
        for spend in spends {
            guard let id = spend.platformCampaignID, let platform = spend.platform else { continue }
            incoming[[id, platform.adAccount, spend.date.description].joined(separator: "\u{1F}")] = spend
        }
        guard !incoming.isEmpty else { return [] }
        let ids = Set(spends.compactMap(\.platformCampaignID)).sorted()
        var renames: [String: SpendRename] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let rows = try db.fetchAll(
                sql: """
                    SELECT spend.day, spend.platform, spend.platform_campaign_id, campaign.key, campaign.name
                    FROM spend JOIN campaign ON campaign.id = spend.campaign_id
                    WHERE spend.platform_campaign_id IN (\(questionMarks(count: chunk.count)))
                    ORDER BY spend.day, campaign.key
                    """, arguments: chunk.map { $0 })
            for row in rows {
                guard let platform = (row["platform"] as String?).flatMap(Platform.init(rawValue:)) else { continue }
                let id: String = row["platform_campaign_id"]
                let day: String = row["day"]
                let storedKey: String = row["key"]
                guard let spend = incoming[[id, platform.adAccount, day].joined(separator: "\u{1F}")],
                    spend.campaign != storedKey
                else { continue }
                let group = [id, platform.adAccount, storedKey, spend.campaign].joined(separator: "\u{1F}")
                if renames[group] == nil {
                    renames[group] = SpendRename(
                        platformCampaignID: id, platform: platform.rawValue, storedName: row["name"],
                        storedKey: storedKey, newName: spend.campaignName ?? spend.campaign, newKey: spend.campaign,
                        days: [])
                }
                renames[group]?.days.append(day)
            }
        }
        return renames.values.sorted {
            ($0.platformCampaignID, $0.platform, $0.storedKey, $0.newKey)
                < ($1.platformCampaignID, $1.platform, $1.storedKey, $1.newKey)
        }
    }

    /// Refuses renamed days unless the user accepted them (`--accept-renames`): moving them changes which touches
    /// the spend joins, so it is never done silently.
    package static func refuseUnaccepted(_ renames: [SpendRename], accepting: Bool) throws {
        guard !renames.isEmpty, !accepting else { return }
        throw StoreError.spendCampaignRenamed(renames)
    }

    /// Removes a day of spend that moved to the campaign's new name, keeping the removal as `batchID`'s version (the
    /// caller kept the live row as its owner's version first), so that undoing the batch brings the day back.
    package static func removeRenamedSpend(_ db: some SQLTransaction, key: String, batchID: Int64) throws {
        try deleteSpend(db, key: key)
        try db.execute(
            sql: """
                INSERT INTO batch_version (table_name, record_key, batch_id, content, extra) VALUES ('spend', ?, ?, ?, NULL)
                ON CONFLICT (table_name, record_key, batch_id) DO UPDATE SET content = excluded.content, extra = NULL
                """, arguments: [key, batchID, removedSpendContent])
    }

    /// Deletes the live day of spend of a `spend` record key.
    package static func deleteSpend(_ db: some SQLTransaction, key: String) throws {
        try db.execute(
            sql: "DELETE FROM spend WHERE day = ? AND campaign_id = (SELECT id FROM campaign WHERE key = ?)",
            arguments: recordKeyArguments(.spend, key))
    }

    /// Whether a `spend` record key has versions kept: a day a rename removed (and that may come back on undo). A
    /// batch writing that day anew keeps its version too, so that the history stays whole.
    package static func hasSpendHistory(_ db: some SQLTransaction, key: String) throws -> Bool {
        try db.value(
            Int64.self, sql: "SELECT 1 FROM batch_version WHERE table_name = 'spend' AND record_key = ? LIMIT 1",
            arguments: [key]) != nil
    }
}
