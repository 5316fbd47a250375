import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

#if Postgres
    import LeadTrailPostgres
#endif

/// `leadtrail migrate --from sqlite:PATH --to postgres://…`: a whole SQLite database copied into an empty
/// PostgreSQL one, checked table by table and report by report before it is committed (docs/postgres.md).
struct MigrateCopy {
    /// `sqlite:PATH` (or a plain path).
    let from: String
    /// A `postgres://` URL.
    let to: String

    /// The SQLite file `--from` names.
    var sourcePath: String {
        from.lowercased().hasPrefix("sqlite:") ? String(from.dropFirst("sqlite:".count)) : from
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard case .postgres(let url) = DatabaseLocation(option: to, environment: environment) else {
            throw CommandError("--to must be a postgres:// URL (the database to copy into), not '\(to)'")
        }
        let path = sourcePath
        guard !path.isEmpty, case .sqlite = DatabaseLocation(option: path, environment: environment) else {
            throw CommandError("--from must be sqlite:PATH, the SQLite database to copy (not a postgres:// URL)")
        }
        #if Postgres
            try copy(path: path, url: url, environment: environment)
        #else
            _ = url
            throw CommandError(
                "this leadtrail was built without PostgreSQL: build it with 'swift build --traits Team' (docs/postgres.md)"
            )
        #endif
    }

    #if Postgres
        private func copy(path: String, url: String, environment: [String: String]) throws {
            let location = try PostgresLocation(url: url, environment: environment)
            let sqlite: SQLiteStore
            do {
                sqlite = try SQLiteStore.open(path: path)
            } catch StoreError.noDatabase {
                throw CommandError("--from \(from): no SQLite database at \(path) (the file to copy)")
            } catch StoreError.isFolder {
                throw CommandError("--from \(from): \(path) is a folder; give the SQLite database file to copy")
            }
            // The copy is one transaction: Ctrl-C leaves nothing copied (the schema's empty tables may stay).
            InterruptNotice.install(
                "Interrupted: nothing was copied into \(location.description); run the same migrate again to copy it.")
            let checks = try Self.reportChecks(of: sqlite)
            let expected = try checks.map { try $0.render(sqlite) }
            let (target, _) = try PostgresStore.create(location)
            let copied = try target.copy(fromSQLite: path) { copy in
                for (check, before) in zip(checks, expected) where try check.render(copy) != before {
                    throw CommandError(
                        "the copy's \(check.name) report differs from \(path)'s; nothing was copied into "
                            + location.description)
                }
            }
            let width = max(5, copied.map(\.name.count).max() ?? 0)
            var text = "Copied \(path) into \(location.description) in one transaction:\n"
            for table in copied {
                text += table.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(table.rows)\n"
            }
            let total = copied.reduce(0) { $0 + $1.rows }
            text += "\(total) rows in \(copied.count) tables; identities continue after the highest ids copied.\n"
            if let period = checks.first?.period {
                text +=
                    "Verified before committing: every table's row count, and \(checks.map(\.name).joined(separator: ", ")) "
                    + "for \(period) are identical on both.\n"
            } else {
                text += "Verified before committing: every table's row count (no leads or deals to report on).\n"
            }
            emit(text)
        }
    #endif

    /// One report whose output must be the same on both stores.
    struct ReportCheck {
        let name: String
        let period: String
        let render: (any LeadStore) throws -> String
    }

    /// Attribution under each model, ROAS and the funnel, by campaign, over every day with a lead, a deal or a
    /// refund: what `migrate` compares before committing.
    static func reportChecks(of store: SQLiteStore) throws -> [ReportCheck] {
        let settings = try store.settings()
        let leads = try store.leads(matching: LeadFilter())
        let deals = try store.deals(matching: DealFilter())
        let times =
            leads.map(\.createdAt) + deals.map(\.createdAt) + deals.compactMap(\.closedAt)
            + deals.flatMap { $0.refunds.map(\.at) }
        guard let first = times.min(), let last = times.max() else { return [] }
        let from = first.calendarDate(in: settings.timeZone)
        let to = last.calendarDate(in: settings.timeZone)
        let period = "\(from) … \(to)"
        func options(_ model: AttributionModel) -> ReportOptions {
            ReportOptions(
                from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName, model: model,
                currency: settings.currency)
        }
        var checks = AttributionModel.allCases.map { model in
            ReportCheck(name: "attribution \(model.rawValue)", period: period) { store in
                let options = options(model)
                return try AttributionReport(
                    data: store.reportData(AttributionReport.scope(for: options)), options: options
                )
                .rendered(as: .json)
            }
        }
        checks.append(
            ReportCheck(name: "roas", period: period) { store in
                let options = options(.lastNonDirect)
                return try RoasReport(data: store.reportData(RoasReport.scope(for: options)), options: options)
                    .rendered(as: .json)
            })
        checks.append(
            ReportCheck(name: "funnel", period: period) { store in
                let options = options(.lastNonDirect)
                return try FunnelReport(data: store.reportData(FunnelReport.scope(for: options)), options: options)
                    .rendered(as: .json)
            })
        return checks
    }
}
