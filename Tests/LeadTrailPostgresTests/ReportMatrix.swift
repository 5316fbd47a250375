#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore

/// Every report a user can ask for over a period — attribution under each model and ROAS and model comparison by
/// each dimension, funnel, speed, an A/B test and goal status (which reads
/// `campaignChannelTouches`) — each in table, JSON and CSV: what two stores must print alike, byte for byte.
enum ReportMatrix {
    /// Output name → output.
    ///
    /// - Parameter listing: whether the store lists every period touch (``ReportScope/countsPeriodTouches`` false)
    ///   instead of counting those no journey can hold.
    static func outputs(
        of store: any LeadStore, from: CalendarDate, to: CalendarDate, abtestCampaign: String, listing: Bool = false
    ) throws -> [String: String] {
        let settings = try store.settings()
        func reportData(_ scope: ReportScope) throws -> ReportData {
            var scope = scope
            if listing { scope.countsPeriodTouches = false }
            return try store.reportData(scope)
        }
        func options(_ model: AttributionModel = .lastNonDirect, _ dimension: ReportDimension = .campaign)
            -> ReportOptions
        {
            ReportOptions(
                from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName, model: model,
                dimension: dimension, currency: settings.currency)
        }
        var result: [String: String] = [:]
        func add(_ name: String, _ render: (OutputFormat) -> String) {
            for format in [OutputFormat.table, .json, .csv] { result["\(name).\(format)"] = render(format) }
        }
        for dimension in ReportDimension.allCases {
            for model in AttributionModel.allCases {
                let options = options(model, dimension)
                let report = try AttributionReport(
                    data: reportData(AttributionReport.scope(for: options)), options: options)
                add("attribution-\(dimension.rawValue)-\(model.rawValue)", report.rendered(as:))
            }
            let roasOptions = options(.lastNonDirect, dimension)
            let roas = try RoasReport(data: reportData(RoasReport.scope(for: roasOptions)), options: roasOptions)
            add("roas-\(dimension.rawValue)", roas.rendered(as:))
            let models = try ModelComparison(
                data: reportData(ModelComparison.scope(for: roasOptions)), options: roasOptions)
            add("models-\(dimension.rawValue)", models.rendered(as:))
        }
        let base = options()
        add("funnel", try FunnelReport(data: reportData(FunnelReport.scope(for: base)), options: base).rendered(as:))
        add("speed", SpeedReport(data: try reportData(SpeedReport.scope(for: base)), options: base).rendered(as:))
        let abtest = try ABTestReport(
            data: reportData(ABTestReport.scope(for: base, campaign: abtestCampaign)), options: base,
            campaign: abtestCampaign)
        add("abtest", abtest.rendered(as:))
        let goals = [
            Goal(
                id: 1, metric: .cpl, target: .money(Money(minorUnits: 150_000, currency: settings.currency)),
                scope: .channel(.paidSocial), from: from, to: to),
            Goal(id: 2, metric: .leads, target: .decimal("40"), scope: .campaign(abtestCampaign), from: from, to: to),
            Goal(id: 3, metric: .roas, target: .decimal("2.5"), scope: .all, from: from, to: to),
        ]
        let status = try GoalStatusReport(
            goals: goals, asOf: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
            baseCurrency: settings.currency, load: reportData, channelTouches: store.campaignChannelTouches)
        add("goal-status", status.rendered(as:))
        return result
    }

    /// Imports the files of a folder laid out as `samples/` (`clicks.ndjson`, `forms.json`…) or as the benchmark's
    /// generator writes them (`forms.ndjson`, `deals.ndjson`), and sets every rate of its `rates.csv`.
    static func fill(_ store: SQLiteStore, from folder: URL) throws {
        let settings = try store.settings()
        for (kind, names) in [
            (ImportKind.clicks, ["clicks.ndjson"]), (.forms, ["forms.json", "forms.ndjson"]),
            (.deals, ["deals.json", "deals.ndjson"]), (.spend, ["spend.csv"]),
        ] {
            guard let name = names.first(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
            else { continue }
            let options = ImportOptions(timeZone: settings.timeZone, importTime: Timestamp(microseconds: 1_800_000_000_000_000))
            _ = try Importer.run(ImportJob(kind: kind, file: folder.appendingPathComponent(name), options: options), store: store)
        }
        let text = try String(contentsOf: folder.appendingPathComponent("rates.csv"), encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let parts = line.split(separator: ",").map(String.init)
            guard parts.count >= 4 else { continue }
            try store.setRate(
                ExchangeRate(
                    date: try CalendarDate(parsing: parts[0]), from: try Currency(code: parts[1]),
                    to: try Currency(code: parts[2]), rate: try ExchangeRate.parseRate(parts[3]), rateText: parts[3]))
        }
    }

    /// The repository's root, from this file's path.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
#endif
