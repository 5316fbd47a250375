#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailReports
import LeadTrailStore
import Testing

/// Reports on PostgreSQL are the SQLite store's, byte for byte: a SQLite database is filled, copied whole with
/// `migrate --from --to`'s copier, and every report of ``ReportMatrix`` is compared (issue 12, acceptance 1 and 3).
@Suite(.enabled(if: TestServer.enabled), .serialized)
struct ReportParityTests {
    /// A SQLite database in a fresh folder, filled by `fill`, handed to `body`, and removed afterwards.
    func withSQLite<T>(_ fill: (SQLiteStore, URL) throws -> Void, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgread-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("source.sqlite").path
        let (store, _) = try SQLiteStore.create(path: path)
        try fill(store, folder)
        return try body(path)
    }

    /// Every output that differs, named, with the first differing line of each: what a failure prints.
    static func differences(_ sqlite: [String: String], _ postgres: [String: String]) -> [String] {
        sqlite.keys.sorted().compactMap { name in
            let before = sqlite[name] ?? ""
            let after = postgres[name] ?? "(missing)"
            guard before != after else { return nil }
            let pair = zip(before.split(separator: "\n"), after.split(separator: "\n")).first { $0 != $1 }
            return "\(name): sqlite \(pair.map { "'\($0.0)'" } ?? "…") vs postgres \(pair.map { "'\($0.1)'" } ?? "…")"
        }
    }

    @Test func theDemoReportsAlikeOnBothStoresAfterTheCopy() throws {
        try withSQLite({ store, _ in
            try store.set(.timezone, to: "Europe/Moscow")
            try store.set(.currency, to: "RUB")
            try ReportMatrix.fill(store, from: ReportMatrix.root.appendingPathComponent("samples"))
        }) { path in
            let sqlite = try SQLiteStore.open(path: path)
            let (from, to) = (try CalendarDate(parsing: "2026-10-01"), try CalendarDate(parsing: "2026-11-30"))
            let before = try ReportMatrix.outputs(of: sqlite, from: from, to: to, abtestCampaign: "vk_autumn_sale")
            #expect(before.count > 250)
            #expect(before["attribution-campaign-markov.table"]?.contains("vk_autumn_sale") == true)
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                var verified = false
                let copied = try target.copy(fromSQLite: path) { _ in verified = true }
                #expect(verified)
                #expect(copied.first { $0.name == "lead" }?.rows == (try sqlite.leads(matching: LeadFilter()).count))
                #expect(copied.first { $0.name == "touch" }.map { $0.rows > 0 } == true)
                let after = try ReportMatrix.outputs(of: target, from: from, to: to, abtestCampaign: "vk_autumn_sale")
                let differences = Self.differences(before, after)
                #expect(differences.isEmpty, "\(differences.count) reports differ:\n\(differences.prefix(10).joined(separator: "\n"))")
                // The copy keeps numbering: the next lead gets the number after the last one copied.
                let last = try sqlite.leads(matching: LeadFilter()).map(\.id).max() ?? 0
                let added = try target.addLead(
                    NewLead(
                        createdAt: Timestamp(microseconds: 1_800_000_000_000_000), name: "Новый",
                        email: try Email(parsing: "new-after-copy@example.ru")))
                #expect(added.leadID == last + 1)
            }
        }
    }

    @Test func aGeneratedYearOfTwentyThousandVisitorsReportsAlike() throws {
        try withSQLite({ store, folder in
            let data = folder.appendingPathComponent("data")
            let generator = Process()
            generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            generator.arguments = [
                "python3", ReportMatrix.root.appendingPathComponent("Benchmarks/generate.py").path, "--scale", "0.02",
                "--out", data.path,
            ]
            generator.standardOutput = FileHandle.nullDevice
            try generator.run()
            generator.waitUntilExit()
            try #require(generator.terminationStatus == 0, "Benchmarks/generate.py failed")
            try ReportMatrix.fill(store, from: data)
        }) { path in
            let sqlite = try SQLiteStore.open(path: path)
            let (from, to) = (try CalendarDate(parsing: "2025-01-01"), try CalendarDate(parsing: "2025-12-31"))
            let campaign = try sqlite.campaigns().map(\.key).sorted().first ?? ""
            let before = try ReportMatrix.outputs(of: sqlite, from: from, to: to, abtestCampaign: campaign)
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                let copied = try target.copy(fromSQLite: path) { _ in }
                // The year's 60,000 clicks and the touches of the forms that came with UTM tags (the copier itself
                // checks every table's count against the SQLite one before it commits).
                #expect((copied.first { $0.name == "touch" }?.rows ?? 0) > 60_000)
                let after = try ReportMatrix.outputs(of: target, from: from, to: to, abtestCampaign: campaign)
                let differences = Self.differences(before, after)
                #expect(differences.isEmpty, "\(differences.count) reports differ:\n\(differences.prefix(10).joined(separator: "\n"))")
                // A month too: the short-period path of the period's touches.
                let october = (try CalendarDate(parsing: "2025-10-01"), try CalendarDate(parsing: "2025-10-31"))
                let monthBefore = try ReportMatrix.outputs(of: sqlite, from: october.0, to: october.1, abtestCampaign: campaign)
                let monthAfter = try ReportMatrix.outputs(of: target, from: october.0, to: october.1, abtestCampaign: campaign)
                #expect(Self.differences(monthBefore, monthAfter).isEmpty)
            }
        }
    }

    @Test func aCopyIntoADatabaseWithDataIsRefusedAndChangesNothing() throws {
        try withSQLite({ store, _ in
            try store.set(.currency, to: "RUB")
            _ = try store.addLead(
                NewLead(
                    createdAt: Timestamp(microseconds: 1_800_000_000_000_000), name: "Аня",
                    phone: try Phone(parsing: "8 (916) 123-45-67")))
        }) { path in
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                _ = try target.copy(fromSQLite: path) { _ in }
                #expect(try target.leads(matching: LeadFilter()).count == 1)
                do {
                    _ = try target.copy(fromSQLite: path) { _ in }
                    Issue.record("a second copy into the same database was not refused")
                } catch {
                    let message = "\(error)"
                    #expect(message.contains(location.description), "names the database: \(message)")
                    #expect(message.contains("not empty"), "\(message)")
                    #expect(!message.contains("\n"))
                }
                #expect(try target.leads(matching: LeadFilter()).count == 1)
                // A report that fails its check rolls the whole copy back.
                try TestServer.withDatabase { other in
                    let (second, _) = try PostgresStore.create(other)
                    struct Mismatch: Error {}
                    #expect(throws: Mismatch.self) { try second.copy(fromSQLite: path) { _ in throw Mismatch() } }
                    #expect(try second.leads(matching: LeadFilter()).isEmpty)
                }
            }
        }
    }
}
#endif
