#if Postgres
import LeadTrailCore
import LeadTrailStore

/// Merging and forgetting people on PostgreSQL: the rows are ``SQLStore``'s (`SQLStore+People.swift`), shared with
/// SQLite; judging the merged person again is the store's own.
extension PostgresStore {
    public func mergeLeads(keep: Int64, other: Int64) throws {
        guard keep != other else { throw StoreError.mergeSelf(keep) }
        try write { db in
            let contacts = try Self.mergeLeadRows(db, keep: keep, other: other)
            try Self.redirect(db, lead: other, to: keep, reason: "merged")
            try Self.rejudgePeople(db, contacts: contacts, leads: [keep])
        }
    }

    /// Forgetting takes the judging lock (shared) first: an import of forms judges a chunk's requests against the
    /// leads it read at the chunk's start, under the exclusive lock, so a lead is never forgotten under it.
    public func forgetLead(_ id: Int64) throws {
        try write { db in
            try Self.lockPeople(db, [String]())
            try Self.forgetLead(db, id: id)
        }
    }
}
#endif
