package import LeadTrailCore

/// The pipeline's queries, written once for both stores: stage moves and corrections, and the rows a lead's derived
/// stage is read from. The rules (which moves are corrections, what stage the deals give) are `LeadTrailCore`'s
/// ``LeadPipeline``, ``StageMove`` and ``LeadQuery``.
extension SQLStore {
    /// Moves a lead from the stage it is shown in (its derived stage), recording the move or correction.
    package static func moveLead(
        _ db: some SQLTransaction, id: Int64, to stage: Stage, at time: Timestamp, by who: String?,
        correcting: Bool = false
    ) throws {
        // Two reps moving one lead at once are judged one after the other, each from the stage the other left.
        let lead = try requireLeadForWriting(db, id: id)
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

    /// A lead's recorded history and its pipeline derived from it and its deals.
    package static func pipeline(
        _ db: some SQLTransaction, lead: Lead
    ) throws -> (pipeline: LeadPipeline, history: [StageChange]) {
        let history = try stageHistory(db, lead: lead.id)
        let deals = try deals(db, filter: DealFilter(leadID: lead.id))
        return (LeadPipeline(recorded: lead.stage, history: history, deals: deals), history)
    }

    /// The recorded stage moves of a lead, oldest first.
    package static func stageHistory(_ db: some SQLTransaction, lead: Int64) throws -> [StageChange] {
        let correction = try db.stageCorrectionColumn()
        return try db.fetchAll(
            sql: """
                SELECT from_stage, to_stage, at, changed_by, \(correction) AS correction FROM stage_change
                WHERE lead_id = ? ORDER BY at, id
                """, arguments: [lead]
        ).map(stageChange(row:))
    }

    package static func stageChange(row: SQLRow) -> StageChange {
        StageChange(
            from: (row["from_stage"] as String?).flatMap(Stage.init(rawValue:)),
            to: Stage(rawValue: row["to_stage"]) ?? .new, at: Timestamp(microseconds: row["at"]),
            by: row["changed_by"], kind: (row["correction"] as Int64?) == 1 ? .correction : .move)
    }

    /// Every lead newest first, in the stage its pipeline gives it, that the query keeps; at most `limit`.
    package static func leads(_ db: some SQLTransaction, query: LeadQuery, limit: Int?) throws -> [Lead] {
        var histories: [Int64: [StageChange]] = [:]
        let correction = try db.stageCorrectionColumn()
        try db.forEachRow(
            sql: """
                SELECT lead_id, from_stage, to_stage, at, changed_by, \(correction) AS correction FROM stage_change
                ORDER BY lead_id, at, id
                """, arguments: []
        ) { row in
            histories[row["lead_id"], default: []].append(stageChange(row: row))
            return true
        }
        var deals: [Int64: [Deal]] = [:]
        for deal in try allDeals(db) {
            if let leadID = deal.leadID { deals[leadID, default: []].append(deal) }
        }
        var conditions: [String] = []
        var arguments: [(any SQLBindable)?] = []
        if let from = query.createdFrom {
            conditions.append("created_at >= ?")
            arguments.append(from.microseconds)
        }
        if let before = query.createdBefore {
            conditions.append("created_at < ?")
            arguments.append(before.microseconds)
        }
        // A contact names the lead that carries it or holds a request with it: after `lead merge A B`, B's phone
        // shows A (`LeadQuery.phone`).
        if let phone = query.phone {
            conditions.append(
                "id IN (SELECT id FROM lead WHERE phone = ? UNION SELECT lead_id FROM submission WHERE phone = ?)")
            arguments += [phone.e164, phone.e164]
        }
        if let email = query.email {
            conditions.append(
                "id IN (SELECT id FROM lead WHERE email = ? UNION SELECT lead_id FROM submission WHERE email = ?)")
            arguments += [email.normalized, email.normalized]
        }
        var sql = "SELECT * FROM lead"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY created_at DESC, id DESC"
        var found: [Lead] = []
        try db.forEachRow(sql: sql, arguments: arguments) { row in
            if let limit, found.count >= limit { return false }
            var lead = try lead(row: row)
            lead.stage =
                LeadPipeline(recorded: lead.stage, history: histories[lead.id] ?? [], deals: deals[lead.id] ?? [])
                .stage
            if query.matches(lead, stage: lead.stage) { found.append(lead) }
            return true
        }
        return found
    }
}
