import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore

/// `leadtrail demo`: a fresh database filled from `samples/`, then a look at what it holds.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh demo database from samples/ (a Russian SMM studio, Oct–Nov 2026) and show it.")

    static let defaultPath = "leadtrail-demo.sqlite"

    @Option(help: "The demo database; ./\(Demo.defaultPath) by default (replaced on each run).") var db: String?
    @Option(help: "The folder with the sample files; ./samples, else the source tree's.") var samples: String?

    /// The sample files the demo imports, in order.
    static let files: [(ImportKind, String)] = [
        (.clicks, "clicks.ndjson"), (.forms, "forms.json"), (.deals, "deals.json"), (.spend, "spend.csv"),
    ]

    func run() throws {
        let folder = try samplesFolder()
        let location = DatabaseLocation(option: db ?? Self.defaultPath, environment: [:])
        switch location {
        case .sqlite(let path):
            if db != nil, FileManager.default.fileExists(atPath: path) {
                throw CommandError("\(path) exists; the demo only fills a fresh database (pick another --db)")
            }
            try Self.checkReplaceable(path)
            // Built beside it under another name and moved into place only when whole: an interrupted or failed
            // demo leaves the earlier demo (or nothing), never half a database.
            let building = path + ".building-\(getpid())"
            let parts = ["", "-wal", "-shm"].map { building + $0 }
            func cleanUp() { for part in parts { try? FileManager.default.removeItem(atPath: part) } }
            cleanUp()
            InterruptNotice.install(
                "Interrupted: the demo was not built; \(path) is as it was.", removing: parts)
            let period: (from: CalendarDate, to: CalendarDate)?
            do {
                let (store, _) = try SQLiteStore.create(path: building)
                period = try fill(store, from: folder, shownAs: path)
                try store.checkpoint()
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                guard rename(building, path) == 0 else {
                    throw CommandError(
                        "cannot move the demo database into \(path): \(String(cString: strerror(errno)))")
                }
            } catch {
                cleanUp()
                throw error
            }
            cleanUp()
            emitExplore(path, period)
        case .postgres:
            // A server's database is never emptied by the demo: it fills an empty one (`createdb`, then --db).
            let (created, isNew) = try location.createStore()
            guard isNew else {
                throw CommandError(
                    "database \(location) already has a LeadTrail schema; the demo only fills an empty database "
                        + "(create one and pass it with --db)")
            }
            InterruptNotice.install(
                "Interrupted: the demo database \(location) is incomplete; drop it and run the demo again.")
            let period = try fill(created, from: folder, shownAs: location.description)
            // The hint is for pasting: a hidden password (`***`) would be sent as the password. It is left out, and
            // the line after the hint says where libpq-style tools read it from.
            let shown = location.description.replacingOccurrences(of: ":***@", with: "@")
            emitExplore(shown, period)
            if shown != location.description, period != nil {
                emit("(The password is left out of these commands: give it as PGPASSWORD or in ~/.pgpass.)\n")
            }
        }
    }

    /// Without `--db` the demo replaces `./leadtrail-demo.sqlite` only when it is an earlier demo: a LeadTrail database
    /// whose imports are all of the sample files. A folder, another file or another database of that name is refused.
    static func checkReplaceable(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let refusal = CommandError(
            "\(path) exists and is not an earlier demo database; the demo replaces only its own (move it away, or"
                + " pick another --db)")
        let store: SQLiteStore
        do { store = try SQLiteStore.open(path: path) } catch { throw refusal }
        let names = Set(files.map(\.1))
        guard store.schemaVersionAtOpen > 0, let batches = try? store.importBatches(),
            batches.allSatisfy({ names.contains($0.fileName) })
        else { throw refusal }
    }

    /// Imports the samples into `store` and shows what it holds; the period shown, if any.
    private func fill(
        _ store: any LeadTrailDatabase, from folder: URL, shownAs path: String
    ) throws -> (from: CalendarDate, to: CalendarDate)? {
        try store.set(.timezone, to: "Europe/Moscow")
        try store.set(.currency, to: "RUB")
        let settings = try store.settings()
        emit("LeadTrail demo: \(path) (time zone \(settings.timeZoneName), currency \(settings.currency))\n\n")

        for (kind, name) in Self.files {
            let options = ImportOptions(timeZone: settings.timeZone, importTime: .now())
            let batch = try Importer.run(
                ImportJob(kind: kind, file: folder.appendingPathComponent(name), options: options), store: store)
            emit(ImportCommand.Options.summary(batch, dryRun: false, format: .table))
        }
        let rates = try loadRates(folder.appendingPathComponent("rates.csv"), into: store)
        emit("Set \(rates) exchange rates from rates.csv\n")
        let moves = try loadPipeline(folder.appendingPathComponent("pipeline.csv"), into: store)
        emit("Applied \(moves) stage moves of the sales reps from pipeline.csv\n")

        let leads = try store.leads(matching: LeadFilter())
        let deals = try store.deals(matching: DealFilter())
        emit("\n\(leads.count) leads, \(deals.count) deals (\(deals.filter { $0.status == .won }.count) won)\n")
        let stages = Stage.allCases.map { stage in "\(leads.filter { $0.stage == stage }.count) \(stage.rawValue)" }
        emit("Leads by stage: \(stages.joined(separator: ", "))\n\n")
        // The whole span of the samples, in whole months of the configured zone.
        let times = leads.map(\.createdAt) + deals.compactMap(\.closedAt)
        guard let first = times.min(), let last = times.max() else { return nil }
        let firstDay = first.calendarDate(in: settings.timeZone)
        let lastDay = last.calendarDate(in: settings.timeZone)
        let from = CalendarDate(year: firstDay.year, month: firstDay.month, day: 1)
        let afterLast = CalendarDate(
            year: lastDay.month == 12 ? lastDay.year + 1 : lastDay.year, month: lastDay.month % 12 + 1, day: 1)
        let options = ReportOptions(
            from: from, to: CalendarDate(dayNumber: afterLast.dayNumber - 1), timeZone: settings.timeZone,
            timeZoneName: settings.timeZoneName, currency: settings.currency)
        let roas = try RoasReport(data: store.reportData(RoasReport.scope(for: options)), options: options)
        emit(roas.rendered(as: .table) + "\n")
        let models = try ModelComparison(
            data: store.reportData(ModelComparison.scope(for: options)), options: options)
        emit(models.rendered(as: .table))
        return (options.from, options.to)
    }

    private func emitExplore(_ path: String, _ period: (from: CalendarDate, to: CalendarDate)?) {
        guard let (from, to) = period else { return }
        emit(
            "\nExplore it: leadtrail --db \(path) report roas|attribution|funnel|models|speed --from \(from) "
                + "--to \(to) [--model M] [--by D] | lead list [--stage won] [--search TEXT] | lead show 1 "
                + "| deal list | imports list\n"
                + "The owner's page: leadtrail --db \(path) report summary --from "
                + "\(CalendarDate(year: to.year, month: to.month, day: 1)) --to \(to) > summary.html\n")
    }

    private func samplesFolder() throws -> URL {
        var candidates: [URL] = []
        if let samples { candidates.append(URL(fileURLWithPath: samples)) }
        candidates.append(URL(fileURLWithPath: "samples"))
        // `swift run` from anywhere in the source tree: Sources/leadtrail/Setup/Demo.swift → the package root.
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples"))
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("forms.json").path) {
            return candidate
        }
        throw CommandError(
            "no samples folder found (looked in \(candidates.map(\.path).joined(separator: ", "))); pass --samples")
    }

    /// Reads `lead,stage,at,by,correct` lines: the reps' work on the imported leads. A lead is named by its phone or
    /// email (its person's latest lead created by then); the rep who first moves a lead owns it.
    private func loadPipeline(_ url: URL, into store: any LeadTrailDatabase) throws -> Int {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
        let zone = try store.settings().timeZone
        var count = 0
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            guard parts.count >= 4 else { continue }
            do {
                var query = LeadQuery()
                if parts[0].contains("@") {
                    query.email = try Email(parsing: parts[0])
                } else {
                    query.phone = try Phone(parsing: parts[0])
                }
                let at = try Timestamp.parse(parts[2], timeZone: zone)
                guard
                    let lead = try store.leads(matching: LeadFilter(query: query)).first(where: { $0.createdAt <= at })
                else { throw CommandError("no lead of \(parts[0]) by \(parts[2])") }
                if lead.owner == nil { try store.assignLead(id: lead.id, to: parts[3]) }
                try store.moveLead(
                    id: lead.id, to: try Stage(parsing: parts[1]), at: at, by: parts[3],
                    correcting: parts.count > 4 && parts[4] == "correct")
                count += 1
            } catch {
                throw CommandError("\(url.lastPathComponent): line \(index + 1): \(error)")
            }
        }
        return count
    }

    /// Reads `date,from,to,rate` lines.
    private func loadRates(_ url: URL, into store: any LeadTrailDatabase) throws -> Int {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
        var count = 0
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let parts = line.split(separator: ",").map { String($0).trimmingWhitespace() }
            guard parts.count >= 4 else { continue }
            do {
                try store.setRate(
                    ExchangeRate(
                        date: try CalendarDate(parsing: parts[0]), from: try Currency(code: parts[1]),
                        to: try Currency(code: parts[2]), parsing: parts[3]))
                count += 1
            } catch {
                throw CommandError("\(url.lastPathComponent): line \(index + 1): \(error)")
            }
        }
        return count
    }
}
