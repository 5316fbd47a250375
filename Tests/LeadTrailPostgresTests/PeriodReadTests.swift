#if Postgres
import Foundation
import LeadTrailCore
@testable import LeadTrailPostgres
import LeadTrailStore
import Testing

/// Property (issue 17, SPEC "Performance": a report's time grows with its period, not with the history kept): a
/// report of a period reads only what the period needs (`PeriodReadSQL`), and what it reads is exactly the journey
/// engine's rule, checked against every lead and deal the store lists: the leads created in the period and the
/// leads of deals created, closed or refunded in it; the period's deals and every deal of a needed lead; each needed
/// lead's stage history; and each needed lead's journey, the same as a report over all time up to the period's end
/// gives it — so identity (the same person's earlier leads, visitors sharing a click id) still reaches history.
///
/// A long period reads whole tables instead, and must give the same; both ways are checked.
///
/// Random worlds over two years: leads by shared emails (several leads of one person), shared visitors and click
/// ids, deals closed and refunded in later periods, stage moves, and times on period boundaries. Each world is
/// checked on SQLite, then copied whole to PostgreSQL and checked again. `LEADTRAIL_PROPERTY_CASES` sets the number
/// of worlds (12 by default); a failure names its seed and period.
@Suite(.enabled(if: TestServer.enabled), .serialized)
struct PeriodReadTests {
    static let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 12
    static let seeds: [UInt64] = (0..<UInt64(cases)).map { 0x9E71_0D00 + $0 }
    static let utc = TimeZone(identifier: "UTC")!
    static let day: Int64 = 86_400_000_000
    /// 2025-01-01T00:00:00Z.
    static let origin = Timestamp(microseconds: 1_735_689_600_000_000)

    @Test(arguments: seeds)
    func aPeriodReadsWhatItNeedsAndNothingElse(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("period-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("world.sqlite").path
        let (sqlite, _) = try SQLiteStore.create(path: path)
        try Self.fill(sqlite, random: &random)
        var periods: [(from: CalendarDate, to: CalendarDate)] = []
        for index in 0..<6 {
            // From a day to a quarter long, anywhere in the two years, read by lookups; and two long ones, of half a
            // year to two years, for which the stores read whole tables (`PeriodReadSQL.readsWholeTables`).
            let first = Int64(random.below(700))
            let length = index < 4 ? Int64(random.below(90)) : 180 + Int64(random.below(550))
            periods.append((Self.date(first), Self.date(first + length)))
        }
        try Self.check(sqlite, periods, seed: seed, store: "sqlite")
        try TestServer.withDatabase { location in
            let (postgres, _) = try PostgresStore.create(location)
            _ = try postgres.copy(fromSQLite: path) { _ in }
            try Self.check(postgres, periods, seed: seed, store: "postgres")
            // The contacts leads share, kept by schema 15's trigger: copied, then kept through an add and a forget.
            let session = try PostgresSession.connect(location)
            func sharedContacts() throws -> (kept: [String], grouped: [String]) {
                let kept = try session.run(
                    "SELECT c FROM (SELECT kind || ' ' || value AS c FROM shared_contact) AS kept ORDER BY c COLLATE \"C\"",
                    []
                ).rows.map { try $0.text(at: 0) }
                let grouped = try session.run(
                    """
                    SELECT c FROM (
                        SELECT 'email ' || email AS c FROM lead WHERE email IS NOT NULL GROUP BY email
                        HAVING COUNT(*) > 1
                        UNION ALL
                        SELECT 'phone ' || phone FROM lead WHERE phone IS NOT NULL GROUP BY phone HAVING COUNT(*) > 1
                    ) AS grouped ORDER BY c COLLATE "C"
                    """, []
                ).rows.map { try $0.text(at: 0) }
                return (kept, grouped)
            }
            let copied = try sharedContacts()
            #expect(copied.kept == copied.grouped, "seed \(seed): shared contacts after the copy")
            let email = try Email(parsing: "new-\(seed)@example.ru")
            let first = try postgres.addLead(NewLead(createdAt: Self.origin, email: email)).leadID
            let later = Timestamp(microseconds: Self.origin.microseconds + 400 * Self.day)
            _ = try postgres.addLead(NewLead(createdAt: later, email: email))
            let added = try sharedContacts()
            #expect(added.kept == added.grouped && added.kept.contains("email \(email.normalized)"), "seed \(seed)")
            try postgres.forgetLead(first)
            let forgotten = try sharedContacts()
            #expect(forgotten.kept == forgotten.grouped, "seed \(seed): shared contacts after a forget")
        }
    }

    /// A world of 40 leads over two years, their visitors' touches, deals, refunds and moves.
    static func fill(_ store: SQLiteStore, random: inout SplitMix64) throws {
        try store.set(.timezone, to: "UTC")
        func instant(_ random: inout SplitMix64) -> Timestamp {
            // One in six on a midnight: a period's first instant belongs to it, its end's to the next one.
            let days = Int64(random.below(730))
            let within = random.below(6) == 0 ? 0 : Int64(random.below(86_400)) * 1_000_000
            return Timestamp(microseconds: origin.microseconds + days * day + within)
        }
        for index in 0..<60 {
            let visitor = "v\(random.below(30))"
            let clickID = random.below(5) == 0 ? ClickID(parameter: "yclid", value: "k\(random.below(4))") : nil
            _ = try store.addTouch(
                Touch(
                    key: "t\(index)", at: instant(&random), visitor: visitor,
                    utm: UTM(source: "vk", medium: "cpc", campaign: "c\(random.below(3))"), clickID: clickID,
                    channel: .paidSocial))
        }
        for _ in 0..<40 {
            let createdAt = instant(&random)
            // Twelve people for forty leads: a person's later leads inherit the earlier ones' visitors.
            let addition = try store.addLead(
                NewLead(
                    createdAt: createdAt, name: "Лид", email: try Email(parsing: "p\(random.below(12))@example.ru"),
                    visitor: random.below(8) == 0 ? nil : "v\(random.below(30))"))
            let lead = addition.leadID
            if random.below(3) == 0 {
                // The pipeline may refuse the move (a duplicate's lead moved already, or later): not this test's
                // subject, so a refused move is simply not made.
                let at = Timestamp(microseconds: createdAt.microseconds + Int64(random.below(90)) * day)
                try? store.moveLead(id: lead, to: .contacted, at: at, by: "Олег")
            }
            for _ in 0..<random.below(3) {
                let created = Timestamp(microseconds: createdAt.microseconds + Int64(random.below(120)) * day)
                // Random days may repeat one: a second deal of the same lead, amount and time is meant here.
                let deal = try store.addDeal(
                    NewDeal(
                        leadID: lead, amount: try Money.parse("1000.00", currency: .rub), createdAt: created, again: true))
                guard random.below(3) != 0 else { continue }
                let closed = Timestamp(microseconds: created.microseconds + Int64(random.below(200)) * day)
                let won = random.below(3) != 0
                _ = try store.closeDeal(String(deal.id), as: won ? .won : .lost, at: closed)
                if won && random.below(3) == 0 {
                    let refunded = Timestamp(microseconds: closed.microseconds + Int64(random.below(200)) * day)
                    _ = try store.refundDeal(
                        String(deal.id), amount: try Money.parse("100.00", currency: .rub), at: refunded)
                }
            }
        }
    }

    /// The store's report data of each period against the rule applied to everything the store lists.
    static func check(
        _ store: any LeadStore, _ periods: [(from: CalendarDate, to: CalendarDate)], seed: UInt64, store name: String
    ) throws {
        let leads = try store.leads(matching: LeadFilter())
        let deals = try store.deals(matching: DealFilter()).sorted { $0.id < $1.id }
        for (from, to) in periods {
            let scope = ReportScope(
                dimension: .campaign, from: from, to: to, timeZone: utc, lookbackDays: 30, needsPeriodTouches: false)
            let label = "seed \(seed), \(name), \(from)–\(to)"
            let data = try store.reportData(scope)
            let inPeriod = deals.filter { deal in
                scope.contains(deal.createdAt) || deal.closedAt.map(scope.contains) == true
                    || deal.refunds.contains { scope.contains($0.at) }
            }
            let needed = Set(leads.filter { scope.contains($0.createdAt) }.map(\.id))
                .union(inPeriod.compactMap(\.leadID))
            #expect(data.leads.map(\.id) == needed.sorted(), "\(label): leads")
            let expectedDeals = deals.filter { deal in
                inPeriod.contains(deal) || deal.leadID.map(needed.contains) == true
            }
            #expect(data.deals == expectedDeals, "\(label): deals")
            // The same journeys as a report over all time up to the period's end, where every lead is needed.
            let all = try store.reportData(
                ReportScope(
                    dimension: .campaign, from: date(-400), to: to, timeZone: utc, lookbackDays: 30,
                    needsPeriodTouches: false))
            let allByID = Dictionary(uniqueKeysWithValues: all.leads.map { ($0.id, $0) })
            for lead in data.leads {
                // `lead show` adds the moves its deals imply; a report derives those itself (`LeadPipeline`).
                let history = try store.leadDetail(id: lead.id).history.filter { $0.kind != .deal }
                #expect(lead.history == history, "\(label): lead \(lead.id)'s stage history")
                let start = lead.createdAt.microseconds - scope.lookback
                func journey(_ lead: ReportLead?) -> [Int64] {
                    guard let lead else { return [] }
                    return zip(lead.touches, lead.touchIDs).filter { $0.0.at.microseconds > start }.map(\.1)
                }
                #expect(journey(lead) == journey(allByID[lead.id]), "\(label): lead \(lead.id)'s journey")
            }
        }
    }

    /// The day `days` after 2025-01-01.
    static func date(_ days: Int64) -> CalendarDate {
        var calendar = LocalCalendar(timeZone: utc)
        return calendar.date(of: Timestamp(microseconds: origin.microseconds + days * day))
    }
}
#endif
