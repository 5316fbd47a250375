#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailStore

extension PostgresImportWriter {
    /// How many spend rows one multi-row upsert of ``putSpends(_:)`` carries (11 values each, far under the
    /// protocol's 65,535 parameters).
    static let spendsPerInsert = 1000

    /// Five thousand clicks per ``addClicks(_:)``: each chunk costs a few round trips and, when its keys are new, one
    /// `COPY` straight into `touch`.
    var clicksPerCall: Int { 5000 }

    /// Days of spend in bulk, with `putSpend`'s outcomes: one query reads the file's campaigns and the days each
    /// already has. A new day of a known campaign that changes nothing about its campaign is written with the others
    /// in one multi-row upsert per thousand; a day stored already with the same figures is skipped without a round
    /// trip. The rest (a changed day, a campaign not there yet, a campaign whose platform the row changes) take
    /// `putSpend`'s path, in file order, the pending rows written first.
    func putSpends(_ spends: [Spend]) throws -> [WriteOutcome] {
        guard spends.count > 1 else { return try spends.map { try putSpend($0) } }
        var campaigns = try knownCampaigns(Set(spends.compactMap { Normalize.key($0.campaign) }))
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(spends.count)
        var pending: [(spend: Spend, campaignID: Int64)] = []
        for spend in spends {
            let key = Normalize.key(spend.campaign)
            if let key, let campaign = campaigns[key], !Self.changesPlatform(spend, of: campaign) {
                let day = spend.date.description
                if let stored = campaign.days[day] {
                    if stored.figures == StoredDay.Figures(spend) {
                        if stored.batchID != batchID {
                            foundSame.append((.spend, PostgresStore.spendKey(day: day, campaignKey: key)))
                        }
                        outcomes.append(.skipped)
                        continue
                    }
                } else {
                    pending.append((spend, campaign.id))
                    campaigns[key]?.days[day] = StoredDay(figures: StoredDay.Figures(spend), batchID: batchID)
                    outcomes.append(.imported)
                    if pending.count == Self.spendsPerInsert { try insertSpends(&pending) }
                    continue
                }
            }
            try insertSpends(&pending)
            outcomes.append(try putSpend(spend))
            // The campaign may be new now, or have another platform: read it again for the rows after this one.
            // A changed day only needs its new figures noted.
            if let key {
                if let campaign = campaigns[key], !Self.changesPlatform(spend, of: campaign) {
                    campaigns[key]?.days[spend.date.description] = StoredDay(
                        figures: StoredDay.Figures(spend), batchID: batchID)
                } else {
                    campaigns[key] = try knownCampaigns([key])[key]
                }
            }
        }
        try insertSpends(&pending)
        return outcomes
    }

    /// A campaign as ``putSpends(_:)`` judges a row against it.
    struct KnownCampaign {
        var id: Int64
        var platform: String
        var autoCreated: Bool
        /// The days it has spend for.
        var days: [String: StoredDay]
    }

    /// A day of spend stored: what `putSpend` compares a row with.
    struct StoredDay {
        /// The figures a row must repeat to be the same.
        struct Figures: Equatable {
            var amountMinor: Int64
            var currency: String
            var platform: String?
            var impressions: Int64
            var reach: Int64
            var clicks: Int64
            var engagements: Int64
            var platformCampaignID: String?

            init(_ spend: Spend) {
                amountMinor = spend.amount.minorUnits
                currency = spend.amount.currency.code
                platform = spend.platform?.rawValue
                impressions = spend.impressions
                reach = spend.reach
                clicks = spend.clicks
                engagements = spend.engagements
                platformCampaignID = spend.platformCampaignID
            }

            init(row: SQLRow) {
                amountMinor = row["amount_minor"]
                currency = row["currency"]
                platform = row["spend_platform"]
                impressions = row["impressions"]
                reach = row["reach"]
                clicks = row["clicks"]
                engagements = row["engagements"]
                platformCampaignID = row["platform_campaign_id"]
            }
        }

        var figures: Figures
        var batchID: Int64?
    }

    /// Whether `putSpend` would change the platform of `campaign` for this row (an auto-created campaign takes the
    /// row's platform, or the one the file implies while it is still `other`).
    static func changesPlatform(_ spend: Spend, of campaign: KnownCampaign) -> Bool {
        guard campaign.autoCreated else { return false }
        if let platform = spend.namedPlatform { return platform.rawValue != campaign.platform }
        if let platform = spend.fallbackPlatform, campaign.platform == Platform.other.rawValue, platform != .other {
            return true
        }
        return false
    }

    /// The campaigns of these keys the database holds, with the days each has spend for: one query.
    func knownCampaigns(_ keys: Set<String>) throws -> [String: KnownCampaign] {
        guard !keys.isEmpty else { return [:] }
        let list = try JSONArgument.text(keys.sorted())
        var campaigns: [String: KnownCampaign] = [:]
        try db.forEachRow(
            sql: """
                SELECT campaign.key, campaign.id, campaign.platform, campaign.auto_created, spend.day,
                       spend.amount_minor, spend.currency, spend.platform AS spend_platform, spend.impressions,
                       spend.reach, spend.clicks, spend.engagements, spend.platform_campaign_id, spend.batch_id
                FROM campaign LEFT JOIN spend ON spend.campaign_id = campaign.id
                WHERE campaign.key \(JSONArgument.anyText)
                """, arguments: [list]
        ) { row in
            let key: String = row["key"]
            if campaigns[key] == nil {
                campaigns[key] = KnownCampaign(
                    id: row["id"], platform: row["platform"], autoCreated: row["auto_created"] as Int64 == 1, days: [:])
            }
            if let day = row["day"] as String? {
                campaigns[key]?.days[day] = StoredDay(figures: StoredDay.Figures(row: row), batchID: row["batch_id"])
            }
            return true
        }
        return campaigns
    }

    /// Writes the pending new days of spend in one multi-row upsert (the same upsert as `putSpend`'s), then empties
    /// the list.
    func insertSpends(_ pending: inout [(spend: Spend, campaignID: Int64)]) throws {
        guard !pending.isEmpty else { return }
        var arguments: [(any SQLBindable)?] = []
        arguments.reserveCapacity(pending.count * 11)
        for (spend, campaignID) in pending {
            arguments += [
                spend.date.description, campaignID, spend.amount.minorUnits, spend.amount.currency.code,
                spend.platform?.rawValue, spend.impressions, spend.reach, spend.clicks, spend.engagements,
                spend.platformCampaignID, batchID,
            ] as [(any SQLBindable)?]
        }
        let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: pending.count).joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO spend (day, campaign_id, amount_minor, currency, platform, impressions, reach, clicks,
                                   engagements, platform_campaign_id, batch_id)
                VALUES \(rows)
                ON CONFLICT (day, campaign_id) DO UPDATE SET
                    amount_minor = excluded.amount_minor, currency = excluded.currency, platform = excluded.platform,
                    impressions = excluded.impressions, reach = excluded.reach, clicks = excluded.clicks,
                    engagements = excluded.engagements, platform_campaign_id = excluded.platform_campaign_id,
                    batch_id = excluded.batch_id
                """, arguments: arguments)
        // A day a rename removed has a history: the batch that writes it again keeps its version there too.
        let keys = pending.compactMap { spend, _ in
            Normalize.key(spend.campaign).map { PostgresStore.spendKey(day: spend.date.description, campaignKey: $0) }
        }
        for key in try db.column(
            String.self,
            sql: """
                SELECT DISTINCT record_key FROM batch_version
                WHERE table_name = 'spend' AND record_key \(JSONArgument.anyText)
                """, arguments: [try JSONArgument.text(keys)])
        {
            try PostgresStore.keepVersion(db, .spend, key: key, batchID: batchID)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
#endif
