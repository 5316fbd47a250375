package import LeadTrailCore

/// The leads sent back to the ad platforms, written once for both stores.
extension SQLStore {
    /// Every lead with an exportable event — created, qualified or a deal won — in `[from, to)`, with what the ad
    /// platforms can recognise the person by. Run in one read transaction, so every lead comes from the same state.
    package static func exportLeads(_ db: some SQLTransaction, from: Timestamp, to: Timestamp) throws -> [ExportLead] {
        let ids = try db.column(
            Int64.self,
            sql: """
                SELECT id FROM lead WHERE created_at >= ?1 AND created_at < ?2
                UNION SELECT lead_id FROM stage_change WHERE at >= ?1 AND at < ?2
                UNION SELECT lead_id FROM deal
                  WHERE lead_id IS NOT NULL
                    AND (created_at >= ?1 AND created_at < ?2 OR closed_at >= ?1 AND closed_at < ?2)
                ORDER BY 1
                """, arguments: [from.microseconds, to.microseconds])
        return try ids.map { try exportLead(db, id: $0) }
    }

    private static func exportLead(_ db: some SQLTransaction, id: Int64) throws -> ExportLead {
        guard
            let row = try db.fetchOne(
                sql: "SELECT id, created_at, email, phone, forgotten_at, fields FROM lead WHERE id = ?",
                arguments: [id])
        else { throw StoreError.unknownLead(id) }
        var lead = ExportLead(id: id, createdAt: Timestamp(microseconds: row["created_at"]))
        lead.forgotten = (row["forgotten_at"] as Int64?) != nil
        try exportEvents(db, into: &lead)
        // An erased person's events are only counted, never sent: nothing identifying is read.
        if lead.forgotten { return lead }
        // The person: every lead with one of this lead's contacts (the lead's own contacts first).
        let email: String? = row["email"]
        let phone: String? = row["phone"]
        let people = try db.fetchAll(
            sql: """
                SELECT id, email, phone, \(db.dialect.jsonText("fields", key: "_ym_uid")) AS ym_uid, created_at FROM lead
                WHERE forgotten_at IS NULL AND (id = ? OR email = ? OR phone = ?)
                ORDER BY id = ? DESC, created_at, id
                """, arguments: [id, email, phone, id])
        var visitors: [String] = []
        for person in people {
            if let email: String = person["email"], !lead.emails.contains(email) { lead.emails.append(email) }
            if let phone: String = person["phone"], !lead.phones.contains(phone) { lead.phones.append(phone) }
            if let uid = person["ym_uid"] as String?, !uid.isEmpty {
                lead.metricaVisits.append(
                    ExportClick(
                        parameter: "ym_client_id", value: uid, at: Timestamp(microseconds: person["created_at"])))
            }
            visitors += try db.column(
                String.self, sql: "SELECT visitor FROM lead_visitor WHERE lead_id = ?",
                arguments: [person["id"] as Int64])
        }
        visitors = Array(Set(visitors)).sorted()
        for visitor in visitors {
            for touch in try db.fetchAll(
                sql: """
                    SELECT touch.at, touch.click_id_type, touch.click_id, import_batch.preset FROM touch
                    LEFT JOIN import_batch ON import_batch.id = touch.batch_id
                    WHERE touch.visitor = ?
                    """, arguments: [visitor])
            {
                let at = Timestamp(microseconds: touch["at"])
                if let type: String = touch["click_id_type"], let value: String = touch["click_id"] {
                    lead.clicks.append(ExportClick(parameter: type, value: value, at: at))
                }
                if touch["preset"] as String? == "yandex-metrica" {
                    lead.metricaVisits.append(ExportClick(parameter: "ym_client_id", value: visitor, at: at))
                }
            }
        }
        let byTime: (ExportClick, ExportClick) -> Bool = {
            ($0.at, $0.parameter, $0.value) < ($1.at, $1.parameter, $1.value)
        }
        lead.clicks.sort(by: byTime)
        lead.metricaVisits.sort(by: byTime)
        lead.metaLeadID = try db.value(
            String.self,
            sql: """
                SELECT submission.record_key FROM submission JOIN import_batch ON import_batch.id = submission.batch_id
                WHERE submission.lead_id = ? AND import_batch.preset = 'meta-lead-ads'
                ORDER BY submission.created_lead DESC, submission.record_key LIMIT 1
                """, arguments: [id])
        return lead
    }

    /// When the lead qualified for good (``LeadPipeline/qualifiedAt(history:deals:)``: never a qualification a
    /// correction took back), and its won deals.
    private static func exportEvents(_ db: some SQLTransaction, into lead: inout ExportLead) throws {
        let deals = try deals(db, filter: DealFilter(leadID: lead.id))
        lead.qualifiedAt = LeadPipeline.qualifiedAt(history: try stageHistory(db, lead: lead.id), deals: deals)
        lead.wonDeals = deals.compactMap { deal in
            guard deal.status == .won, let closed = deal.closedAt else { return nil }
            return ExportDeal(id: deal.id, amount: deal.amount, closedAt: closed)
        }
        .sorted { ($0.closedAt, $0.id) < ($1.closedAt, $1.id) }
    }
}
