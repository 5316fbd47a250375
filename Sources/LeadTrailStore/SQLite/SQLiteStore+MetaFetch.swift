import GRDB
public import LeadTrailCore

/// A Meta lead id the webhook kept, waiting for `hook fetch-meta` to fetch its lead from the Graph API.
public struct PendingMetaLead: Sendable, Equatable {
    /// Meta's `leadgen_id`.
    public var id: String
    /// The form and ad the notification named, used when the Graph API's answer leaves them out.
    public var formID: String?
    public var adID: String?

    /// A pending id.
    public init(id: String, formID: String?, adID: String?) {
        self.id = id
        self.formID = formID
        self.adID = adID
    }
}

extension SQLiteStore {
    /// The Meta lead ids of webhook source `source` not fetched yet, oldest first.
    public func pendingMetaLeads(source: String) throws -> [PendingMetaLead] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT leadgen_id, form_id, ad_id FROM meta_leadgen
                    WHERE source = ? AND fetched_at IS NULL ORDER BY received_at, leadgen_id
                    """, arguments: [source]
            ).map { row in PendingMetaLead(id: row["leadgen_id"], formID: row["form_id"], adID: row["ad_id"]) }
        }
    }

    /// Marks a Meta lead id fetched (its lead written, or known to be a test lead), so no later run fetches it.
    public func markMetaLeadFetched(id: String, at time: Timestamp) throws {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE meta_leadgen SET fetched_at = ? WHERE leadgen_id = ? AND fetched_at IS NULL",
                arguments: [time.microseconds, id])
        }
    }
}
