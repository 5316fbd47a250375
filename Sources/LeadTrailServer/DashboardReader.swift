#if Server
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// The dashboard's own read connection: the summary page and the reports as CSV, built exactly as
/// `leadtrail report summary` and `leadtrail report … --format csv` build them.
///
/// It reads through a connection of its own (WAL readers never wait for the writer; PostgreSQL's readers never do),
/// so a dashboard that takes a second to build never holds up a redirect or a webhook.
actor DashboardReader {
    private let connection: StoreConnection
    let settings: Settings

    /// Opens its own connection with `open`.
    init(open: @escaping @Sendable () throws -> any LeadTrailDatabase) throws {
        connection = try StoreConnection(open: open)
        settings = try connection.use { try $0.settings() }
    }

    /// The summary page of the period with `above` at its top and `style` added to its CSS.
    func summaryHTML(_ options: ReportOptions, above: String, style: String) throws -> String {
        let settings = settings
        let summary = try connection.use { store in
            try SummaryReport.assemble(
                options: options, today: Timestamp.now().calendarDate(in: settings.timeZone),
                baseCurrency: settings.currency, goals: try store.goals(), load: store.reportData,
                channelTouches: store.campaignChannelTouches)
        }
        return summary.html(above: above, style: style)
    }

    /// A report as the CLI's `--format csv` prints it: in `dialect`, else the database's `csv-dialect` setting (read
    /// on each request, so a `config set` needs no restart); `excel-ru` starts with the byte order mark, as the
    /// CLI's file does.
    func csv(_ kind: ReportKind, options: ReportOptions, dialect: CSVDialect?) throws -> String {
        try connection.use { store in
            let chosen = try dialect ?? store.settings().csvDialect
            let body = try CSVOutput.$dialect.withValue(chosen) {
                try kind.rendered(options: options, as: .csv, store: store)
            }
            return chosen == .excelRU ? "\u{FEFF}" + body : body
        }
    }
}
#endif
