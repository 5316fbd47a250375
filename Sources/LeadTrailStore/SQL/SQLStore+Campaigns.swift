package import LeadTrailCore

/// Campaigns the user adds, changes and reads, written once for both stores. Campaigns the data creates (an unknown
/// `utm_campaign`) are each store's own: PostgreSQL's must not fail when two writers create one at once.
extension SQLStore {
    package static func addCampaign(_ db: some SQLTransaction, _ campaign: Campaign) throws {
        // An existing key is never reset by `campaign add`, not even one the data created: the user changes
        // what they mean to change with `campaign update`.
        if let id = try campaignID(db, key: campaign.key) {
            let auto = try db.value(Bool.self, sql: "SELECT auto_created FROM campaign WHERE id = ?", arguments: [id])
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

    package static func updateCampaign(
        _ db: some SQLTransaction, key: String, with change: CampaignChange
    ) throws -> Campaign {
        guard let id = try campaignID(db, key: key), var campaign = try campaign(db, id: id) else {
            throw StoreError.unknownCampaign(key)
        }
        if let name = change.name { campaign.name = name }
        if let platform = change.platform { campaign.platform = platform }
        if let objective = change.objective { campaign.objective = objective }
        if let budget = change.budget { campaign.budget = budget }
        if let starts = change.starts { campaign.starts = starts }
        if let ends = change.ends { campaign.ends = ends }
        campaign.isAutoCreated = false
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
        return campaign
    }

    package static func campaigns(_ db: some SQLTransaction) throws -> [Campaign] {
        try db.fetchAll(sql: "SELECT * FROM campaign ORDER BY key").map(campaign(row:))
    }

    package static func campaignDetail(_ db: some SQLTransaction, key: String) throws -> CampaignDetail {
        guard let id = try campaignID(db, key: key), let campaign = try campaign(db, id: id) else {
            throw StoreError.unknownCampaign(key)
        }
        let touches = try db.fetchOne(
            sql: "SELECT COUNT(*) AS n, MIN(at) AS first, MAX(at) AS last FROM touch WHERE campaign_id = ?",
            arguments: [id])
        var spend: [Money] = []
        var days = 0
        for row in try db.fetchAll(
            sql: """
                SELECT currency, \(db.dialect.integerSum("amount_minor")) AS total, COUNT(*) AS days FROM spend
                WHERE campaign_id = ? GROUP BY currency ORDER BY currency
                """, arguments: [id])
        {
            spend.append(Money(minorUnits: row["total"], currency: try Currency(code: row["currency"])))
            days += row["days"] as Int
        }
        return CampaignDetail(
            campaign: campaign, touches: touches?["n"] ?? 0,
            firstTouch: (touches?["first"] as Int64?).map(Timestamp.init(microseconds:)),
            lastTouch: (touches?["last"] as Int64?).map(Timestamp.init(microseconds:)),
            spend: spend, spendDays: days)
    }

    package static func campaignID(_ db: some SQLTransaction, key: String) throws -> Int64? {
        guard let normalized = Normalize.key(key) else { return nil }
        return try db.value(Int64.self, sql: "SELECT id FROM campaign WHERE key = ?", arguments: [normalized])
    }

    package static func campaign(_ db: some SQLTransaction, id: Int64) throws -> Campaign? {
        try db.fetchOne(sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]).map(campaign(row:))
    }

    package static func campaign(row: SQLRow) throws -> Campaign {
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
}
