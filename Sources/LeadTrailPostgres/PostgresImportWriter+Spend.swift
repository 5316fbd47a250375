#if Postgres
import LeadTrailCore
import LeadTrailStore

extension PostgresImportWriter {
    /// A day of a campaign's spend from a file: the same outcomes, undo rows and versions as SQLite's writer, in two
    /// round trips for a campaign the database knows (one query for the campaign and the day's row, one upsert)
    /// instead of seven. A campaign it does not know yet goes the general way (``PostgresStore/upsertSpend``).
    func putSpend(_ spend: Spend) throws -> WriteOutcome {
        guard let key = Normalize.key(spend.campaign) else { throw ValidationError.missingValue(field: "campaign") }
        let day = spend.date.description
        let recordKey = PostgresStore.spendKey(day: day, campaignKey: key)
        guard
            let found = try db.fetchOne(
                sql: """
                    SELECT campaign.id AS campaign_id, campaign.platform AS campaign_platform, campaign.auto_created,
                           spend.day, spend.amount_minor, spend.currency, spend.platform, spend.impressions,
                           spend.reach, spend.clicks, spend.engagements, spend.platform_campaign_id, spend.batch_id
                    FROM campaign LEFT JOIN spend ON spend.campaign_id = campaign.id AND spend.day = ?
                    WHERE campaign.key = ?
                    """, arguments: [day, key])
        else {
            // A new campaign: no spend row can name it yet.
            _ = try PostgresStore.upsertSpend(db, spend, batchID: batchID)
            try keepVersionIfRemovedBefore(recordKey)
            return .imported
        }
        let campaignID: Int64 = found["campaign_id"]
        let existed = !found.isNull("day")
        if existed {
            let same =
                found["amount_minor"] as Int64 == spend.amount.minorUnits
                && found["currency"] as String == spend.amount.currency.code
                && found["platform"] as String? == spend.platform?.rawValue
                && found["impressions"] as Int64 == spend.impressions && found["reach"] as Int64 == spend.reach
                && found["clicks"] as Int64 == spend.clicks && found["engagements"] as Int64 == spend.engagements
                && found["platform_campaign_id"] as String? == spend.platformCampaignID
            if same {
                if found["batch_id"] as Int64? != batchID { foundSame.append((.spend, recordKey)) }
                return .skipped
            }
            try PostgresStore.checkSamePlatform(spend, storedPlatform: found["platform"], campaignKey: key)
            try PostgresStore.keepOwnerVersion(db, .spend, key: recordKey)
        }
        // An auto-created campaign takes the row's platform (saved for undo first), or the platform the file implies
        // while it is still `other`; a campaign made by hand keeps its own.
        let autoPlatform: String? = found["auto_created"] as Int64 == 1 ? found["campaign_platform"] : nil
        if let platform = spend.namedPlatform, let autoPlatform, autoPlatform != platform.rawValue {
            try PostgresStore.saveForUndo(db, batchID: batchID, table: "campaign", key: campaignID)
            try db.execute(sql: "UPDATE campaign SET platform = ? WHERE id = ?", arguments: [platform.rawValue, campaignID])
        } else if spend.namedPlatform == nil, let platform = spend.fallbackPlatform,
            autoPlatform == Platform.other.rawValue,
            platform != .other
        {
            try db.execute(sql: "UPDATE campaign SET platform = ? WHERE id = ?", arguments: [platform.rawValue, campaignID])
        }
        try db.execute(
            sql: """
                INSERT INTO spend (day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks,
                                   engagements, platform_campaign_id, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, campaign_id) DO UPDATE SET
                    amount_minor = excluded.amount_minor, currency = excluded.currency, platform = excluded.platform,
                    impressions = excluded.impressions, reach = excluded.reach, clicks = excluded.clicks,
                    engagements = excluded.engagements, platform_campaign_id = excluded.platform_campaign_id,
                    batch_id = excluded.batch_id
                """,
            arguments: [
                day, campaignID, spend.amount.minorUnits, spend.amount.currency.code, spend.platform?.rawValue,
                spend.impressions, spend.reach, spend.clicks, spend.engagements, spend.platformCampaignID, batchID,
            ])
        guard existed else {
            try keepVersionIfRemovedBefore(recordKey)
            return .imported
        }
        try PostgresStore.keepVersion(db, .spend, key: recordKey, batchID: batchID)
        return .updated
    }

    /// A day a rename removed has a history: the batch that writes it again keeps its version there too.
    func keepVersionIfRemovedBefore(_ recordKey: String) throws {
        guard try PostgresStore.hasSpendHistory(db, key: recordKey) else { return }
        try PostgresStore.keepVersion(db, .spend, key: recordKey, batchID: batchID)
    }

    func moveRenamedSpend(_ spends: [Spend], accepting: Bool) throws -> [SpendRename] {
        let renames = try PostgresStore.renamedSpend(db, spends)
        try PostgresStore.refuseUnaccepted(renames, accepting: accepting)
        for rename in renames {
            for day in rename.days {
                let key = PostgresStore.spendKey(day: day, campaignKey: rename.storedKey)
                try PostgresStore.keepOwnerVersion(db, .spend, key: key)
                try PostgresStore.removeRenamedSpend(db, key: key, batchID: batchID)
            }
        }
        return renames
    }
}
#endif
