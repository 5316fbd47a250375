#if Postgres
public import LeadTrailStore

// The report loaders (`reportData`, `campaignChannelTouches`) are in PostgresStore+Reports.swift.
extension PostgresStore: LeadStore {}
#endif
