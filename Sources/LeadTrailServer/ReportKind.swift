#if Server
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// The reports the API and the dashboard serve, by path segment.
enum ReportKind: String, Sendable {
    case attribution, roas, funnel, models

    /// The query parameters the report reads, as its CLI command takes options: `report funnel` takes no currency,
    /// `report roas` no conversion (`ReportArguments.refuse(unusedBy:uses:)`).
    var parameters: Set<String> {
        switch self {
        case .attribution, .models: ["from", "to", "model", "by", "conversion", "currency"]
        case .roas: ["from", "to", "model", "by", "currency"]
        case .funnel: ["from", "to", "model", "by"]
        }
    }

    /// The report as `leadtrail report KIND --format FORMAT` prints it: the same builders (ROAS through
    /// ``RoasReport/assemble(options:load:channelTouches:)``, so by channel its spend is shared as the CLI shares
    /// it) and the same refusal of sums that would leave the exact range.
    func rendered(options: ReportOptions, as format: OutputFormat, store: any LeadTrailDatabase) throws -> String {
        func data(_ scope: ReportScope) throws -> ReportData {
            let data = try store.reportData(scope)
            try data.checkSums(in: options.currency, timeZone: options.timeZone)
            return data
        }
        return switch self {
        case .attribution:
            try AttributionReport(data: data(AttributionReport.scope(for: options)), options: options)
                .rendered(as: format)
        case .roas:
            try RoasReport.assemble(options: options, load: data, channelTouches: store.campaignChannelTouches)
                .rendered(as: format)
        case .funnel:
            try FunnelReport.assemble(options: options, load: data, channelTouches: store.campaignChannelTouches)
                .rendered(as: format)
        case .models:
            try ModelComparison(data: data(ModelComparison.scope(for: options)), options: options)
                .rendered(as: format)
        }
    }
}
#endif
