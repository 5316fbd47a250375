public import LeadTrailCore

extension SQLiteStore {
    /// Every lead with an exportable event — created, qualified or a deal won — in `[from, to)`, with what the ad
    /// platforms can recognise the person by (``SQLStore/exportLeads(_:from:to:)``, shared with PostgreSQL).
    public func exportLeads(from: Timestamp, to: Timestamp) throws -> [ExportLead] {
        try readSQL { db in try Self.exportLeads(db, from: from, to: to) }
    }
}
