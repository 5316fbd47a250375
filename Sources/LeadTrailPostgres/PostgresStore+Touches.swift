#if Postgres
public import LeadTrailCore
public import LeadTrailStore

extension PostgresStore {
    @discardableResult
    public func addTouch(_ touch: Touch) throws -> Bool {
        try write { db in
            var campaigns: [String: Int64] = [:]
            return try Self.insertTouch(db, touch, origin: "click", campaigns: &campaigns)
        }
    }

    static let touchInsert = """
        INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign,
                           utm_content, utm_term, click_id_type, click_id, channel, origin, campaign_id, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (record_key) DO NOTHING
        """

    /// Inserts a touch unless one with its key exists; returns whether it was inserted. `origin` is `click` or `form`.
    static func insertTouch(
        _ db: SQLConnection, _ touch: Touch, origin: String, batchID: Int64? = nil, campaigns: inout [String: Int64]
    ) throws -> Bool {
        let campaignID = try campaignID(db, for: touch, batchID: batchID, campaigns: &campaigns)
        try db.execute(sql: touchInsert, arguments: touchValues(touch, origin: origin, campaignID: campaignID, batchID: batchID))
        return db.changesCount > 0
    }

    static func touchValues(_ touch: Touch, origin: String, campaignID: Int64?, batchID: Int64?) -> [(any SQLBindable)?] {
        [
            touch.key, touch.at.microseconds, touch.visitor, touch.url, touch.referrer, touch.utm.source,
            touch.utm.medium, touch.utm.campaign, touch.utm.content, touch.utm.term, touch.clickID?.parameter,
            touch.clickID?.value, touch.channel.rawValue, origin, campaignID, batchID,
        ]
    }

    /// The campaign a touch names, created when unknown; `campaigns` caches keys already looked up in this write.
    static func campaignID(
        _ db: SQLConnection, for touch: Touch, batchID: Int64?, campaigns: inout [String: Int64]
    ) throws -> Int64? {
        guard let name = touch.utm.campaign, let key = Normalize.key(name) else { return nil }
        if let id = campaigns[key] { return id }
        let id = try resolveCampaign(
            db, name: name, platform: Platform.inferred(source: touch.utm.source, medium: touch.utm.medium),
            batchID: batchID)
        campaigns[key] = id
        return id
    }

    static func touch(row: SQLRow) -> Touch {
        let clickID: ClickID? =
            if let parameter = row["click_id_type"] as String?, let value = row["click_id"] as String? {
                ClickID(parameter: parameter, value: value)
            } else { nil }
        return Touch(
            key: row["record_key"], at: Timestamp(microseconds: row["at"]), visitor: row["visitor"], url: row["url"],
            utm: UTM(
                source: row["utm_source"], medium: row["utm_medium"], campaign: row["utm_campaign"],
                content: row["utm_content"], term: row["utm_term"]),
            clickID: clickID, referrer: row["referrer"], channel: Channel(rawValue: row["channel"]) ?? .other)
    }
}
#endif
