import GRDB
public import LeadTrailCore

extension SQLiteStore {
    @discardableResult
    public func putSpend(_ spend: Spend) throws -> Bool {
        try write { db in try Self.upsertSpend(db, spend, batchID: nil) }
    }

    /// Writes a day of spend, replacing the row of the same day and campaign. A spend row's platform overrides an
    /// auto-created campaign's guess; the platform its file implies only fills in `other`. A campaign the row creates
    /// takes the name as the file wrote it.
    static func upsertSpend(_ db: Database, _ spend: Spend, batchID: Int64?) throws -> Bool {
        guard
            let campaignID = try resolveCampaign(
                db, name: spend.campaignName ?? spend.campaign, platform: spend.platform ?? spend.fallbackPlatform,
                batchID: batchID)
        else { throw ValidationError.missingValue(field: "campaign") }
        try claimPlatform(SQLiteTransaction(db), of: spend, campaignID: campaignID)
        let stored = try Row.fetchOne(
            db, sql: "SELECT platform FROM spend WHERE day = ? AND campaign_id = ?",
            arguments: [spend.date.description, campaignID])
        let existed = stored != nil
        try checkSamePlatform(
            spend, storedPlatform: stored?["platform"], campaignKey: Normalize.key(spend.campaign) ?? spend.campaign)
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
                spend.date.description, campaignID, spend.amount.minorUnits, spend.amount.currency.code,
                spend.platform?.rawValue, spend.impressions, spend.reach, spend.clicks, spend.engagements,
                spend.platformCampaignID, batchID,
            ])
        return existed
    }

    public func setRate(_ rate: ExchangeRate) throws {
        try writeSQL { db in try Self.setRate(db, rate) }
    }

    public func rates() throws -> [ExchangeRate] {
        try readSQL { db in try Self.rates(db) }
    }

    /// The rates for a report read in GRDB's own transaction (``SQLStore/rates(_:)``).
    static func rates(_ db: Database) throws -> [ExchangeRate] {
        try rates(SQLiteTransaction(db))
    }
}
