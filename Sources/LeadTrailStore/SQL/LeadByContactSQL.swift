/// The two queries that find the lead a deal names by email or phone, written once for both stores.
///
/// A contact's leads are those whose own email or phone it is and those a merge pinned a request of that contact to
/// (`submission.pinned_lead`). Each side is its own indexed lookup (`lead_by_email`/`lead_by_phone`,
/// `submission_by_email`/`submission_by_phone`): asked as one `WHERE (column = ? OR id IN (…))`, both planners read
/// every lead for every deal (PostgreSQL spent minutes on the benchmark's deals).
package enum LeadByContactSQL {
    /// The latest lead of the contact created at or before a time; arguments: value, time, value, time. `value` and
    /// `time` name other expressions for them (columns of an outer query that resolves many deals at once).
    package static func latest(_ column: String, value: String = "?", time: String = "?") -> String {
        """
        SELECT id FROM (
            SELECT id, created_at FROM lead WHERE \(column) = \(value) AND created_at <= \(time)
            UNION
            SELECT lead.id, lead.created_at FROM submission JOIN lead ON lead.id = submission.pinned_lead
            WHERE submission.\(column) = \(value) AND lead.created_at <= \(time)
        ) AS candidate
        ORDER BY created_at DESC, id DESC LIMIT 1
        """
    }

    /// The earliest lead of the contact; arguments: value, value (or `value` names another expression for it).
    package static func earliest(_ column: String, value: String = "?") -> String {
        """
        SELECT id FROM (
            SELECT id, created_at FROM lead WHERE \(column) = \(value)
            UNION
            SELECT lead.id, lead.created_at FROM submission JOIN lead ON lead.id = submission.pinned_lead
            WHERE submission.\(column) = \(value)
        ) AS candidate
        ORDER BY created_at, id LIMIT 1
        """
    }
}
