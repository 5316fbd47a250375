#if Postgres
import LeadTrailStore
import Logging

extension PostgresStore {
    /// How many rows an import must add or change before it brings the planner's statistics up to date.
    static let statisticsThreshold = 10_000

    /// The tables an import of each kind fills.
    static func tablesFilled(by kind: ImportKind) -> [String] {
        switch kind {
        case .clicks: ["touch", "campaign", "shared_click_id"]
        case .forms:
            ["lead", "lead_visitor", "submission", "stage_change", "lead_event", "touch", "campaign", "shared_contact"]
        case .deals: ["deal", "refund", "lead_event"]
        case .spend: ["spend", "campaign"]
        }
    }

    /// Brings the planner's statistics of `tables` up to date (`ANALYZE`), inside the transaction that just filled
    /// them, so that they commit with the rows.
    ///
    /// PostgreSQL's autovacuum analyzes a table only a while after a bulk load; until then the planner takes a table
    /// of three million touches for a few thousand. On the benchmark's data a year's report then sorted on disk (3 s
    /// for the journeys' query instead of 1.7 s), and `leadtrail migrate`'s check of every report took minutes. A role
    /// that does not own a table gets a warning from the server, not an error: its import is not refused for it.
    static func refreshStatistics(_ db: SQLConnection, of tables: [String]) throws {
        guard !tables.isEmpty else { return }
        try db.execute(sql: "ANALYZE " + tables.joined(separator: ", "))
    }

    /// Analyzes, inside the import's transaction, each of `tables` whose statistics call it empty although it has
    /// pages: a VACUUM (autovacuum) that ran while an import filled the table counted none of the import's rows (not
    /// yet committed) after an interrupted import left only dead ones. The planner then took the table for empty and
    /// read a whole index for every key a chunk looked up (a retried import of 120,000 clicks ran for minutes instead
    /// of 17 s). ANALYZE in this transaction counts its own rows. One cheap query per chunk when nothing is wrong.
    static func keepStatisticsHonest(_ db: SQLConnection, of tables: [String]) throws {
        let stale = try db.column(
            String.self,
            sql: """
                SELECT relname::text FROM pg_class
                WHERE relname = ANY (string_to_array(?, ',')) AND relkind = 'r'
                  AND relnamespace = current_schema()::regnamespace AND reltuples = 0 AND relpages > 0
                """, arguments: [tables.joined(separator: ",")])
        guard !stale.isEmpty else { return }
        try db.execute(sql: "ANALYZE " + stale.sorted().joined(separator: ", "))
    }

    /// The tables the commit of an import of `kind` rewrites (`leadtrail_keep_visitor_paths`, schemas 17–21): filled
    /// as the import commits, so analyzed only after it (``refreshStatisticsKeptAtCommit(by:)``).
    static func tablesKeptAtCommit(by kind: ImportKind) -> [String] {
        switch kind {
        case .clicks, .forms: ["visitor_path", "visitor_touches", "lead_touches"]
        case .deals, .spend: []
        }
    }

    /// Analyzes, after a large import committed, the tables its commit rewrote. Until then the planner knows none
    /// of their rows (a table never analyzed counts as empty): the next large write's commit took "more than a
    /// quarter of the visitors changed" for true and rebuilt every visitor's row (32 s of an import of 100,000 forms
    /// after 3M clicks, against 2.4 s for the visitors the forms touched), and reports planned for empty tables.
    /// The import has committed: a failure here is logged, never the import's error.
    func refreshStatisticsKeptAtCommit(by kind: ImportKind) {
        let tables = Self.tablesKeptAtCommit(by: kind)
        guard !tables.isEmpty else { return }
        do {
            try transaction { transaction in
                try SQLConnection(transaction).execute(sql: "ANALYZE " + tables.joined(separator: ", "))
            }
        } catch {
            logger.warning("the statistics of \(tables.joined(separator: ", ")) were not refreshed: \(error)")
        }
    }
}
#endif
