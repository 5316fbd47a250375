#if Postgres
public import LeadTrailCore
import LeadTrailStore
import PostgresNIO

extension PostgresStore {
    /// Loads what a report of the scope reads, in one `REPEATABLE READ READ ONLY` transaction: every figure comes
    /// from one snapshot of the data, and a role with only `SELECT` rights can run it.
    ///
    /// The rules that decide who gets the money are the journey engine's (`LeadTrailJourneys`), fed the same rows
    /// in the same order as the SQLite store feeds them, so both stores give byte-identical reports.
    public func reportData(_ scope: ReportScope) throws -> ReportData {
        try transaction(readOnly: true, repeatableRead: true) { transaction in
            let rows = ReportRows(transaction: transaction)
            try Self.tuneForReports(rows)
            var loader = PostgresReportLoader(scope: scope, rows: rows)
            try loader.loadCampaigns()
            let deals = try loader.allDeals()
            try loader.loadIdentity()
            try loader.loadLeads(deals: deals)
            try loader.loadJourneys()
            let periodTouches = scope.needsPeriodTouches ? try loader.loadPeriodTouches() : nil
            let spend = try loader.loadSpend()
            let rates = ExchangeRates(try Self.rates(SQLConnection(transaction)))
            return ReportData(
                keys: loader.keys, leads: loader.leads, deals: deals, spend: spend, rates: rates,
                periodTouches: periodTouches
            ).numberingKeysInOrder()
        }
    }

    /// Settings for a report's transaction alone (`SET LOCAL`): no JIT compilation, which PostgreSQL starts for any
    /// query it costs above `jit_above_cost` — the year's journeys and period touches — and which took seconds
    /// of a report that runs once (4.3 s of a 35 s period-touch query measured on the benchmark data).
    static func tuneForReports(_ rows: ReportRows) throws {
        try rows.execute("SET LOCAL jit = off")
    }

    /// Each campaign's stored touches per channel in the scope's period (as ``SQLiteStore``'s: every touch dated in
    /// it that names a campaign, form touches included), in one read-only snapshot.
    public func campaignChannelTouches(_ scope: ReportScope) throws -> CampaignChannelTouches {
        try transaction(readOnly: true, repeatableRead: true) { transaction in
            var counts: [String: [LeadTrailCore.Channel: Int]] = [:]
            var bindings = PostgresBindings()
            bindings.append(scope.start.microseconds)
            bindings.append(scope.end.microseconds)
            try ReportRows(transaction: transaction).forEach(
                """
                SELECT campaign.key, touch.channel, COUNT(*)::bigint
                FROM touch JOIN campaign ON campaign.id = touch.campaign_id
                WHERE touch.at >= $1 AND touch.at < $2
                GROUP BY campaign.key, touch.channel
                """, bindings
            ) { row in
                let key = try row.text()
                let channel = LeadTrailCore.Channel(rawValue: try row.text()) ?? .other
                counts[key, default: [:]][channel, default: 0] += Int(clamping: try row.int())
            }
            return CampaignChannelTouches(counts)
        }
    }
}
#endif
