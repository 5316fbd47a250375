#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore {
    public func addCampaign(_ campaign: Campaign) throws {
        try write { db in try Self.addCampaign(db, campaign) }
    }

    public func updateCampaign(key: String, with change: CampaignChange) throws -> Campaign {
        try write { db in try Self.updateCampaign(db, key: key, with: change) }
    }

    public func campaigns() throws -> [Campaign] {
        try read { db in try Self.campaigns(db) }
    }

    public func campaignDetail(key: String) throws -> CampaignDetail {
        try read { db in try Self.campaignDetail(db, key: key) }
    }

    /// The campaign a touch or spend row names by `utm_campaign`; an unknown key creates the campaign, flagged as
    /// auto-created, with the platform of the first touch's source. Two writers creating one key at once both get
    /// the one row (`ON CONFLICT`), never an error. The campaign found is kept for the rows the transaction writes
    /// (``keptCampaignID(_:key:)``).
    static func resolveCampaign(
        _ db: SQLConnection, name: String?, platform: Platform?, batchID: Int64? = nil
    ) throws -> Int64? {
        guard let name, let key = Normalize.key(name) else { return nil }
        if let id = try keptCampaignID(db, key: key) { return id }
        if let id = try db.value(
            Int64.self,
            sql: """
                INSERT INTO campaign (key, name, platform, auto_created, created_at, batch_id)
                VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id
                """,
            arguments: [
                key, name.trimmingWhitespace(), (platform ?? .other).rawValue, Timestamp.now().microseconds, batchID,
            ])
        {
            return id
        }
        return try keptCampaignID(db, key: key)
    }

    /// The campaign of a normalised key, locked `FOR KEY SHARE` until the transaction ends: `touch.campaign_id` has
    /// no foreign key (schema 14), and this lock is what keeps the campaign standing for the rows the transaction
    /// names it in. An undo deletes an auto-created campaign only after locking it `FOR UPDATE`
    /// (``SQLStore/dropUnnamedCampaigns(_:candidates:)``), which waits for every writer holding it; a writer that
    /// asks while that undo runs waits for it, and finds no campaign (one to create again) if the undo dropped it.
    static func keptCampaignID(_ db: SQLConnection, key: String) throws -> Int64? {
        try db.value(Int64.self, sql: "SELECT id FROM campaign WHERE key = ? FOR KEY SHARE", arguments: [key])
    }
}
#endif
