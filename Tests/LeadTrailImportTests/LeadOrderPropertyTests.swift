import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore
import Testing

/// Property (SPEC "Order independence", "Duplicates"): random people with 1–6 requests over 0–120 days — form
/// submissions and `lead add`s, by phone, email or both, some with UTM context, visitors and owners — and deals that
/// name them by phone or email, split into random files and imported in a random order (with, now and then, a forms
/// file of extra requests imported and undone in between), give exactly what importing every request in time order
/// gives: the leads `lead list` shows, the deals `deal list` shows and the JSON of every report.
///
/// Runs in-process through what the CLI runs (`Importer`, the SQLite store, the report builders). Lead ids follow
/// arrival, so each lead id is compared as the lead's place in `lead list` (created time order); every other
/// field is compared as it is. `LEADTRAIL_PROPERTY_CASES` sets the number of cases (200 by default); a failing case
/// prints its seed and its steps. The shuffled files are judged one to four forms at a time
/// (``ImportJob/formsPerChunk``), so the chunks of `import forms` are under the same property.
struct LeadOrderPropertyTests {
    static let cases = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 200
    static let seeds: [UInt64] = (0..<UInt64(cases)).map { 0x1EAD_0000 + $0 }

    @Test(arguments: seeds)
    func leadsDealsAndReportsDoNotDependOnImportOrder(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let world = try RandomPeople(random: &random)
        let folder = TemporaryFolder()
        let timeOrder = world.timeOrderSteps()
        let shuffled = world.shuffledSteps(random: &random)
        // The shuffled files are judged a few forms at a time, so a person's requests fall in different chunks.
        let perChunk = 1 + random.below(4)
        let expected = try Self.run(timeOrder, world: world, folder: folder, name: "time")
        let got = try Self.run(shuffled, world: world, folder: folder, name: "shuffled", perChunk: perChunk)
        for (part, (lhs, rhs)) in zip(expected, got).enumerated() where lhs != rhs {
            Issue.record(
                """
                seed \(seed): output \(part) differs (forms judged \(perChunk) at a time).
                steps: \(shuffled.map(\.description).joined(separator: "\n       "))
                time order gives:
                \(lhs)
                this order gives:
                \(rhs)
                """)
            break
        }
    }

    /// Runs the steps on a fresh store and returns what the user would read.
    static func run(
        _ steps: [Step], world: RandomPeople, folder: TemporaryFolder, name: String, perChunk: Int = 5_000
    ) throws -> [String] {
        let path = folder.url.appendingPathComponent("\(name).sqlite").path
        let store = try SQLiteStore.create(path: path).store
        var batches: [String: Int64] = [:]
        for (index, step) in steps.enumerated() {
            switch step {
            case .forms(let label, let lines):
                let file = folder.file("\(name)-\(index).ndjson", lines.joined(separator: "\n") + "\n")
                var job = ImportJob(kind: .forms, file: file, options: options)
                job.formsPerChunk = perChunk
                let batch = try Importer.run(job, store: store)
                batches[label] = batch.id
            case .deals(let lines):
                let file = folder.file("\(name)-\(index).ndjson", lines.joined(separator: "\n") + "\n")
                _ = try Importer.run(ImportJob(kind: .deals, file: file, options: options), store: store)
            case .leadAdd(let request):
                _ = try store.addLead(request)
            case .undo(let label):
                _ = try store.undoImport(try #require(batches[label]), force: false)
            }
        }
        return try outputs(store)
    }

    /// `lead list` and `deal list` (every column they print, lead ids as places in `lead list`) and every report.
    static func outputs(_ store: SQLiteStore) throws -> [String] {
        let leads = try store.leads(matching: LeadFilter())
        var place: [Int64: Int] = [:]
        for (index, lead) in leads.enumerated() { place[lead.id] = index + 1 }
        let leadLines = leads.map { lead in
            [
                "#\(place[lead.id]!)", String(lead.createdAt.microseconds), lead.name ?? "", lead.phone?.e164 ?? "",
                lead.email?.normalized ?? "", lead.stage.rawValue, lead.owner ?? "", lead.form ?? "", lead.source ?? "",
            ].joined(separator: "|")
        }
        let dealLines = try store.deals(matching: DealFilter()).map { deal in
            [
                String(deal.id), deal.externalID ?? "", deal.leadID.map { "#\(place[$0] ?? -1)" } ?? "unlinked",
                String(deal.amount.minorUnits), deal.amount.currency.code, deal.status.rawValue,
                String(deal.createdAt.microseconds), deal.closedAt.map { String($0.microseconds) } ?? "",
            ].joined(separator: "|")
        }
        var reports: [String] = []
        let zone = TimeZone(identifier: "UTC")!
        let period = (from: try CalendarDate(parsing: "2026-06-01"), to: try CalendarDate(parsing: "2026-12-31"))
        for conversion in [ConversionKind.lead, .sale] {
            let options = ReportOptions(
                from: period.from, to: period.to, timeZone: zone, timeZoneName: "UTC", model: .linear,
                dimension: .campaign, conversion: conversion, currency: .rub)
            reports.append(
                try AttributionReport(data: store.reportData(AttributionReport.scope(for: options)), options: options)
                    .rendered(as: .json))
        }
        // The defaults of the CLI: last non-direct, sales, by campaign; `report models` holds every other model.
        let options = ReportOptions(
            from: period.from, to: period.to, timeZone: zone, timeZoneName: "UTC", currency: .rub)
        reports.append(
            try RoasReport(data: store.reportData(RoasReport.scope(for: options)), options: options).rendered(as: .json)
        )
        reports.append(
            try ModelComparison(data: store.reportData(ModelComparison.scope(for: options)), options: options)
                .rendered(as: .json))
        reports.append(
            try FunnelReport(data: store.reportData(FunnelReport.scope(for: options)), options: options)
                .rendered(as: .json))
        reports.append(
            SpeedReport(data: try store.reportData(SpeedReport.scope(for: options)), options: options)
                .rendered(as: .json))
        return [leadLines.joined(separator: "\n"), dealLines.joined(separator: "\n")] + reports
    }
}

/// One thing a user does: import a forms file (named, so it can be undone), a deals file, a `lead add`, an undo.
enum Step: CustomStringConvertible {
    case forms(label: String, lines: [String])
    case deals([String])
    case leadAdd(NewLead)
    case undo(label: String)

    var description: String {
        switch self {
        case .forms(let label, let lines): "import forms (\(label)): " + lines.joined(separator: " ")
        case .deals(let lines): "import deals: " + lines.joined(separator: " ")
        case .leadAdd(let request):
            "lead add --at \(request.createdAt.microseconds) --phone \(request.phone?.e164 ?? "-") "
                + "--email \(request.email?.normalized ?? "-") --visitor \(request.visitor ?? "-") "
                + "--owner \(request.owner ?? "-") --utm-campaign \(request.context?.utm.campaign ?? "-")"
        case .undo(let label): "imports undo (\(label))"
        }
    }
}

/// The random data of one case.
struct RandomPeople {
    /// A request: as a forms record (its NDJSON line) or as a `lead add`.
    enum Request {
        case form(at: Int64, line: String)
        case leadAdd(NewLead)

        var at: Int64 {
            switch self {
            case .form(let at, _): at
            case .leadAdd(let request): request.createdAt.microseconds
            }
        }
    }

    var requests: [Request] = []
    var deals: [String] = []
    /// Requests of the same people imported and undone in the shuffled run only.
    var decoys: [String] = []

    static let start = Int64(1_782_900_000) * 1_000_000  // 2026-07-01T10:00:00Z

    init(random: inout SplitMix64) throws {
        let people = Int.random(in: 1...4, using: &random)
        var usedTimes = Set<Int64>()
        func time(_ person: Int, _ random: inout SplitMix64) -> Int64 {
            while true {
                // 0–120 days, to the minute: near the 30-day window often enough.
                let minutes = Int64.random(in: 0...(120 * 24 * 60), using: &random)
                let at = Self.start + minutes * 60_000_000
                if usedTimes.insert(at).inserted { return at }
            }
        }
        let campaigns = ["autumn", "search", "stories", "retarget"]
        var number = 0
        for person in 0..<people {
            let phone = "+7916\(String(format: "%07d", 1_000_000 + person * 7919))"
            let email = "person\(person)@example.ru"
            let count = Int.random(in: 1...6, using: &random)
            for _ in 0..<count {
                number += 1
                let at = time(person, &random)
                // Phone only, email only, or both: the same person reached through either.
                let contact = Int.random(in: 0..<3, using: &random)
                let usePhone = contact != 1
                let useEmail = contact != 0
                let visitor = Bool.random(using: &random) ? "v-\(person)-\(Int.random(in: 0..<3, using: &random))" : nil
                let campaign = Bool.random(using: &random) ? campaigns.randomElement(using: &random) : nil
                let name = ["Анна", "Иван", "Мария", "Пётр"][person % 4] + " \(number)"
                if Int.random(in: 0..<4, using: &random) == 0 {
                    let owner = Bool.random(using: &random) ? "Ольга" : nil
                    let utm = UTM(
                        source: campaign == nil ? nil : "vk", medium: campaign == nil ? nil : "cpc", campaign: campaign)
                    let timestamp = Timestamp(microseconds: at)
                    requests.append(
                        .leadAdd(
                            NewLead(
                                createdAt: timestamp, name: name, email: useEmail ? try Email(parsing: email) : nil,
                                phone: usePhone ? try Phone(parsing: phone) : nil, form: "звонок", owner: owner,
                                visitor: visitor,
                                context: RequestContext(
                                    key: "lead-add:"
                                        + ContentHash.of([
                                            String(at), visitor, useEmail ? email : nil, usePhone ? phone : nil,
                                        ]),
                                    utm: utm),
                                createdBy: "rep")))
                } else {
                    requests.append(
                        .form(
                            at: at,
                            line: Self.formLine(
                                id: "f-\(number)", at: at, name: name, phone: usePhone ? phone : nil,
                                email: useEmail ? email : nil, visitor: visitor, campaign: campaign)))
                }
            }
            for dealNumber in 0..<Int.random(in: 0...2, using: &random) {
                let at = Self.start + Int64.random(in: 0...(125 * 24 * 60), using: &random) * 60_000_000
                let reference = Bool.random(using: &random) ? #"{"phone": "\#(phone)"}"# : #"{"email": "\#(email)"}"#
                deals.append(
                    #"{"id": "d-\#(person)-\#(dealNumber)", "lead": \#(reference), "amount": "\#(Int.random(in: 1...90, using: &random) * 100).00", "currency": "RUB", "created_at": "\#(Self.rfc3339(at))", "status": "won", "closed_at": "\#(Self.rfc3339(at + 86_400_000_000))"}"#
                )
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                let at = time(person, &random)
                decoys.append(
                    Self.formLine(
                        id: "decoy-\(person)", at: at, name: "Кто-то", phone: phone,
                        email: Bool.random(using: &random) ? email : nil,
                        visitor: "v-decoy-\(person)", campaign: campaigns.randomElement(using: &random)))
            }
        }
    }

    static func rfc3339(_ microseconds: Int64) -> String {
        Timestamp(microseconds: microseconds).rfc3339
    }

    static func formLine(
        id: String, at: Int64, name: String, phone: String?, email: String?, visitor: String?, campaign: String?
    ) -> String {
        var fields = [#""id": "\#(id)""#, #""submitted_at": "\#(rfc3339(at))""#, #""name": "\#(name)""#]
        if let phone { fields.append(#""phone": "\#(phone)""#) }
        if let email { fields.append(#""email": "\#(email)""#) }
        if let visitor { fields.append(#""visitor": "\#(visitor)""#) }
        if let campaign {
            fields.append(#""page_url": "https://example.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=\#(campaign)""#)
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Every request on its own, oldest first, then the deals.
    func timeOrderSteps() -> [Step] {
        var steps: [Step] = requests.sorted { $0.at < $1.at }.enumerated().map { index, request in
            switch request {
            case .form(_, let line): .forms(label: "t\(index)", lines: [line])
            case .leadAdd(let lead): .leadAdd(lead)
            }
        }
        if !deals.isEmpty { steps.append(.deals(deals)) }
        return steps
    }

    /// The forms split into 1–3 random files, the `lead add`s and the deals file, in a random order; the decoy
    /// file, when there is one, imported somewhere and undone somewhere after.
    func shuffledSteps(random: inout SplitMix64) -> [Step] {
        let files = Int.random(in: 1...3, using: &random)
        var lines = Array(repeating: [String](), count: files)
        var steps: [Step] = []
        for request in requests.shuffled(using: &random) {
            switch request {
            case .form(_, let line): lines[Int.random(in: 0..<files, using: &random)].append(line)
            case .leadAdd(let lead): steps.append(.leadAdd(lead))
            }
        }
        for (index, file) in lines.enumerated() where !file.isEmpty {
            steps.append(.forms(label: "s\(index)", lines: file))
        }
        if !deals.isEmpty { steps.append(.deals(deals)) }
        steps.shuffle(using: &random)
        if !decoys.isEmpty {
            let importAt = Int.random(in: 0...steps.count, using: &random)
            steps.insert(.forms(label: "decoy", lines: decoys), at: importAt)
            steps.insert(.undo(label: "decoy"), at: Int.random(in: (importAt + 1)...steps.count, using: &random))
        }
        return steps
    }
}
