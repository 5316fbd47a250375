package import LeadTrailCore

/// What a report of a period reads of the leads, deals and stage changes, written once for both stores: only what
/// the period needs, so that a month's report costs what the month holds, not what the years before it hold.
///
/// The journey engine's rule (``LeadTrailJourneys/JourneyNeeds``): a report needs the leads created in its period and
/// the leads of deals created, closed or refunded in it. It reads those leads, their stage changes, every deal of
/// theirs (a lead's pipeline is derived from all its deals) and the period's deals, whoever their lead. Schema 15's
/// time indexes (`lead_by_created_at`, `deal_by_created_at`, `deal_by_closed_at`, `refund_by_time`) find them.
///
/// The period's bounds are integers (microseconds) written into the text, so the same text runs on both stores
/// without placeholders, and each planner sees the real range.
package struct PeriodReadSQL: Sendable {
    private let start: Int64
    private let end: Int64
    /// Whether the database keeps `shared_contact` (schema 15 on).
    private let keepsSharedContacts: Bool

    package init(_ scope: ReportScope, keepsSharedContacts: Bool = true) {
        start = scope.start.microseconds
        end = scope.end.microseconds
        self.keepsSharedContacts = keepsSharedContacts
    }

    private func inPeriod(_ column: String) -> String { "\(column) >= \(start) AND \(column) < \(end)" }

    /// The ids of the deals created, closed or refunded in the period.
    private var periodDeals: String {
        """
        SELECT id FROM deal WHERE \(inPeriod("created_at"))
        UNION SELECT id FROM deal WHERE \(inPeriod("closed_at"))
        UNION SELECT deal_id FROM refund WHERE \(inPeriod("at"))
        """
    }

    /// The ids of the leads the report needs.
    private var neededLeads: String {
        """
        SELECT id FROM lead WHERE \(inPeriod("created_at"))
        UNION SELECT lead_id FROM deal WHERE lead_id IS NOT NULL AND id IN (\(periodDeals))
        """
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
        FROM deal WHERE id IN (\(neededDeals)) ORDER BY id
        """
    }

    /// The refunds of those deals, in time order: `deal_id, amount_minor, at`.
    package var refunds: String {
        "SELECT deal_id, amount_minor, at FROM refund WHERE deal_id IN (\(neededDeals)) ORDER BY at, id"
    }

    /// The needed leads, in id order: `id, created_at, owner, stage, email, phone`.
    package var leads: String {
        "SELECT id, created_at, owner, stage, email, phone FROM lead WHERE id IN (\(neededLeads)) ORDER BY id"
    }

    /// The needed leads' stage changes, by lead then time: `lead_id, from_stage, to_stage, at, changed_by`, then
    /// `correction` (the given column, `0` on a database older than schema 9).
    package func stageChanges(correction: String = "correction") -> String {
        """
        SELECT lead_id, from_stage, to_stage, at, changed_by, \(correction) FROM stage_change
        WHERE lead_id IN (\(neededLeads)) ORDER BY lead_id, at, id
        """
    }

    /// The needed leads with more than one visitor of their own: `lead_id`.
    package var multiVisitorLeads: String {
        "SELECT lead_id FROM lead_visitor WHERE lead_id IN (\(neededLeads)) GROUP BY lead_id HAVING COUNT(*) > 1"
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
