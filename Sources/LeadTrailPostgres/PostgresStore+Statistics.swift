#if Postgres
import LeadTrailStore

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
}
#endif
