import GRDB
import LeadTrailCore

/// Merging and forgetting people on SQLite: the rows are ``SQLStore``'s (`SQLStore+People.swift`), shared with
/// PostgreSQL; judging the merged person again is the store's own.
extension SQLiteStore {
    public func mergeLeads(keep: Int64, other: Int64) throws {
        guard keep != other else { throw StoreError.mergeSelf(keep) }
        try write { db in
            let contacts = try Self.mergeLeadRows(SQLiteTransaction(db), keep: keep, other: other)
            try Self.redirect(db, lead: other, to: keep, reason: "merged")
            try Self.rejudgePeople(db, contacts: contacts, leads: [keep])
        }
    }

    public func forgetLead(_ id: Int64) throws {
        try writeSQL { db in try Self.forgetLead(db, id: id) }
    }
}
