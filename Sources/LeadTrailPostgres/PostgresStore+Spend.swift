#if Postgres
public import LeadTrailCore
import LeadTrailStore

extension PostgresStore {
    @discardableResult
    public func putSpend(_ spend: Spend) throws -> Bool {
        try write { db in try Self.upsertSpend(db, spend, batchID: nil) }
    }

    /// Writes a day of spend, replacing the row of the same day and campaign. A spend row's platform overrides an
    /// auto-created campaign's guess; the platform its file implies only fills in `other`. A campaign the row creates
    /// takes the name as the file wrote it. Returns whether a row was replaced.
    static func upsertSpend(_ db: SQLConnection, _ spend: Spend, batchID: Int64?) throws -> Bool {
        guard
            let campaignID = try resolveCampaign(
                db, name: spend.campaignName ?? spend.campaign, platform: spend.platform ?? spend.fallbackPlatform,
                batchID: batchID)
        else { throw ValidationError.missingValue(field: "campaign") }
        try claimPlatform(db, of: spend, campaignID: campaignID)
        if spend.platform != nil,
            let stored = try db.fetchOne(
                sql: "SELECT platform FROM spend WHERE day = ? AND campaign_id = ?",
                arguments: [spend.date.description, campaignID])
        {
            try checkSamePlatform(
                spend, storedPlatform: stored["platform"], campaignKey: Normalize.key(spend.campaign) ?? spend.campaign)
        }
        // `xmax <> 0` tells a row the upsert updated from one it inserted, in the same statement.
        let replaced = try db.value(
            Bool.self,
            sql: """
                INSERT INTO spend (day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks,
                                   engagements, platform_campaign_id, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, campaign_id) DO UPDATE SET
                    amount_minor = excluded.amount_minor, currency = excluded.currency, platform = excluded.platform,
                    impressions = excluded.impressions, reach = excluded.reach, clicks = excluded.clicks,
                    engagements = excluded.engagements, platform_campaign_id = excluded.platform_campaign_id,
                    batch_id = excluded.batch_id
                RETURNING (xmax <> 0)
                """,
            arguments: [
                spend.date.description, campaignID, spend.amount.minorUnits, spend.amount.currency.code,
                spend.platform?.rawValue, spend.impressions, spend.reach, spend.clicks, spend.engagements,
                spend.platformCampaignID, batchID,
            ])
        return replaced ?? false
    }

    public func setRate(_ rate: ExchangeRate) throws {
        try write { db in try Self.setRate(db, rate) }
    }

    public func rates() throws -> [ExchangeRate] {
        try read { db in try Self.rates(db) }
    }
}
#endif
