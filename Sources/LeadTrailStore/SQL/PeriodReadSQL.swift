package import LeadTrailCore

/// What a report of a period reads of the leads, deals and stage changes, written once for both stores: only what
/// the period needs, so that a month's report costs what the month holds, not what the years before it hold.
///
/// The journey engine's rule (``LeadTrailJourneys/JourneyNeeds``): a report needs the leads created in its period and
/// the leads of deals created, closed or refunded in it. It reads those leads, their stage changes, every deal of
/// theirs (a lead's pipeline is derived from all its deals) and the period's deals, whoever their lead. Schema 15's
/// time indexes (`lead_by_created_at`, `deal_by_created_at`, `deal_by_closed_at`, `refund_by_time`) find them.
///
/// A period that spans a quarter or more of the leads' history needs most of every table, which whole-table reads
/// in id order give for less than lookups (the year's leads and deals: 0.3 s against 1.2 s on the benchmark's data);
/// the store then keeps what the rule needs itself (``LeadTrailJourneys/JourneyNeeds/keeps(_:)``), so a report's data
/// is the same either way.
///
/// The period's bounds are integers (microseconds) written into the text, so the same text runs on both stores
/// without placeholders, and each planner sees the real range.
package struct PeriodReadSQL: Sendable {
    private let start: Int64
    private let end: Int64
    /// Whether the database keeps `shared_contact` (schema 15 on).
    private let keepsSharedContacts: Bool
    /// Whether the period is long beside the leads' history: every lead, deal and stage change is read.
    package let readsWholeTables: Bool
    /// Whether the report reads stage histories (``LeadTrailCore/ReportScope/needsStageHistory``).
    package let readsStageHistory: Bool

    /// The first and last lead's created times: `MIN(created_at), MAX(created_at)`, NULL without leads. Two
    /// subqueries: SQLite reads one end of `lead_by_created_at` for a lone `MIN` or `MAX`, but walks the whole
    /// index for both in one `SELECT` (10 ms of a month's report on the benchmark's data).
    package static let leadSpan = "SELECT (SELECT MIN(created_at) FROM lead), (SELECT MAX(created_at) FROM lead)"

    /// - Parameter leadSpan: what ``leadSpan`` gave (nil without leads).
    package init(_ scope: ReportScope, leadSpan: (first: Int64, last: Int64)?, keepsSharedContacts: Bool = true) {
        let (start, end) = (scope.start.microseconds, scope.end.microseconds)
        self.start = start
        self.end = end
        self.keepsSharedContacts = keepsSharedContacts
        readsStageHistory = scope.needsStageHistory
        readsWholeTables = leadSpan.map { (end - start) &* 4 >= $0.last - $0.first } ?? true
    }

    private func inPeriod(_ column: String) -> String { "\(column) >= \(start) AND \(column) < \(end)" }

    /// The ids of the deals created, closed or refunded in the period.
    package var periodDeals: String {
        """
        SELECT id FROM deal WHERE \(inPeriod("created_at"))
        UNION SELECT id FROM deal WHERE \(inPeriod("closed_at"))
        UNION SELECT deal_id FROM refund WHERE \(inPeriod("at"))
        """
    }

    /// The ids of the leads created in the period.
    package var periodLeads: String { "SELECT id FROM lead WHERE \(inPeriod("created_at"))" }

    /// The ids of the leads the report needs.
    private var neededLeads: String {
        """
        \(periodLeads)
        UNION SELECT lead_id FROM deal WHERE lead_id IS NOT NULL AND id IN (\(periodDeals))
        """
    }

    /// A `WHERE` keeping the rows whose `column` is a needed lead; none when the whole table is read.
    private func onlyNeeded(_ column: String) -> String {
        readsWholeTables ? "" : "WHERE \(column) IN (\(neededLeads))"
    }

    /// The ids of the deals the report reads: the period's, and every deal of a needed lead.
    private var neededDeals: String {
        """
        \(periodDeals)
        UNION SELECT deal.id FROM deal WHERE deal.lead_id IN (\(neededLeads))
        """
    }

    /// The deals the report reads, in id order: `id, external_id, lead_id, amount_minor, currency, status,
    /// created_at, closed_at`.
    package var deals: String {
        """
        SELECT id, external_id, lead_id, amount_minor, currency, status, created_at, closed_at
        FROM deal \(readsWholeTables ? "" : "WHERE id IN (\(neededDeals))") ORDER BY id
        """
    }

    /// The refunds of those deals, in time order: `deal_id, amount_minor, at`.
    package var refunds: String {
        readsWholeTables
            ? "SELECT deal_id, amount_minor, at FROM refund ORDER BY at, id"
            : "SELECT deal_id, amount_minor, at FROM refund WHERE deal_id IN (\(neededDeals)) ORDER BY at, id"
    }

    /// The needed leads, in id order: `id, created_at, owner, stage` (contacts come with ``people``, for the few
    /// leads identity follows: a year's 100,000 emails were half of what PostgreSQL sent for the leads).
    package var leads: String {
        "SELECT id, created_at, owner, stage FROM lead \(onlyNeeded("id")) ORDER BY id"
    }

    /// The needed leads' stage changes, by lead then time: `lead_id, from_stage, to_stage, at, changed_by`, then
    /// `correction` (the given column, `0` on a database older than schema 9). None when the report reads no
    /// histories.
    package func stageChanges(correction: String = "correction") -> String {
        """
        SELECT lead_id, from_stage, to_stage, at, changed_by, \(correction) FROM stage_change
        \(readsStageHistory ? onlyNeeded("lead_id") : "WHERE 1 = 0") ORDER BY lead_id, at, id
        """
    }

    /// The needed leads with more than one visitor of their own: `lead_id`.
    package var multiVisitorLeads: String {
        "SELECT lead_id FROM lead_visitor \(onlyNeeded("lead_id")) GROUP BY lead_id HAVING COUNT(*) > 1"
    }

    /// The emails (`column` `email`) or phones (`phone`) two or more leads share: `value`. Schema 15's
    /// `shared_contact` keeps them; an older SQLite database being read before its first write groups every lead's.
    package func sharedContacts(_ column: String) -> String {
        keepsSharedContacts
            ? "SELECT value FROM shared_contact WHERE kind = '\(column)'"
            : "SELECT \(column) FROM lead WHERE \(column) IS NOT NULL GROUP BY \(column) HAVING COUNT(*) > 1"
    }

    /// The leads whose email or phone another lead shares.
    private var sharingLeads: String {
        """
        SELECT id FROM lead WHERE email IN (\(sharedContacts("email")))
        UNION SELECT id FROM lead WHERE phone IN (\(sharedContacts("phone")))
        """
    }

    /// Every lead, whenever created, whose email or phone another lead shares — the leads identity may follow
    /// (``LeadTrailJourneys/PersonGraph``) — in id order: `id, created_at, email, phone`.
    package var people: String {
        "SELECT id, created_at, email, phone FROM lead WHERE id IN (\(sharingLeads)) ORDER BY id"
    }

    /// The visitors of the leads identity may need them of — the people (``people``) and the leads with a visitor
    /// that shares a click id — by lead: `lead_id, visitor`.
    package var identityVisitors: String {
        """
        SELECT lead_id, visitor FROM lead_visitor
        WHERE lead_id IN (
            \(sharingLeads)
            UNION
            SELECT lv.lead_id FROM shared_click_id JOIN touch ON touch.click_id = shared_click_id.click_id
            JOIN lead_visitor AS lv ON lv.visitor = touch.visitor
        )
        ORDER BY lead_id, visitor
        """
    }
}
