#if Postgres
public import LeadTrailCore
public import LeadTrailStore

// The report loaders on PostgreSQL come from the report engine's side (issue 12, `pgread`): until they land, each
// refuses in words, naming the database.
extension PostgresStore: LeadStore {
    public func reportData(_ scope: ReportScope) throws -> ReportData { throw notYet("reports") }
    public func campaignChannelTouches(_ scope: ReportScope) throws -> CampaignChannelTouches {
        throw notYet("goal status")
    }
}
#endif
