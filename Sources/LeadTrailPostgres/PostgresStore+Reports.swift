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
        // Inside a transaction already open (`migrate --from sqlite:` verifies its copy before committing it) a second
        // connection would not see what that transaction wrote: the report reads on this one alone.
        let sharesSnapshot = current == nil
        return try transaction(readOnly: true, repeatableRead: true) { transaction in
            var clock = ReportStepClock(logger: logger)
            let rows = ReportRows(transaction: transaction)
            try Self.tuneForReports(rows)
            var loader = PostgresReportLoader(scope: scope, rows: rows)
            try loader.loadCampaigns()
            try loader.startReading(withSide: sharesSnapshot)
            defer { loader.finish() }
            let deals = try loader.deals()
            clock.lap("deals")
            try loader.loadIdentity()
            clock.lap("identity")
            try loader.loadLeads(deals: deals)
            clock.lap("leads")
            try loader.loadJourneys()
            clock.lap("journeys")
            let periodTouches = scope.needsPeriodTouches ? try loader.loadPeriodTouches() : nil
            clock.lap("period touches")
            let spend = try loader.loadSpend()
            let rates = ExchangeRates(try Self.rates(SQLConnection(transaction)))
            clock.lap("spend and rates")
            return ReportData(
                keys: loader.keys, leads: loader.leads, deals: loader.kept(deals), spend: spend, rates: rates,
                periodTouches: periodTouches
            ).numberingKeysInOrder()
        }
    }

    /// Settings for a report's transaction alone (`SET LOCAL`): no JIT compilation, which PostgreSQL starts for any
    /// query it costs above `jit_above_cost` — the year's journeys and period touches — and which took seconds
    /// of a report that runs once (4.3 s of a 35 s period-touch query measured on the benchmark data); and no parallel
    /// workers: a long report shares its work between its own two connections (``ReportSide``), and workers beside
    /// them only fought for the same cores (the year's linear 6.1 → 5.3 s, Markov 20 → 15.6 s on the 2-core
    /// benchmark machine, before the journeys were split); and 64 MB of `work_mem` for each sort and hash: at the
    /// default 4 MB the year's Markov grouped its 900k kept paths and sorted its 99k listed visitors on disk. Both
    /// connections of a report take them (``ReportSide``).
    static let reportSettings = [
        "SET LOCAL jit = off", "SET LOCAL max_parallel_workers_per_gather = 0", "SET LOCAL work_mem = '64MB'",
    ]

    static func tuneForReports(_ rows: ReportRows) throws {
        for setting in reportSettings { try rows.execute(setting) }
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
