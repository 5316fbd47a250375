import Foundation
import Testing

/// Issue 12, acceptance 2, with real processes on each store: writers at once lose nothing, make no duplicate lead
/// and leave what running them one by one leaves; a report during an import reads one snapshot.
@Suite("Writers and readers at once, on both stores")
struct StoreConcurrencyTests {
    /// Three people: eight `lead add`s with their phones written three ways, plus two imports at once — a forms file
    /// whose requests share those phones and a clicks file.
    private static let phones = [
        ["8 (916) 111-11-11", "+7 916 111 11 11", "89161111111"],
        ["+7 (903) 222-22-22", "8 903 222 22 22", "79032222222"],
        ["8-925-333-33-33", "+79253333333", "8 (925) 333 33 33"],
    ]

    private static let adds: [[String]] = (0..<8).map { index in
        let person = index % phones.count
        return [
            "lead", "add", "--name", ["Анна Петрова", "Иван Смирнов", "Ольга Ким"][person], "--phone",
            phones[person][index % 3], "--at", "2026-10-0\(2 + index % 4)T1\(index):00:00+03:00", "--url",
            "https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn&utm_content=add-\(index)",
        ]
    }

    /// Forms: each person twice (days apart, inside the duplicate window) and 40 people of their own.
    private static func formLines() -> [String] {
        var lines: [String] = []
        for (person, written) in phones.enumerated() {
            for (round, day) in [1, 6].enumerated() {
                lines.append(
                    #"{"id":"form-\#(person)-\#(round)","submitted_at":"2026-10-0\#(day)T09:3\#(person):00+03:00","name":"Клиент \#(person)","phone":"\#(written[round])","form":"Заявка","page_url":"https://laska-studio.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=brand"}"#
                )
            }
        }
        for other in 0..<40 {
            lines.append(
                #"{"id":"form-other-\#(other)","submitted_at":"2026-10-1\#(other % 10)T12:\#(10 + other):00+03:00","name":"Гость \#(other)","email":"guest\#(other)@mail.ru","form":"Заявка","page_url":"https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn"}"#
            )
        }
        return lines
    }

    @Test(.hangGuard, arguments: StoreKind.allCases)
    func eightLeadAddsAndTwoImportsAtOnceMatchRunningThemOneByOne(store: StoreKind) throws {
        let clicks = clickLines(400, prefix: "together")
        let concurrent = try Workspace.with(store: store) { ws in
            try seed(ws)
            let forms = try ws.write("forms.ndjson", lines: Self.formLines())
            let visits = try ws.write("clicks.ndjson", lines: clicks)
            var running = [try ws.start(["import", "forms", forms]), try ws.start(["import", "clicks", visits])]
            running += try Self.adds.map { try ws.start($0) }
            let results = running.map { $0.wait() }
            for result in results {
                #expect(result.status == 0, "a writer failed while others wrote:\n\(result)")
                #expect(result.stderrLines.allSatisfy { !$0.contains("rror") }, "\(result)")
            }
            return try Self.outcome(ws)
        }
        let oneByOne = try Workspace.with(store: store) { ws in
            try seed(ws)
            try ws.succeed(["import", "clicks", try ws.write("clicks.ndjson", lines: clicks)])
            for add in Self.adds { try ws.succeed(add) }
            try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: Self.formLines())])
            return try Self.outcome(ws)
        }
        #expect(concurrent == oneByOne, "at once:\n\(concurrent)\none by one:\n\(oneByOne)")
        // The seeded lead, one lead per person, one per guest: every other request is a repeat on its person's lead.
        #expect(oneByOne.leads.count == 1 + Self.phones.count + 40, "\(oneByOne.leads.joined(separator: "\n"))")
        #expect(Set(oneByOne.phones).count == oneByOne.phones.count, "a phone has two leads: \(oneByOne.phones)")
        #expect(oneByOne.duplicates == Self.adds.count + Self.phones.count * 2 - Self.phones.count)
        #expect(oneByOne.touches >= 3 + clicks.count, "clicks were lost: \(oneByOne.touches) touches")
    }

    @Test(.hangGuard, arguments: StoreKind.allCases)
    func aReportDuringAnImportSeesItWholeOrNotAtAll(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try seed(ws)
            // Enough requests that the import takes a while: each is judged against the person's earlier ones. The
            // PostgreSQL store judges each request in a few round trips (≈4 a second on a busy 2-core machine), so
            // fewer keep it inside the two minutes a background command is given.
            let lines = (0..<(store == .postgres ? 300 : 1500)).map { index in
                #"{"id":"bulk-\#(index)","submitted_at":"2026-10-\#(10 + index % 20)T1\#(index % 10):\#(10 + index % 50):00+03:00","name":"Покупатель \#(index)","email":"buyer\#(index)@yandex.ru","form":"Заявка","page_url":"https://laska-studio.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn&utm_content=c\#(index % 7)"}"#
            }
            let file = try ws.write("bulk.ndjson", lines: lines)
            let report = ["report", "roas", "--from", "2026-10-01", "--to", "2026-10-31"]
            let before = try ws.succeed(report + ["--format", "json"]).stdout
            let importing = try ws.start(["import", "forms", file])
            var during: [String] = []
            while importing.isRunning {
                let result = try ws.run(report + ["--format", "json"])
                guard result.status == 0 else {
                    Issue.record("a report failed during an import:\n\(result)")
                    break
                }
                if importing.isRunning { during.append(result.stdout) }
            }
            let imported = importing.wait()
            try #require(imported.status == 0, "\(imported)")
            let after = try ws.succeed(report + ["--format", "json"]).stdout
            #expect(before != after, "the import changed no figure; the test proves nothing")
            #expect(!during.isEmpty, "no report ran while the import did")
            for (index, seen) in during.enumerated() {
                #expect(
                    seen == before || seen == after,
                    "report \(index + 1) during the import is neither the state before it nor after it:\n\(seen)")
            }
        }
    }

    /// The state both runs start from: Moscow time, one lead, three clicks.
    /// A rep's `deal add` on a lead while `imports undo` removes the lead's batch: either the undo finds the deal
    /// and refuses (naming it), or the deal add finds the lead gone and says so — never both succeeding with the deal
    /// left without its lead (PostgreSQL's undo looked for hand work, then removed the leads, while the deal landed in
    /// between). Tried at several moments of the undo, on either store.
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func aDealAddedDuringAnUndoIsNeverLeftWithoutItsLead(store: StoreKind) throws {
        let forms = (1...400).map { index in
            #"{"id": "r\#(index)", "submitted_at": "2026-10-01T10:00:00+03:00", "name": "Клиент \#(index)", "phone": "+7 916 \#(String(format: "%03d", index / 100 + 100))-\#(String(format: "%02d", index % 100))-00"}"#
        }
        for delay in [0.05, 0.2, 0.5] {
            try Workspace.with(store: store) { ws in
                try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
                try ws.succeed(["import", "forms", try ws.write("forms.ndjson", lines: forms)])
                let undo = try ws.start(["imports", "undo", "1"])
                Thread.sleep(forTimeInterval: delay)
                let add = try ws.run(["deal", "add", "400", "500", "RUB"])
                let undone = undo.wait()
                let context = "after \(delay) s: undo \(undone), deal add \(add)"
                let deals = try ws.listing(["deal", "list"])
                if undone.status == 0 {
                    // The undo ran first: the deal add must have been refused, and no deal is left.
                    #expect(add.status != 0 && add.stderr.contains("lead 400"), "\(context)")
                    #expect(deals.isEmpty, "\(context): \(deals)")
                } else {
                    // The deal came first: the undo refused, naming it, and the deal keeps its lead.
                    #expect(add.status == 0 && undone.stderr.contains("deal 1 added by hand"), "\(context)")
                    #expect(deals.count == 1 && jsonInt(deals.first?["lead"]) == 400, "\(context): \(deals)")
                }
            }
        }
    }

    private func seed(_ ws: Workspace) throws {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        try ws.succeed([
            "lead", "add", "--name", "Первый", "--phone", "8 (999) 000-00-01", "--at", "2026-10-01T12:00:00Z",
        ])
        try ws.succeed(["import", "clicks", try ws.write("before.ndjson", lines: clickLines(3, prefix: "before"))])
    }

    /// What a run left: the leads without their ids (which depend on arrival), their phones, the repeats, the touches.
    private struct Outcome: Equatable, CustomStringConvertible {
        var leads: [String]
        var phones: [String]
        var duplicates: Int
        var touches: Int

        var description: String {
            leads.joined(separator: "\n") + "\nduplicates \(duplicates), touches \(touches)"
        }
    }

    private static func outcome(_ ws: Workspace) throws -> Outcome {
        let leads = try ws.listing(["lead", "list"])
        let rows = leads.map { lead in
            ["name", "phone", "email", "created_at", "stage"].map { "\(lead[$0] ?? "")" }.joined(separator: " | ")
        }
        return Outcome(
            leads: rows.sorted(), phones: leads.compactMap { $0["phone"] as? String }.sorted(),
            duplicates: try ws.integer("SELECT COUNT(*) FROM lead_event WHERE kind = 'duplicate'"),
            touches: try ws.integer("SELECT COUNT(*) FROM touch"))
    }
}
