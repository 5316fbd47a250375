import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func addCampaign(_ campaign: Campaign) throws {
        try writeSQL { db in try Self.addCampaign(db, campaign) }
    }

    public func updateCampaign(key: String, with change: CampaignChange) throws -> Campaign {
        try writeSQL { db in try Self.updateCampaign(db, key: key, with: change) }
    }

    public func campaigns() throws -> [Campaign] {
        try readSQL { db in try Self.campaigns(db) }
    }

    public func campaignDetail(key: String) throws -> CampaignDetail {
        try readSQL { db in try Self.campaignDetail(db, key: key) }
    }

    /// A campaign's number by its key, inside GRDB's own transaction (``SQLStore/campaignID(_:key:)``).
    static func campaignID(_ db: Database, key: String) throws -> Int64? {
        try campaignID(SQLiteTransaction(db), key: key)
    }

    /// The campaign a touch or spend row names by `utm_campaign`; an unknown key creates the campaign, flagged as
    /// auto-created, with the platform of the first touch's source (data is never dropped for an unknown campaign).
    static func resolveCampaign(
        _ db: Database, name: String?, platform: Platform?, batchID: Int64? = nil
    ) throws -> Int64? {
        guard let name, let key = Normalize.key(name) else { return nil }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM campaign WHERE key = ?", arguments: [key]) {
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO campaign (key, name, platform, auto_created, created_at, batch_id)
                VALUES (?, ?, ?, 1, ?, ?)
                """,
            arguments: [
                key, name.trimmingWhitespace(), (platform ?? .other).rawValue, Timestamp.now().microseconds, batchID,
            ])
        return db.lastInsertedRowID
    }
}
