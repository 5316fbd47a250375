import GRDB
public import LeadTrailCore

/// The pipeline on SQLite: stage moves and corrections, reopened deals. The queries are ``SQLStore``'s
/// (`SQLStore+Pipeline.swift`), shared with PostgreSQL; the rules are `LeadTrailCore`'s ``LeadPipeline`` and
/// ``StageMove``.
extension SQLiteStore {
    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool) throws {
        try writeSQL { db in try Self.moveLead(db, id: id, to: stage, at: time, by: who, correcting: correcting) }
    }

    public func reopenDeal(_ reference: String) throws -> Deal {
        try writeSQL { db in try Self.reopenDeal(db, reference) }
    }

    /// `correction` from schema 9 on, else a constant 0: a database read before `leadtrail migrate` still lists
    /// and reports (it has no corrections yet).
    static func correctionColumn(_ db: Database) throws -> String {
        try db.columns(in: "stage_change").contains { $0.name == "correction" } ? "correction" : "0"
    }
}
