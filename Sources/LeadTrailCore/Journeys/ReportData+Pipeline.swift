extension ReportData {
    /// Each lead's pipeline, parallel to ``leads``: its stage derived from its recorded moves and its deals, as
    /// `lead list` and `lead show` derive it, so every report agrees with them whatever order the data came in.
    public func pipelines() -> [LeadPipeline] {
        var byLead: [Int64: [Deal]] = [:]
        for deal in deals {
            if let leadID = deal.leadID { byLead[leadID, default: []].append(deal) }
        }
        return leads.map { LeadPipeline(recorded: $0.stage, history: $0.history, deals: byLead[$0.id] ?? []) }
    }
}
