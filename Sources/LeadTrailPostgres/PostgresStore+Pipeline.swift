#if Postgres
public import LeadTrailCore
import LeadTrailStore

/// The pipeline on PostgreSQL: stage moves and corrections, reopened deals. The queries are ``SQLStore``'s
/// (`SQLStore+Pipeline.swift`), shared with SQLite; the rules are `LeadTrailCore`'s ``LeadPipeline`` and
/// ``StageMove``.
extension PostgresStore {
    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool) throws {
        try write { db in try Self.moveLead(db, id: id, to: stage, at: time, by: who, correcting: correcting) }
    }

    public func reopenDeal(_ reference: String) throws -> Deal {
        try write { db in try Self.reopenDeal(db, reference) }
    }
}
#endif
