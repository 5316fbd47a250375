package import LeadTrailCore

/// Exchange rates and a spend row's platform, written once for both stores. The spend upsert is each store's own:
/// PostgreSQL tells a replaced row from the upsert itself.
extension SQLStore {
    /// A spend row's platform overrides an auto-created campaign's guess; the platform its file implies only fills in
    /// `other`.
    package static func claimPlatform(_ db: some SQLTransaction, of spend: Spend, campaignID: Int64) throws {
        if let platform = spend.namedPlatform {
            try db.execute(
                sql: "UPDATE campaign SET platform = ? WHERE id = ? AND auto_created = 1",
                arguments: [platform.rawValue, campaignID])
        } else if let platform = spend.fallbackPlatform {
            try db.execute(
                sql: "UPDATE campaign SET platform = ? WHERE id = ? AND auto_created = 1 AND platform = 'other'",
                arguments: [platform.rawValue, campaignID])
        }
    }

    /// A day of a campaign's spend comes from one platform: a row of another platform replacing it is two campaigns
    /// that share a name (a VK and a Direct `autumn_sale`), whose spend would be lost, not a corrected export. A row or
    /// a stored day without a platform (a generic file, `spend add`) replaces as before, and so does a row of the same
    /// ad account (Facebook and Instagram are one Meta account: ``Platform/adAccount``).
    package static func checkSamePlatform(_ spend: Spend, storedPlatform: String?, campaignKey: String) throws {
        guard let stored = storedPlatform, let new = spend.platform, stored != new.rawValue,
            Platform(rawValue: stored)?.adAccount != new.adAccount
        else { return }
        throw StoreError.spendFromAnotherPlatform(
            day: spend.date.description, campaign: campaignKey, stored: stored, new: new.rawValue)
    }

    package static func setRate(_ db: some SQLTransaction, _ rate: ExchangeRate) throws {
        try db.execute(
            sql: """
                INSERT INTO exchange_rate (day, from_currency, to_currency, rate) VALUES (?, ?, ?, ?)
                ON CONFLICT (from_currency, to_currency, day) DO UPDATE SET rate = excluded.rate
                """,
            arguments: [rate.date.description, rate.from.code, rate.to.code, rate.rateText])
    }

    package static func rates(_ db: some SQLTransaction) throws -> [ExchangeRate] {
        try db.fetchAll(sql: "SELECT * FROM exchange_rate ORDER BY from_currency, to_currency, day").map { row in
            // Before 0.15 a decimal comma was kept as typed (`95,50`, and `9,550` read as 9.55): read as it was then.
            let text = String((row["rate"] as String).map { $0 == "," ? "." : $0 })
            return try ExchangeRate(
                date: try CalendarDate(parsing: row["day"]), from: try Currency(code: row["from_currency"]),
                to: try Currency(code: row["to_currency"]), parsing: text)
        }
    }
}
