import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore

/// `leadtrail demo`: a fresh database filled from `samples/`, then a look at what it holds.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a fresh demo database from samples/ (a Russian SMM studio, Oct–Nov 2026) and show it.")

    static let defaultPath = "leadtrail-demo.sqlite"

    @Option(help: "The demo database; ./\(Demo.defaultPath) by default (replaced on each run).") var db: String?
    @Option(help: "The folder with the sample files; ./samples, else the source tree's.") var samples: String?

    func run() throws {
        let folder = try samplesFolder()
        let path = db ?? Self.defaultPath
        if db != nil, FileManager.default.fileExists(atPath: path) {
            throw CommandError("\(path) exists; the demo only fills a fresh database (pick another --db)")
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let (store, _) = try SQLiteStore.create(path: path)
        try store.set(.timezone, to: "Europe/Moscow")
        try store.set(.currency, to: "RUB")
        let settings = try store.settings()
        emit("LeadTrail demo: \(path) (time zone \(settings.timeZoneName), currency \(settings.currency))\n\n")

        let files: [(ImportKind, String)] = [
            (.clicks, "clicks.ndjson"), (.forms, "forms.json"), (.deals, "deals.json"), (.spend, "spend.csv"),
        ]
        for (kind, name) in files {
            let options = ImportOptions(timeZone: settings.timeZone, importTime: .now())
            let batch = try Importer.run(
                ImportJob(kind: kind, file: folder.appendingPathComponent(name), options: options), store: store)
            emit(ImportCommand.Options.summary(batch, dryRun: false, format: .table))
        }
        let rates = try loadRates(folder.appendingPathComponent("rates.csv"), into: store)
        emit("Set \(rates) exchange rates from rates.csv\n")

        let leads = try store.leads(matching: LeadFilter())
        emit("\nPipeline\n")
        emit(
            Listing(
                columns: ["stage", "leads"],
                rows: Stage.allCases.map { stage in
                    [.string(stage.rawValue), .integer(Int64(leads.filter { $0.stage == stage }.count))]
                }
            ).table)
        let deals = try store.deals(matching: DealFilter())
        emit("\nDeals by status and currency\n")
        var totals: [String: (count: Int64, minor: Int64, currency: Currency, status: DealStatus)] = [:]
        for deal in deals {
            let key = deal.status.rawValue + " " + deal.amount.currency.code
            let current = totals[key] ?? (0, 0, deal.amount.currency, deal.status)
            totals[key] = (current.count + 1, current.minor + deal.amount.minorUnits, current.currency, current.status)
        }
        emit(
            Listing(
                columns: ["status", "currency", "deals", "amount"],
                rows: totals.keys.sorted().map { key in
                    let total = totals[key]!
                    return [
                        .string(total.status.rawValue), .string(total.currency.code), .integer(total.count),
                        .decimal(Money(minorUnits: total.minor, currency: total.currency).amountText),
                    ]
                }
            ).table)
        emit("\nCampaigns\n")
        emit(
            Listing(
                columns: ["key", "platform", "touches", "spend"],
                rows: try store.campaigns().map { campaign in
                    let detail = try store.campaignDetail(key: campaign.key)
                    return [
                        .string(campaign.key), .string(campaign.platform.rawValue), .integer(Int64(detail.touches)),
                        .string(detail.spend.map { "\($0.amountText) \($0.currency)" }.joined(separator: ", ")),
                    ]
                }
            ).table)
        emit(
            "\nExplore it: leadtrail --db \(path) lead list | lead show 1 | deal list | imports list | campaign list\n")
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
        throw CommandError("no samples folder found (looked in \(candidates.map(\.path).joined(separator: ", "))); pass --samples")
    }

    /// Reads `date,from,to,rate` lines.
    private func loadRates(_ url: URL, into store: SQLiteStore) throws -> Int {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
        var count = 0
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let parts = line.split(separator: ",").map { String($0).trimmingWhitespace() }
            guard parts.count >= 4 else { continue }
            do {
                try store.setRate(
                    ExchangeRate(
                        date: try CalendarDate(parsing: parts[0]), from: try Currency(code: parts[1]),
                        to: try Currency(code: parts[2]), rate: try ExchangeRate.parseRate(parts[3]), rateText: parts[3]))
                count += 1
            } catch {
                throw CommandError("\(url.lastPathComponent): line \(index + 1): \(error)")
            }
        }
        return count
    }
}
