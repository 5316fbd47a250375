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

    /// ``withSQLite(_:_:)`` filled with the demo's files (`samples/`), in Moscow time and roubles.
    func withDemo<T>(_ body: (String) throws -> T) throws -> T {
        try withSQLite(
            { store, _ in
                try store.set(.timezone, to: "Europe/Moscow")
                try store.set(.currency, to: "RUB")
                try ReportMatrix.fill(store, from: ReportMatrix.root.appendingPathComponent("samples"))
            }, body)
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
        try withDemo { path in
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
            // Either store counts the period touches no journey can hold (in the server on PostgreSQL): listing every
            // one of them, the slow way, gives every report byte for byte.
            let listed = try ReportMatrix.outputs(of: sqlite, from: from, to: to, abtestCampaign: campaign, listing: true)
            let listedDifferences = Self.differences(listed, before)
            #expect(listedDifferences.isEmpty, "\(listedDifferences.prefix(10).joined(separator: "\n"))")
        }
    }

    /// A visitor without a lead who shares a click id with a lead's visitor: its touches are in the lead's journey, so
    /// they are listed (a converting path owns them), never counted as a null path; visitors without a lead or a
    /// link are counted, repeats and all. Counted and listed give the same reports on both stores.
    @Test func aVisitorLinkedByAClickIDIsListedAndTheOthersCounted() throws {
        func click(_ id: String, _ day: Int, _ visitor: String, _ campaign: String, yclid: String? = nil) -> String {
            let url = "https://school.example/?utm_source=vk&utm_medium=cpc&utm_campaign=\(campaign)"
                + (yclid.map { "&yclid=\($0)" } ?? "")
            return #"{"id": "\#(id)", "at": "2026-10-\#(String(format: "%02d", day))T12:00:00+03:00", "visitor": "\#(visitor)", "url": "\#(url)"}"#
        }
        try withSQLite({ store, folder in
            try store.set(.timezone, to: "Europe/Moscow")
            try store.set(.currency, to: "RUB")
            let files = folder.appendingPathComponent("files")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            try [
                click("c1", 1, "v-lead", "vk_a", yclid: "111"), click("c2", 3, "v-lead", "ya_b"),
                click("c3", 2, "v-other", "tg_c", yclid: "111"), click("c4", 4, "v-null1", "vk_a"),
                click("c5", 5, "v-null1", "vk_a"), click("c6", 6, "v-null1", "ya_b"), click("c7", 4, "v-null2", "ya_b"),
                click("c8", 7, "v-null3", "tg_c"), click("c9", 2, "v-b", "ya_b"),
            ].joined(separator: "\n").write(to: files.appendingPathComponent("clicks.ndjson"), atomically: true, encoding: .utf8)
            try """
                [{"id": "f1", "submitted_at": "2026-10-08T12:00:00+03:00", "name": "Анна", "phone": "8 (916) 123-45-67", "visitor": "v-lead"},
                 {"id": "f2", "submitted_at": "2026-10-09T12:00:00+03:00", "name": "Борис", "phone": "8 (916) 765-43-21", "visitor": "v-b"}]
                """.write(to: files.appendingPathComponent("forms.json"), atomically: true, encoding: .utf8)
            try """
                [{"id": "d1", "lead": {"phone": "8 (916) 123-45-67"}, "amount": "1000.00", "currency": "RUB", "created_at": "2026-10-10T12:00:00+03:00", "status": "won", "closed_at": "2026-10-10T13:00:00+03:00"}]
                """.write(to: files.appendingPathComponent("deals.json"), atomically: true, encoding: .utf8)
            try "date,from,to,rate\n".write(to: files.appendingPathComponent("rates.csv"), atomically: true, encoding: .utf8)
            try ReportMatrix.fill(store, from: files)
        }) { path in
            let sqlite = try SQLiteStore.open(path: path)
            let (from, to) = (try CalendarDate(parsing: "2026-10-01"), try CalendarDate(parsing: "2026-10-31"))
            let settings = try sqlite.settings()
            let options = ReportOptions(
                from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName, model: .markov,
                currency: settings.currency)
            func expectCounting(_ store: any LeadStore, _ name: String) throws {
                let data = try store.reportData(AttributionReport.scope(for: options))
                let period = try #require(data.periodTouches)
                // v-null1's three touches (vk_a twice, then ya_b), v-null2's and v-null3's: counted; the lead's, the
                // linked visitor's and Борис's (and the forms' touches): listed.
                #expect(period.counted.byKey.values.reduce(0, +) == 5, "\(name)")
                let key = { (text: String) in data.keys.existingIndex(of: text) }
                #expect(period.counted.steps[CountedTouches.Step(from: key("vk_a"), to: key("ya_b"))] == 1, "\(name)")
                #expect(period.counted.steps[CountedTouches.Step(from: nil, to: key("vk_a"))] == 1, "\(name)")
                #expect(period.counted.steps[CountedTouches.Step(from: key("vk_a"), to: key("vk_a"))] == nil, "\(name)")
                #expect(!period.ids.isEmpty, "\(name)")
                let counted = try ReportMatrix.outputs(of: store, from: from, to: to, abtestCampaign: "vk_a")
                let listed = try ReportMatrix.outputs(of: store, from: from, to: to, abtestCampaign: "vk_a", listing: true)
                let differences = Self.differences(listed, counted)
                #expect(differences.isEmpty, "\(name): \(differences.prefix(10).joined(separator: "\n"))")
            }
            try expectCounting(sqlite, "SQLite")
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                _ = try target.copy(fromSQLite: path) { _ in }
                try expectCounting(target, "PostgreSQL")
            }
        }
    }

    /// The same-session rule compares a touch's five normalised UTM values alike on both stores however each reads
    /// them (SQLite's keys kept in its visitor paths, PostgreSQL's digests of the raw values kept in `lead_touches`,
    /// or the values themselves): a form after a click of `VK`/`Зима` whose own are `vk`/`зима` is the click's
    /// session; so is one with the click's very values, and one whose campaign spells `йога` with a combining breve
    /// after a click of `йога` with `й` precomposed (other bytes, other digests; one normalised key); one naming
    /// another campaign is not.
    @Test func theSameSessionRuleComparesValuesAlikeOnBothStores() throws {
        func url(_ source: String, _ campaign: String) -> String {
            "https://school.example/?utm_source=\(source)&utm_medium=cpc&utm_campaign=\(campaign)"
        }
        let (winter, winterLower) = ("%D0%97%D0%B8%D0%BC%D0%B0", "%D0%B7%D0%B8%D0%BC%D0%B0")
        let (yogaNFC, yogaNFD) = ("%D0%B9%D0%BE%D0%B3%D0%B0", "%D0%B8%CC%86%D0%BE%D0%B3%D0%B0")
        try withSQLite({ store, folder in
            try store.set(.timezone, to: "Europe/Moscow")
            try store.set(.currency, to: "RUB")
            let files = folder.appendingPathComponent("files")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            try [
                ("c1", "v-case", url("VK", winter)), ("c2", "v-nfd", url("vk", yogaNFC)), ("c3", "v-raw", url("vk", "vk_a")),
                ("c4", "v-other", url("vk", "vk_a")),
            ].map { #"{"id": "\#($0.0)", "at": "2026-10-05T12:00:00+03:00", "visitor": "\#($0.1)", "url": "\#($0.2)"}"# }
                .joined(separator: "\n").write(to: files.appendingPathComponent("clicks.ndjson"), atomically: true, encoding: .utf8)
            let forms = [
                ("f1", "12:10", "Анна", "8 (916) 123-45-67", "v-case", url("vk", winterLower)),
                ("f2", "12:11", "Борис", "8 (916) 765-43-21", "v-nfd", url("vk", yogaNFD)),
                ("f3", "12:12", "Вера", "8 (903) 111-22-33", "v-raw", url("vk", "vk_a")),
                ("f4", "12:13", "Глеб", "8 (903) 444-55-66", "v-other", url("vk", "vk_b")),
            ].map {
                #"{"id": "\#($0.0)", "submitted_at": "2026-10-05T\#($0.1):00+03:00", "name": "\#($0.2)", "phone": "\#($0.3)", "visitor": "\#($0.4)", "page_url": "\#($0.5)"}"#
            }
            try ("[" + forms.joined(separator: ",\n") + "]")
                .write(to: files.appendingPathComponent("forms.json"), atomically: true, encoding: .utf8)
            try "date,from,to,rate\n".write(to: files.appendingPathComponent("rates.csv"), atomically: true, encoding: .utf8)
            try ReportMatrix.fill(store, from: files)
        }) { path in
            let sqlite = try SQLiteStore.open(path: path)
            let (from, to) = (try CalendarDate(parsing: "2026-10-01"), try CalendarDate(parsing: "2026-10-31"))
            let settings = try sqlite.settings()
            var options = ReportOptions(
                from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName, model: .linear,
                currency: settings.currency)
            options.conversion = .lead
            func journeys(_ store: any LeadStore) throws -> [Int] {
                try store.reportData(AttributionReport.scope(for: options)).leads.sorted { $0.id < $1.id }.map(\.touches.count)
            }
            // The first three forms are their clicks' sessions: one touch each; Глеб's names another campaign.
            let onSQLite = try journeys(sqlite)
            #expect(onSQLite == [1, 1, 1, 2], "SQLite: \(onSQLite)")
            let before = try ReportMatrix.outputs(of: sqlite, from: from, to: to, abtestCampaign: "vk_a")
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                _ = try target.copy(fromSQLite: path) { _ in }
                let onPostgres = try journeys(target)
                #expect(onPostgres == [1, 1, 1, 2], "PostgreSQL: \(onPostgres)")
                let differences = Self.differences(before, try ReportMatrix.outputs(of: target, from: from, to: to, abtestCampaign: "vk_a"))
                #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))")
            }
        }
    }

    /// The same on the demo, whose leads share contacts (identity beyond a lead's own visitors), on both stores and
    /// over two months and a week (the short period's path): counted and listed period touches report alike.
    @Test func countedPeriodTouchesReportAsListedOnes() throws {
        try withDemo { path in
            let sqlite = try SQLiteStore.open(path: path)
            for (first, last) in [("2026-10-01", "2026-11-30"), ("2026-10-15", "2026-10-21")] {
                let (from, to) = (try CalendarDate(parsing: first), try CalendarDate(parsing: last))
                let counted = try ReportMatrix.outputs(of: sqlite, from: from, to: to, abtestCampaign: "vk_autumn_sale")
                let listed = try ReportMatrix.outputs(
                    of: sqlite, from: from, to: to, abtestCampaign: "vk_autumn_sale", listing: true)
                let differences = Self.differences(listed, counted)
                #expect(differences.isEmpty, "SQLite, \(first)…\(last): \(differences.prefix(10).joined(separator: "\n"))")
            }
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                _ = try target.copy(fromSQLite: path) { _ in }
                let (from, to) = (try CalendarDate(parsing: "2026-10-15"), try CalendarDate(parsing: "2026-10-21"))
                let counted = try ReportMatrix.outputs(of: target, from: from, to: to, abtestCampaign: "vk_autumn_sale")
                let listed = try ReportMatrix.outputs(
                    of: target, from: from, to: to, abtestCampaign: "vk_autumn_sale", listing: true)
                let differences = Self.differences(listed, counted)
                #expect(differences.isEmpty, "PostgreSQL: \(differences.prefix(10).joined(separator: "\n"))")
            }
        }
    }

    /// `report attribution` and `report models` name one kind of conversion (``ReportScope/conversion``): the store
    /// then loads only the leads those conversions belong to. Every model and kind, over two months and a week of the
    /// demo, on both stores, reports byte for byte what the data of every lead gives; for sales, fewer leads load.
    @Test func aReportOfOneConversionReportsAsFromEveryLead() throws {
        try withDemo { path in
            let sqlite = try SQLiteStore.open(path: path)
            let settings = try sqlite.settings()
            func expectAlike(_ store: any LeadStore, _ name: String) throws {
                for (first, last) in [("2026-10-01", "2026-11-30"), ("2026-10-15", "2026-10-21")] {
                    for conversion in ConversionKind.allCases {
                        var options = ReportOptions(
                            from: try CalendarDate(parsing: first), to: try CalendarDate(parsing: last),
                            timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
                            currency: settings.currency)
                        options.conversion = conversion
                        let label = "\(name), \(first)…\(last), \(conversion.rawValue)"
                        for model in AttributionModel.allCases {
                            options.model = model
                            let scope = AttributionReport.scope(for: options)
                            #expect(scope.conversion == conversion)
                            var every = scope
                            every.conversion = nil
                            let scoped = try AttributionReport(data: store.reportData(scope), options: options)
                            let full = try AttributionReport(data: store.reportData(every), options: options)
                            #expect(scoped.rendered(as: .json) == full.rendered(as: .json), "\(label), \(model.rawValue)")
                            if model == .linear && conversion == .sale {
                                #expect(
                                    try store.reportData(scope).leads.count < store.reportData(every).leads.count, "\(label)")
                            }
                        }
                        var every = ModelComparison.scope(for: options)
                        every.conversion = nil
                        let scoped = try ModelComparison(data: store.reportData(ModelComparison.scope(for: options)), options: options)
                        let full = try ModelComparison(data: store.reportData(every), options: options)
                        #expect(scoped.rendered(as: .csv) == full.rendered(as: .csv), "\(label), models")
                    }
                }
            }
            try expectAlike(sqlite, "SQLite")
            try TestServer.withDatabase { location in
                let (target, _) = try PostgresStore.create(location)
                _ = try target.copy(fromSQLite: path) { _ in }
                try expectAlike(target, "PostgreSQL")
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
