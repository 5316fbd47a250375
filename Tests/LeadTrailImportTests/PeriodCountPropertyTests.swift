import Foundation
import GRDB
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore
import Testing

/// Schema 16: a report that only counts the period's touches (ROAS, the funnel: no null paths, keys without UTM
/// values) counts every touch of the period from the time index and takes back the forms the same-session rule drops.
/// Random visitors' clicks and UTM-tagged forms around two midnights (so that a form's 30 minutes straddle the
/// period's start, and clicks share a form's instant), imported in random files and order, over one- and two-day
/// periods, by campaign, channel, platform and source: the counts must be, key by key, what listing every touch and
/// judging each visitor's gives (`countsPeriodTouches` false), and what the older schema's path gives.
///
/// Fixed seed; `LEADTRAIL_PROPERTY_CASES` sets the number of cases (100 by default).
struct PeriodCountPropertyTests {
    static let seed: UInt64 = 0x5EED_C0DE_2026_1206

    static var cases: Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 100
    }

    /// 2026-10-02T00:00:00Z and the next midnight, in seconds.
    static let midnights: [Int64] = [1_790_899_200, 1_790_985_600]
    /// Minutes from a midnight: the window's edges (30 minutes, inclusive) on both sides of the period's start.
    static let minutes: [Int64] = [-61, -40, -31, -30, -29, -10, 0, 0, 1, 5, 29, 30, 31, 45, 90]
    static let tags = [
        "utm_source=vk&utm_medium=cpc&utm_campaign=autumn", "utm_source=yandex&utm_medium=cpc&utm_campaign=brand",
        "utm_source=google&utm_medium=organic", "utm_source=VK&utm_medium=CPC&utm_campaign=Autumn", "",
    ]

    @Test func countedPeriodTouchesAreTheListedOnes() throws {
        var failures = 0
        var dropped = 0
        for index in 0..<Self.cases {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let (report, droppedForms) = try Self.run(&random)
            dropped += droppedForms
            if let report {
                failures += 1
                Issue.record("case \(index):\n\(report)")
                if failures >= 3 { break }
            }
        }
        // The cases must reach what the change is about: forms that the rule drops inside a period.
        #expect(dropped > Self.cases / 4)
    }

    static func time(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = utc
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// One case: nil when every scope counted what listing gives, else the files and the first difference; and how
    /// many forms the rule dropped inside the periods compared.
    static func run(_ random: inout SplitMix64) throws -> (String?, Int) {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("counts.sqlite")
        let store = try SQLiteStore.create(path: file.path).store
        try store.set(.timezone, to: "UTC")
        try store.set(.currency, to: "RUB")
        var lines: [(kind: ImportKind, line: String)] = []
        for number in 0..<(6 + random.below(30)) {
            let at = midnights[random.below(2)] + minutes[random.below(minutes.count)] * 60
            let visitor = "v\(random.below(5))"
            let tag = tags[random.below(tags.count)]
            let url = "https://school.example/" + (tag.isEmpty ? "" : "?" + tag)
            if random.below(3) == 0 {
                lines.append(
                    (
                        .forms,
                        #"{"id": "f\#(number)", "submitted_at": "\#(time(at))", "visitor": "\#(visitor)", "page_url": "\#(url)", "phone": "8 (916) 000-00-0\#(random.below(4))"}"#
                    ))
            } else {
                lines.append(
                    (.clicks, #"{"id": "c\#(number)", "at": "\#(time(at))", "visitor": "\#(visitor)", "url": "\#(url)"}"#))
            }
        }
        // In random files and order: the counts cannot depend on it.
        var log: [String] = []
        var remaining = lines.shuffled(using: &random)
        var step = 0
        while !remaining.isEmpty {
            let take = min(remaining.count, 1 + random.below(remaining.count))
            let chunk = remaining.prefix(take)
            remaining.removeFirst(take)
            for kind in [ImportKind.clicks, .forms] {
                let text = chunk.filter { $0.kind == kind }.map(\.line).joined(separator: "\n")
                guard !text.isEmpty else { continue }
                step += 1
                _ = try Importer.run(
                    ImportJob(kind: kind, file: folder.file("step\(step).ndjson", text + "\n"), options: options),
                    store: store)
                log.append("import \(kind)\n\(text)")
            }
        }
        let days = [("2026-10-02", "2026-10-02"), ("2026-10-01", "2026-10-02"), ("2026-10-03", "2026-10-03")]
        let queue = try DatabaseQueue(path: file.path)
        var dropped = 0
        var outputs: [String: [String: Int64]] = [:]
        func named(_ data: ReportData) -> [String: Int64] {
            var byName: [String: Int64] = [:]
            for (key, count) in data.periodTouches?.touchesByKey ?? [:] where count != 0 {
                byName[data.keys[key], default: 0] += count
            }
            return byName
        }
        for (first, last) in days {
            for dimension in [ReportDimension.campaign, .channel, .platform, .source] {
                var options = ReportOptions(
                    from: try CalendarDate(parsing: first), to: try CalendarDate(parsing: last), timeZone: utc,
                    timeZoneName: "UTC", currency: try Currency(code: "RUB"))
                options.dimension = dimension
                let scope = RoasReport.scope(for: options)
                var listing = scope
                listing.countsPeriodTouches = false
                let counted = try store.reportData(scope)
                let listed = try store.reportData(listing)
                let name = "\(first)…\(last) by \(dimension.rawValue)"
                if named(counted) != named(listed) {
                    return (
                        log.joined(separator: "\n") + "\n\(name): counted \(named(counted)) listed \(named(listed))",
                        dropped
                    )
                }
                if dimension != .source && counted.periodTouches?.ids.isEmpty != true {
                    return (log.joined(separator: "\n") + "\n\(name): listed touches when counting", dropped)
                }
                outputs[name] = named(counted)
                if dimension == .campaign {
                    let stored = try queue.read { db in
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM touch WHERE at >= ? AND at < ?",
                            arguments: [scope.start.microseconds, scope.end.microseconds]) ?? 0
                    }
                    dropped += stored - Int(counted.periodTouches?.touchCount ?? 0)
                }
            }
        }
        // A database of schema 15, read before its first write migrates it, has no form touches' index: the older path.
        try queue.write { db in try db.execute(sql: "DROP INDEX touch_form_by_time") }
        let older = try SQLiteStore.open(path: file.path)
        for (first, last) in days {
            var options = ReportOptions(
                from: try CalendarDate(parsing: first), to: try CalendarDate(parsing: last), timeZone: utc,
                timeZoneName: "UTC", currency: try Currency(code: "RUB"))
            options.dimension = .channel
            let name = "\(first)…\(last) by channel"
            let counts = named(try older.reportData(RoasReport.scope(for: options)))
            if counts != outputs[name] {
                return (log.joined(separator: "\n") + "\n\(name), older path: \(counts) vs \(outputs[name] ?? [:])", dropped)
            }
        }
        return (nil, dropped)
    }
}
