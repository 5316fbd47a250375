import LeadTrailCore

extension RoasReport: ComparableReport {
    var header: [(String, OutputValue)] {
        options.header(report: "roas", conversion: options.conversion, model: options.model)
    }
    var keyedFigures: [(key: String, figures: [(String, OutputValue)])] { rows.map { ($0.key, fields($0.figures)) } }
    var unattributedFigures: [(String, OutputValue)] { unattributedFields }
    var totalFigures: [(String, OutputValue)] { fields(totals) }
    /// Zero figures, with spend and delivery null where they do not belong to rows.
    var absentRowFigures: [(String, OutputValue)] {
        let own: Int64? = spendPerRow || sharesSpend ? 0 : nil
        return fields(
            Figures(
                spendMinor: own, impressions: own, reach: own, clicks: own, engagements: own, touches: 0,
                leadsMicro: 0, dealsMicro: 0, wonMicro: 0, revenueMinor: 0,
                exact: Exact(spend: spendPerRow || sharesSpend ? 0 : nil)))
    }
    var tableColumns: [String] { Self.tableColumns }
    var tableTitle: String { title }
}
