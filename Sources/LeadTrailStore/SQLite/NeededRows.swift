import GRDB
import LeadTrailCore

/// The leads and deals a report of a short period reads (``PeriodReadSQL``'s rule: the leads created in the period,
/// the leads of the deals created, closed or refunded in it, every deal of those leads and the period's deals), their
/// ids found once and the rows then read by id.
///
/// ``PeriodReadSQL`` puts the rule in each query as subqueries, which SQLite evaluates again for every query: the
/// deals, refunds, leads and stage changes of June on the benchmark's data spent 60 ms finding the same ten thousand
/// ids four times. Here they cost four index walks, and each table one lookup per id (`json_each` of the ascending
/// list as the outer loop, so rows come in id order without a sort).
struct NeededRows {
    /// The needed leads' ids, ascending, as ``SQLiteStore/idList(_:)`` lists them.
    private let leads: String
    /// The deals' ids, ascending, listed alike.
    private let deals: String

    init(_ sql: PeriodReadSQL, _ db: Database) throws {
        // `periodDeals` is a `UNION`: distinct already.
        let periodDeals = try Self.ids(db, sql: sql.periodDeals, arguments: []).sorted()
        var leads = Set(try Self.ids(db, sql: sql.periodLeads, arguments: []))
        leads.formUnion(
            try Self.ids(
                db,
                sql: """
                    SELECT deal.lead_id FROM json_each(?) AS wanted CROSS JOIN deal ON deal.id = wanted.value
                    WHERE deal.lead_id IS NOT NULL
                    """, arguments: [SQLiteStore.idList(periodDeals)]))
        self.leads = SQLiteStore.idList(leads.sorted())
        var deals = Set(periodDeals)
        deals.formUnion(
            try Self.ids(
                db,
                sql: """
                    SELECT deal.id FROM json_each(?) AS wanted
                    CROSS JOIN deal INDEXED BY deal_by_lead ON deal.lead_id = wanted.value
                    """, arguments: [self.leads]))
        self.deals = SQLiteStore.idList(deals.sorted())
    }

    /// The deals, in id order: the columns of ``PeriodReadSQL/deals``.
    var dealRows: (sql: String, arguments: StatementArguments) {
        (
            """
            SELECT deal.id, deal.external_id, deal.lead_id, deal.amount_minor, deal.currency, deal.status,
                deal.created_at, deal.closed_at
            FROM json_each(?) AS wanted CROSS JOIN deal ON deal.id = wanted.value
            """, [deals]
        )
    }

    /// The deals' refunds, in time order: the columns of ``PeriodReadSQL/refunds``.
    var refundRows: (sql: String, arguments: StatementArguments) {
        (
            """
            SELECT refund.deal_id, refund.amount_minor, refund.at
            FROM json_each(?) AS wanted CROSS JOIN refund ON refund.deal_id = wanted.value
            ORDER BY refund.at, refund.id
            """, [deals]
        )
    }

    /// The leads, in id order: the columns of ``PeriodReadSQL/leads``.
    var leadRows: (sql: String, arguments: StatementArguments) {
        (
            """
            SELECT lead.id, lead.created_at, lead.owner, lead.stage
            FROM json_each(?) AS wanted CROSS JOIN lead ON lead.id = wanted.value
            """, [leads]
        )
    }

    /// The leads' stage changes by lead then time, when the report reads histories: the columns of
    /// ``PeriodReadSQL/stageChanges(correction:)``.
    func stageChangeRows(_ sql: PeriodReadSQL, correction: String) -> (sql: String, arguments: StatementArguments) {
        guard sql.readsStageHistory else { return (sql.stageChanges(correction: correction), []) }
        return (
            """
            SELECT sc.lead_id, sc.from_stage, sc.to_stage, sc.at, sc.changed_by, \(correction)
            FROM json_each(?) AS wanted CROSS JOIN stage_change AS sc ON sc.lead_id = wanted.value
            ORDER BY sc.lead_id, sc.at, sc.id
            """, [leads]
        )
    }

    private static func ids(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Int64] {
        var ids: [Int64] = []
        let rows = try RawRows(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { ids.append(row.int64(0)) }
        return ids
    }

}
