import GRDB
public import LeadTrailCore

extension SQLiteStore {
    public func addCampaign(_ campaign: Campaign) throws {
        try write { db in
            // An existing key is never reset by `campaign add`, not even one the data created: the user changes
            // what they mean to change with `campaign update`.
            if let id = try Self.campaignID(db, key: campaign.key) {
                let auto = try Bool.fetchOne(db, sql: "SELECT auto_created FROM campaign WHERE id = ?", arguments: [id])
                throw StoreError.campaignExists(campaign.key, autoCreated: auto == true)
            }
            try db.execute(
                sql: """
                    INSERT INTO campaign (key, name, platform, objective, budget_minor, budget_currency, starts_on, ends_on,
                                          auto_created, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """,
                arguments: [
                    campaign.key, campaign.name, campaign.platform.rawValue, campaign.objective?.rawValue,
                    campaign.budget?.minorUnits, campaign.budget?.currency.code, campaign.starts?.description,
                    campaign.ends?.description, Timestamp.now().microseconds,
                ])
        }
    }

    private static func updateCampaignRow(_ db: Database, id: Int64, campaign: Campaign) throws {
        try db.execute(
            sql: """
                UPDATE campaign SET name = ?, platform = ?, objective = ?, budget_minor = ?, budget_currency = ?,
                                    starts_on = ?, ends_on = ?, auto_created = ?
                WHERE id = ?
                """,
            arguments: [
                campaign.name, campaign.platform.rawValue, campaign.objective?.rawValue, campaign.budget?.minorUnits,
                campaign.budget?.currency.code, campaign.starts?.description, campaign.ends?.description,
                campaign.isAutoCreated, id,
            ])
    }

    public func updateCampaign(key: String, with change: CampaignChange) throws -> Campaign {
        try write { db in
            guard let id = try Self.campaignID(db, key: key), var campaign = try Self.campaign(db, id: id) else {
                throw StoreError.unknownCampaign(key)
            }
            if let name = change.name { campaign.name = name }
            if let platform = change.platform { campaign.platform = platform }
            if let objective = change.objective { campaign.objective = objective }
            if let budget = change.budget { campaign.budget = budget }
            if let starts = change.starts { campaign.starts = starts }
            if let ends = change.ends { campaign.ends = ends }
            campaign.isAutoCreated = false
            try Self.updateCampaignRow(db, id: id, campaign: campaign)
            return campaign
        }
    }

    public func campaigns() throws -> [Campaign] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaign ORDER BY key").map(Self.campaign(row:))
        }
    }

    public func campaignDetail(key: String) throws -> CampaignDetail {
        try read { db in
            guard let id = try Self.campaignID(db, key: key), let campaign = try Self.campaign(db, id: id) else {
                throw StoreError.unknownCampaign(key)
            }
            let touches = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, MIN(at) AS first, MAX(at) AS last FROM touch WHERE campaign_id = ?",
                arguments: [id])!
            var spend: [Money] = []
            var days = 0
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT currency, SUM(amount_minor) AS total, COUNT(*) AS days FROM spend
                    WHERE campaign_id = ? GROUP BY currency ORDER BY currency
                    """, arguments: [id])
            {
                spend.append(Money(minorUnits: row["total"], currency: try Currency(code: row["currency"])))
                days += row["days"] as Int
            }
            return CampaignDetail(
                campaign: campaign, touches: touches["n"],
                firstTouch: (touches["first"] as Int64?).map(Timestamp.init(microseconds:)),
                lastTouch: (touches["last"] as Int64?).map(Timestamp.init(microseconds:)),
                spend: spend, spendDays: days)
        }
    }

    static func campaignID(_ db: Database, key: String) throws -> Int64? {
        guard let normalized = Normalize.key(key) else { return nil }
        return try Int64.fetchOne(
            db, sql: "SELECT id FROM campaign WHERE key = ?", arguments: [normalized])
    }

    static func campaign(_ db: Database, id: Int64) throws -> Campaign? {
        try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]).map(campaign(row:))
    }

    static func campaign(row: Row) throws -> Campaign {
        let budget: Money? =
            if let minor = row["budget_minor"] as Int64?, let code = row["budget_currency"] as String? {
                Money(minorUnits: minor, currency: try Currency(code: code))
            } else { nil }
        return Campaign(
            key: row["key"], name: row["name"], platform: Platform(rawValue: row["platform"]) ?? .other,
            objective: (row["objective"] as String?).flatMap(Objective.init(rawValue:)), budget: budget,
            starts: try (row["starts_on"] as String?).map { try CalendarDate(parsing: $0) },
            ends: try (row["ends_on"] as String?).map { try CalendarDate(parsing: $0) },
            isAutoCreated: row["auto_created"])
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
