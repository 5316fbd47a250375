import GRDB
public import LeadTrailCore

extension SQLiteStore {
    @discardableResult
    public func addTouch(_ touch: Touch) throws -> Bool {
        try write { db in
            var campaigns: [String: Int64] = [:]
            return try Self.insertTouch(db, touch, origin: .click, campaigns: &campaigns)
        }
    }

    /// How a touch came to be: a visit, or the touch a UTM-bearing request adds.
    enum TouchOrigin: String {
        case click, form
    }

    /// Inserts a touch unless one with its key exists; returns whether it was inserted.
    static func insertTouch(
        _ db: Database, _ touch: Touch, origin: TouchOrigin, batchID: Int64? = nil, campaigns: inout [String: Int64]
    ) throws -> Bool {
        let campaignID = try campaignID(db, for: touch, batchID: batchID, campaigns: &campaigns)
        // Once per click of an import: bound through the C API (``BoundStatement``).
        var insert = try BoundStatement(
            db,
            sql: """
                INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign,
                                   utm_content, utm_term, click_id_type, click_id, channel, origin, campaign_id, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (record_key) DO NOTHING
                """)
        insert.bind(touch.key)
        insert.bind(touch.at.microseconds)
        insert.bind(touch.visitor)
        insert.bind(touch.url)
        insert.bind(touch.referrer)
        insert.bind(touch.utm.source)
        insert.bind(touch.utm.medium)
        insert.bind(touch.utm.campaign)
        insert.bind(touch.utm.content)
        insert.bind(touch.utm.term)
        insert.bind(touch.clickID?.parameter)
        insert.bind(touch.clickID?.value)
        insert.bind(touch.channel.rawValue)
        insert.bind(origin.rawValue)
        insert.bind(campaignID)
        insert.bind(batchID)
        try insert.execute()
        return db.changesCount > 0
    }

    /// The campaign a touch names, created when unknown; `campaigns` caches keys already looked up in this write.
    static func campaignID(
        _ db: Database, for touch: Touch, batchID: Int64?, campaigns: inout [String: Int64]
    ) throws -> Int64? {
        guard let name = touch.utm.campaign, let key = Normalize.key(name) else { return nil }
        if let id = campaigns[key] { return id }
        let id = try resolveCampaign(
            db, name: name, platform: Platform.inferred(source: touch.utm.source, medium: touch.utm.medium),
            batchID: batchID)
        campaigns[key] = id
        return id
    }

    static func touch(row: Row) -> Touch {
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
