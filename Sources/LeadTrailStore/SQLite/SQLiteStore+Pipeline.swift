import GRDB
public import LeadTrailCore

/// The pipeline's queries: stage moves and corrections, reopened deals, and the rows a lead's derived stage is read
/// from. The rules (which moves are corrections, what stage the deals give) are `LeadTrailCore`'s ``LeadPipeline`` and
/// ``StageMove``.
extension SQLiteStore {
    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool) throws {
        try write { db in try Self.moveLead(db, id: id, to: stage, at: time, by: who, correcting: correcting) }
    }

    /// Moves a lead from the stage it is shown in (its derived stage), recording the move or correction.
    static func moveLead(
        _ db: Database, id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool = false
    ) throws {
        let lead = try requireLead(db, id: id)
        try lead.checkStageChange(at: time)
        let history = try stageHistory(db, lead: id)
        try StageMove.checkOrder(lead: id, at: time, history: history)
        let deals = try deals(db, filter: DealFilter(leadID: id))
        let current = LeadPipeline.asOf(time, history: history, deals: deals).stage
        let move = try StageMove.check(lead: id, from: current, to: stage, correcting: correcting)
        try db.execute(sql: "UPDATE lead SET stage = ? WHERE id = ?", arguments: [stage.rawValue, id])
        try db.execute(
            sql: """
                INSERT INTO stage_change (lead_id, from_stage, to_stage, at, changed_by, correction)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, current.rawValue, stage.rawValue, time.microseconds, who, move == .correction ? 1 : 0])
    }

    public func reopenDeal(_ reference: String) throws -> Deal {
        try write { db in
            let deal = try Self.requireDeal(db, reference)
            try deal.checkReopen()
            try db.execute(sql: "UPDATE deal SET status = 'open', closed_at = NULL WHERE id = ?", arguments: [deal.id])
            return try Self.requireDeal(db, String(deal.id))
        }
    }

    /// A lead's recorded history and its pipeline derived from it and its deals.
    static func pipeline(_ db: Database, lead: Lead) throws -> (pipeline: LeadPipeline, history: [StageChange]) {
        let history = try stageHistory(db, lead: lead.id)
        let deals = try deals(db, filter: DealFilter(leadID: lead.id))
        return (LeadPipeline(recorded: lead.stage, history: history, deals: deals), history)
    }

    /// The recorded stage moves of a lead, oldest first.
    static func stageHistory(_ db: Database, lead: Int64) throws -> [StageChange] {
        let correction = try correctionColumn(db)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT from_stage, to_stage, at, changed_by, \(correction) AS correction FROM stage_change
                WHERE lead_id = ? ORDER BY at, id
                """, arguments: [lead]
        ).map(stageChange(row:))
    }

    static func stageChange(row: Row) -> StageChange {
        StageChange(
            from: (row["from_stage"] as String?).flatMap(Stage.init(rawValue:)),
            to: Stage(rawValue: row["to_stage"]) ?? .new, at: Timestamp(microseconds: row["at"]),
            by: row["changed_by"], kind: (row["correction"] as Int64?) == 1 ? .correction : .move)
    }

    /// `correction` from schema 9 on, else a constant 0: a database read before `leadtrail migrate` still lists
    /// and reports (it has no corrections yet).
    static func correctionColumn(_ db: Database) throws -> String {
        try db.columns(in: "stage_change").contains { $0.name == "correction" } ? "correction" : "0"
    }

    /// Every lead newest first, in the stage its pipeline gives it, that the query keeps; at most `limit`.
    static func leads(_ db: Database, query: LeadQuery, limit: Int?) throws -> [Lead] {
        var histories: [Int64: [StageChange]] = [:]
        let correction = try correctionColumn(db)
        let changes = try Row.fetchCursor(
            db,
            sql: """
                SELECT lead_id, from_stage, to_stage, at, changed_by, \(correction) AS correction FROM stage_change
                ORDER BY lead_id, at, id
                """)
        while let row = try changes.next() {
            histories[row["lead_id"], default: []].append(stageChange(row: row))
        }
        var deals: [Int64: [Deal]] = [:]
        for deal in try allDeals(db) {
            if let leadID = deal.leadID { deals[leadID, default: []].append(deal) }
        }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = query.createdFrom {
            conditions.append("created_at >= ?")
            arguments += [from.microseconds]
        }
        if let before = query.createdBefore {
            conditions.append("created_at < ?")
            arguments += [before.microseconds]
        }
        if let phone = query.phone {
            conditions.append("phone = ?")
            arguments += [phone.e164]
        }
        if let email = query.email {
            conditions.append("email = ?")
            arguments += [email.normalized]
        }
        var sql = "SELECT * FROM lead"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY created_at DESC, id DESC"
        var found: [Lead] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            if let limit, found.count >= limit { break }
            var lead = try lead(row: row)
            lead.stage =
                LeadPipeline(recorded: lead.stage, history: histories[lead.id] ?? [], deals: deals[lead.id] ?? [])
                .stage
            if query.matches(lead, stage: lead.stage) { found.append(lead) }
        }
        return found
    }
}
