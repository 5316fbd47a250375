#if Postgres
import Foundation
import LeadTrailCore
import LeadTrailPostgres
import LeadTrailStore
import Testing

/// The same calls on a SQLite store and a PostgreSQL store give the same answers: leads after requests in any
/// order, imports and their undo, deals and refunds. Seeded; `LEADTRAIL_PROPERTY_CASES` sets how many cases.
@Suite(.enabled(if: TestServer.enabled))
struct PostgresParityTests {
    static let cases = Int(ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"] ?? "") ?? 6
    static let start = Timestamp(microseconds: 1_790_000_000_000_000)

    /// Runs `body` on a fresh SQLite store and a fresh PostgreSQL store and returns both descriptions.
    static func both(_ body: (any LeadTrailDatabase) throws -> String) throws -> (sqlite: String, postgres: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgcore-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try body(SQLiteStore.create(path: folder.appendingPathComponent("parity.sqlite").path).store)
        let postgres = try TestServer.withDatabase { location in try body(PostgresStore.create(location).store) }
        return (sqlite, postgres)
    }

    /// Everything a user sees of the leads, deals and batches, in one text.
    static func describe(_ store: any LeadTrailDatabase) throws -> String {
        var lines: [String] = []
        for lead in try store.leads(matching: LeadFilter()) {
            let detail = try store.leadDetail(id: lead.id)
            lines.append(
                "lead \(lead.id) at \(lead.createdAt.microseconds) \(lead.name ?? "-") \(lead.email?.normalized ?? "-") "
                    + "\(lead.phone?.e164 ?? "-") \(lead.stage.rawValue) owner \(lead.owner ?? "-") "
                    + "form \(lead.form ?? "-")")
            lines.append("  visitors \(detail.visitors.joined(separator: ","))")
            lines.append("  journey \(detail.journey.map { "\($0.key)@\($0.at.microseconds)" }.joined(separator: ","))")
            lines.append(
                "  history \(detail.history.map { "\($0.from?.rawValue ?? "-")>\($0.to.rawValue)@\($0.at.microseconds)" }.joined(separator: ","))"
            )
            lines.append("  events \(detail.events.map { "\($0.kind):\($0.detail ?? "")" }.joined(separator: " | "))")
        }
        for deal in try store.deals(matching: DealFilter()) {
            lines.append(
                "deal \(deal.id) \(deal.externalID ?? "-") lead \(deal.leadID.map(String.init) ?? "-") "
                    + "\(deal.amount.minorUnits) \(deal.amount.currency.code) \(deal.status.rawValue) "
                    + "refunds \(deal.refunds.map { "\($0.amount.minorUnits)@\($0.at.microseconds)" })")
        }
        for batch in try store.importBatches() {
            lines.append(
                "batch \(batch.id.map(String.init) ?? "-") \(batch.kind.rawValue) \(batch.fileName) "
                    + "\(batch.counts) undone \(batch.undoneAt != nil)")
        }
        for campaign in try store.campaigns() {
            lines.append("campaign \(campaign.key) \(campaign.platform.rawValue) auto \(campaign.isAutoCreated)")
        }
        return lines.joined(separator: "\n")
    }

    /// A request of one of a few people (`people`, at most 90), with a phone, an email or both, at a time in ninety days.
    static func request(_ random: inout SplitMix64, number: Int, people: Int = 5) throws -> NewLead {
        let person = random.below(people)
        let phone = random.chance(70) ? try Phone(parsing: "8 (916) 000-00-\(10 + person)") : nil
        let email = phone == nil || random.chance(40) ? try Email(parsing: "person\(person)@example.ru") : nil
        let at = Timestamp(microseconds: start.microseconds + Int64(random.below(90 * 24)) * 3_600_000_000)
        let names = ["Анна Петрова", "Олег", "Мария", "Ivan", "Søren"]
        let context =
            random.chance(50)
            ? RequestContext(key: "form-touch-\(number)", utm: UTM(source: "yandex", medium: "cpc", campaign: "Осень"))
            : nil
        return NewLead(
            createdAt: at, name: names[person % names.count], email: email, phone: phone, form: "form\(random.below(2))",
            visitor: random.chance(70) ? "visitor-\(number)" : nil, context: context)
    }

    /// `lead add` of requests in a shuffled order: the same leads, ids, repeats and visitors on both stores.
    @Test func leadsAfterOutOfOrderRequests() throws {
        for index in 0..<Self.cases {
            let seed = 0x5EED_0000 + UInt64(index)
            var random = SplitMix64(seed: seed)
            let requests = try (0..<(4 + random.below(8))).map { try Self.request(&random, number: $0) }
            let (sqlite, postgres) = try Self.both { store in
                var outcomes: [String] = []
                for request in requests { outcomes.append("\(try store.addLead(request))") }
                return outcomes.joined(separator: ",") + "\n" + (try Self.describe(store))
            }
            #expect(sqlite == postgres, "seed \(seed): \(requests.map { "\($0.createdAt.microseconds) \($0.phone?.e164 ?? "-") \($0.email?.normalized ?? "-")" })")
        }
    }

    /// Forms batches, a dry run, a file that changes nothing, and the undo of the first batch: the same leads and
    /// batches on both stores.
    @Test func importsAndUndo() throws {
        for index in 0..<Self.cases {
            let seed = 0xB47C_0000 + UInt64(index)
            var random = SplitMix64(seed: seed)
            let first = try (0..<(3 + random.below(5))).map { try Self.request(&random, number: $0) }
            let second = try (10..<(13 + random.below(5))).map { try Self.request(&random, number: $0) }
            let clicks = (0..<6).map { number in
                Touch(
                    key: "click-\(number)", at: Timestamp(microseconds: Self.start.microseconds + Int64(number) * 60_000_000),
                    visitor: "visitor-\(number)", utm: UTM(source: "vk", medium: "cpc", campaign: "Весна \(number % 2)"),
                    clickID: number % 3 == 0 ? ClickID(parameter: "yclid", value: "shared") : nil, channel: .paidSocial)
            }
            let (sqlite, postgres) = try Self.both { store in
                func forms(_ name: String, _ requests: [NewLead], dryRun: Bool = false) throws -> ImportBatch {
                    try store.runImport(
                        ImportBatch(
                            id: nil, kind: .forms, fileName: name, fileHash: name, preset: nil, importedAt: Self.start,
                            counts: ImportCounts()), dryRun: dryRun
                    ) { writer in
                        var counts = ImportCounts()
                        for (number, request) in requests.enumerated() {
                            counts.read += 1
                            counts.count(try writer.addSubmission(request, key: "\(name)-\(number)", contentHash: "h\(number)"))
                        }
                        return counts
                    }
                }
                var log: [String] = []
                log.append("\(try forms("dry.csv", first, dryRun: true).id.map(String.init) ?? "dry")")
                let one = try forms("one.csv", first)
                log.append("\(one.counts)")
                log.append("\(try forms("one.csv", first).changedNothing)")
                log.append("\(try forms("two.csv", second).counts)")
                let clickBatch = try store.runImport(
                    ImportBatch(
                        id: nil, kind: .clicks, fileName: "clicks.csv", fileHash: "c", preset: nil, importedAt: Self.start,
                        counts: ImportCounts()), dryRun: false
                ) { writer in
                    var counts = ImportCounts()
                    for click in clicks + clicks.prefix(2) { counts.count(try writer.addClick(click)) }
                    return counts
                }
                log.append("\(clickBatch.counts)")
                let undone = try store.undoImport(try #require(one.id), force: true)
                log.append("undo \(undone.removed) \(undone.strandedDeals)")
                log.append(try Self.describe(store))
                _ = try store.undoImport(try #require(clickBatch.id), force: false)
                log.append(try Self.describe(store))
                return log.joined(separator: "\n")
            }
            #expect(sqlite == postgres, "seed \(seed)")
        }
    }

    /// Deals by hand and imported, closed, refunded, linked: the same deals and lead stages on both stores.
    @Test func dealsAndRefunds() throws {
        let (sqlite, postgres) = try Self.both { store in
            let anna = try store.addLead(
                NewLead(createdAt: Self.start, name: "Анна", phone: try Phone(parsing: "8 (916) 123-45-67"))
            ).leadID
            let oleg = try store.addLead(
                NewLead(createdAt: Self.start, name: "Олег", email: try Email(parsing: "oleg@example.ru"))
            ).leadID
            let rub = try Currency(code: "RUB")
            var log: [String] = []
            let deal = try store.addDeal(
                NewDeal(leadID: anna, amount: Money(minorUnits: 1_500_000, currency: rub), createdAt: Self.start))
            log.append("\(deal.id)")
            log.append("\(try store.closeDeal(String(deal.id), as: .won, at: Self.start).status)")
            log.append("\(try store.refundDeal(String(deal.id), amount: Money(minorUnits: 50_000, currency: rub), at: Self.start).refunds.count)")
            do {
                _ = try store.refundDeal(String(deal.id), amount: Money(minorUnits: 9_000_000, currency: rub), at: Self.start)
            } catch { log.append("\(error)") }
            let imported = try store.runImport(
                ImportBatch(
                    id: nil, kind: .deals, fileName: "deals.csv", fileHash: "d", preset: nil, importedAt: Self.start,
                    counts: ImportCounts()), dryRun: false
            ) { writer in
                var counts = ImportCounts()
                counts.count(
                    try writer.putDeal(
                        ImportedDeal(
                            id: "crm-1", lead: .email(try Email(parsing: "oleg@example.ru")),
                            amount: Money(minorUnits: 700_000, currency: rub), status: .won, createdAt: Self.start,
                            closedAt: Self.start, refund: nil, contentHash: "a")))
                counts.count(
                    try writer.putDeal(
                        ImportedDeal(
                            id: "crm-2", lead: .email(try Email(parsing: "nobody@example.ru")),
                            amount: Money(minorUnits: 100, currency: rub), status: .open, createdAt: Self.start,
                            closedAt: nil, refund: nil, contentHash: "b")))
                return counts
            }
            log.append("\(imported.counts)")
            log.append("\(try store.linkDeal("crm-2", toLead: oleg).leadID ?? 0)")
            // Oleg's won deal makes him won: a move back is a correction, recorded alike on both stores.
            try store.moveLead(id: oleg, to: .qualified, at: Self.start, by: "Мария", correcting: true)
            try store.assignLead(id: anna, to: "Мария")
            try store.mergeLeads(keep: anna, other: oleg)
            do { _ = try store.leadDetail(id: oleg) } catch { log.append("\(error)") }
            try store.forgetLead(anna)
            log.append(try Self.describe(store))
            return log.joined(separator: "\n")
        }
        #expect(sqlite == postgres)
        #expect(sqlite.contains("crm-1"))
    }

    /// Campaigns, spend, rates and goals read back the same.
    @Test func campaignsSpendRatesGoals() throws {
        let (sqlite, postgres) = try Self.both { store in
            let rub = try Currency(code: "RUB")
            try store.addCampaign(Campaign(key: "осень-2026", name: "Осень 2026", platform: .yandex))
            var log: [String] = []
            do { try store.addCampaign(Campaign(key: "осень-2026", name: "x")) } catch { log.append("\(error)") }
            log.append("\(try store.putSpend(Spend(date: try CalendarDate(parsing: "2026-10-01"), campaign: "осень-2026", amount: Money(minorUnits: 120_000, currency: rub))))")
            log.append("\(try store.putSpend(Spend(date: try CalendarDate(parsing: "2026-10-01"), campaign: "осень-2026", amount: Money(minorUnits: 130_000, currency: rub))))")
            log.append("\(try store.putSpend(Spend(date: try CalendarDate(parsing: "2026-10-02"), campaign: "Новая", amount: Money(minorUnits: 5, currency: rub), platform: .vk)))")
            let detail = try store.campaignDetail(key: "осень-2026")
            log.append("\(detail.spend) \(detail.spendDays) \(detail.touches)")
            try store.setRate(ExchangeRate(date: try CalendarDate(parsing: "2026-10-01"), from: try Currency(code: "USD"), to: rub, rate: try ExchangeRate.parseRate("95.5"), rateText: "95.5"))
            log.append("\(try store.rates().map(\.rateText))")
            let goal = try store.addGoal(Goal(id: 0, metric: .spend, target: .money(Money(minorUnits: 1, currency: rub)), scope: .campaign("осень-2026"), from: try CalendarDate(parsing: "2026-10-01"), to: try CalendarDate(parsing: "2026-10-31")))
            log.append("\(goal.id)")
            log.append("\(try store.removeGoal(id: goal.id).id)")
            log.append("\(try store.addGoal(goal).id)")
            log.append("\(try store.goals().count)")
            try store.set(.timezone, to: "Europe/Moscow")
            log.append("\(try store.settings().timeZoneName)")
            log.append(try Self.describe(store))
            return log.joined(separator: "\n")
        }
        #expect(sqlite == postgres)
    }
}
#endif
