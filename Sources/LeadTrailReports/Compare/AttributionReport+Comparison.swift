import LeadTrailCore

extension AttributionReport: ComparableReport {
    var header: [(String, OutputValue)] {
        options.header(report: "attribution", conversion: options.conversion, model: options.model)
    }
    var keyedFigures: [(key: String, figures: [(String, OutputValue)])] { rows.map { ($0.key, figures($0)) } }
    var unattributedFigures: [(String, OutputValue)] { figures(unattributed) }
    var totalFigures: [(String, OutputValue)] { figures(totals) }
    var absentRowFigures: [(String, OutputValue)] {
        figures(Row(key: "", conversionsMicro: 0, valueMinor: 0))
    }
    var tableColumns: [String] { ["conversions", "value"] }
    var tableTitle: String { title }
}
