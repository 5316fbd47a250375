import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore
import Testing

/// Schema 17 keeps every visitor's touches in one compact row (`visitor_path`), written in the transaction that
/// changes them; long reports read those rows (issue 17). They must be what a rebuild from the touch table alone
/// gives, whatever happened: random sequences of click files (the same ids again with other content, ties in time,
/// click ids), forms with UTM tags (with a visitor, or without one: the `lead:<id>` visitor their judging relinks),
/// merges, undos of any batch in any order; after every step the kept rows are compared with a rebuild from scratch.
///
/// Fixed seed; `LEADTRAIL_PROPERTY_CASES` sets the number of cases (100 by default).
struct VisitorPathPropertyTests {
    static let seed: UInt64 = 0x5EED_9A75_2026_1205

    static var cases: Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 100
    }

    static let tags = [
        "utm_source=vk&utm_medium=cpc&utm_campaign=autumn", "utm_source=yandex&utm_medium=cpc&utm_campaign=brand",
        "utm_source=google&utm_medium=organic",
        // Differs from the first by its term alone: the same-session rule compares all five values.
        "utm_source=vk&utm_medium=cpc&utm_campaign=autumn&utm_term=%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C",
        // The last: clicks only (a form without UTM values has no touch).
        "",
    ]

    @Test func keptVisitorPathsAreAlwaysTheRebuiltOnes() throws {
        var failures = 0
        var compared = 0
        for index in 0..<Self.cases {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let (report, paths) = try Self.run(&random)
            compared += paths
            if let report {
                failures += 1
                Issue.record("case \(index):\n\(report)")
                if failures >= 3 { break }
            }
        }
        // The cases must reach what the rows are about: visitors with touches.
        #expect(compared > Self.cases * 5)
    }

    /// A report reads the kept paths only when they are current, and what it reads from the lead paths or the
    /// visitor paths is what it reads from the touch table: Markov's scope over the whole data (its journeys and every
    /// period touch) loaded the three ways, after each case's random writes, is the same data, touch by touch and key
    /// by key; and ROAS's counted touches (schema 22's day counts and dropped forms) are what the time index gives.
    @Test func reportsReadTheSameFromPathsAsFromTouches() throws {
        var failures = 0
        var withPaths = 0
        for index in 0..<Self.cases {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let folder = TemporaryFolder()
            let file = folder.url.appendingPathComponent("paths.sqlite")
            _ = try Self.run(&random, folder: folder, file: file)
            let store = try SQLiteStore.open(path: file.path)
            var options = ReportOptions(
                from: try CalendarDate(parsing: "2026-10-01"), to: try CalendarDate(parsing: "2026-10-02"),
                timeZone: utc, timeZoneName: "UTC", currency: try Currency(code: "RUB"))
            options.model = .markov
            options.conversion = [ConversionKind.lead, .deal, .sale][index % 3]
            options.dimension = [ReportDimension.campaign, .channel][index % 2]
            let scope = AttributionReport.scope(for: options)
            // ROAS only counts its period's touches: from schema 22's day counts less its dropped forms when they
            // are current, from the time index otherwise. In a time zone half an hour off UTC the period's ends are
            // part-days, counted from the index either way.
            var counting = options
            counting.model = .lastNonDirect
            if index % 4 >= 2 {
                counting.timeZone = TimeZone(identifier: "Asia/Kolkata")!
                counting.timeZoneName = "Asia/Kolkata"
            }
            let roasScope = RoasReport.scope(for: counting)
            func loaded() throws -> String {
                let data = try store.reportData(scope)
                let period = data.periodTouches
                let roas = try store.reportData(roasScope)
                return
                    "leads \(data.leads.map { "\($0.id): \($0.touchIDs) \($0.touches.map { data.keys[$0.key] })" })\n"
                    + "listed \(period?.ids ?? []) \((period?.keys ?? []).map { data.keys[$0] }) \(period?.visitorEnds ?? [])\n"
                    + "counted \((period?.counted.byKey ?? [:]).map { "\(data.keys[$0.key])=\($0.value)" }.sorted())\n"
                    + "roas counted \((roas.periodTouches?.counted.byKey ?? [:]).map { "\(roas.keys[$0.key])=\($0.value)" }.sorted())"
            }
            let fromLeadPaths = try loaded()
            let queue = try DatabaseQueue(path: file.path)
            if try queue.read({ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM lead_path") ?? 0 }) > 0 {
                withPaths += 1
            }
            // A lead noted stale: the lead paths are not current, and reports read the visitor paths.
            try queue.write { db in try db.execute(sql: "INSERT INTO lead_path_stale (lead_id) VALUES (0)") }
            let fromPaths = try loaded()
            // The mark below every touch: the paths are not current, and reports read the touch table.
            try queue.write { db in try db.execute(sql: "UPDATE visitor_path_mark SET through = -1") }
            try queue.close()
            let fromTouches = try loaded()
            if fromLeadPaths != fromTouches || fromPaths != fromTouches {
                failures += 1
                let shown = "from lead paths:\n\(fromLeadPaths)\nfrom visitor paths:\n\(fromPaths)\n"
                Issue.record("case \(index):\n\(shown)from touches:\n\(fromTouches)")
                if failures >= 3 { break }
            }
        }
        #expect(withPaths > Self.cases / 2)
    }

    /// One case: nil when the kept rows matched the rebuild after every step, else the steps up to the first
    /// mismatch; and how many visitor paths were compared in all.
    static func run(_ random: inout SplitMix64) throws -> (String?, Int) {
        let folder = TemporaryFolder()
        return try run(&random, folder: folder, file: folder.url.appendingPathComponent("paths.sqlite"))
    }

    static func run(_ random: inout SplitMix64, folder: TemporaryFolder, file: URL) throws -> (String?, Int) {
        let store = try SQLiteStore.create(path: file.path).store
        var batches: [Int64] = []
        var log: [String] = []
        var compared = 0
        func time() -> String {
            // A few instants, so that touches tie; minutes apart, so that the same-session window matters.
            "2026-10-0\(1 + random.below(2))T10:\(["00", "05", "20", "20", "45"][random.below(5)]):00Z"
        }
        for step in 0..<(4 + random.below(10)) {
            switch random.below(10) {
            case 0..<4:
                var lines: [String] = []
                var ids = Set<Int>()
                for _ in 0..<(1 + random.below(6)) {
                    let id = random.below(10)
                    guard ids.insert(id).inserted else { continue }
                    let tag = tags[random.below(tags.count)]
                    let clickID = random.below(4) == 0 ? #", "click_id": "gc\#(random.below(2))""# : ""
                    lines.append(
                        #"{"id": "c\#(id)", "at": "\#(time())", "visitor": "v\#(random.below(4))", "url": "https://school.example/?\#(tag)"\#(clickID)}"#
                    )
                }
                log.append(
                    try RandomSteps.importFile(
                        .clicks, lines.joined(separator: "\n") + "\n", named: "step\(step).ndjson", into: store,
                        folder: folder, batches: &batches))
            case 4, 5:
                var lines: [String] = []
                for number in 0..<(1 + random.below(3)) {
                    let visitor = random.below(3) == 0 ? "" : #""visitor": "v\#(random.below(4))", "#
                    let tag = tags[random.below(tags.count - 1)]
                    lines.append(
                        #"{"id": "f\#(step)-\#(number)", "submitted_at": "\#(time())", \#(visitor)"page_url": "https://school.example/?\#(tag)", "phone": "8 (916) 000-00-0\#(random.below(3))"}"#
                    )
                }
                log.append(
                    try RandomSteps.importFile(
                        .forms, lines.joined(separator: "\n") + "\n", named: "step\(step).ndjson", into: store,
                        folder: folder, batches: &batches))
            case 6, 7:
                guard !batches.isEmpty else { continue }
                let victim = batches.remove(at: random.below(batches.count))
                _ = try store.undoImport(victim, force: true)
                log.append("undo \(victim)")
            default:
                guard let line = try RandomSteps.mergeLeads(in: store, &random) else { continue }
                log.append(line)
            }
            let (kept, rebuilt) = try store.visitorPathsKeptAndRebuilt()
            compared += rebuilt.count
            if kept != rebuilt {
                let visitors = Set(kept.keys).union(rebuilt.keys).filter { kept[$0] != rebuilt[$0] }.sorted()
                return (log.joined(separator: "\n") + "\nvisitors whose kept path differs: \(visitors)", compared)
            }
        }
        return (nil, compared)
    }
}
