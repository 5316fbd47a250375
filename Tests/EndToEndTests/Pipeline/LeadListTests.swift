import Foundation
import Testing

/// Issue 14: `lead list` for a rep — search, filters, newest first with a limit, the first touch's campaign and
/// channel — and `lead show` by phone or email, `lead add`/`deal add --format json`.
@Suite("lead list for a rep")
struct LeadListTests {
    /// Three leads of two owners, one of them from a campaign click.
    static func threeLeads(_ ws: Workspace) throws {
        try ws.succeed(["init"])
        try ws.succeed(["config", "set", "timezone", "Europe/Moscow"])
        try ws.succeed([
            "lead", "add", "--name", "Анна Петрова", "--phone", "8 (916) 123-45-67", "--owner", "Иван",
            "--at", "2026-10-01T10:00:00+03:00", "--url",
            "https://site.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=Осень",
        ])
        try ws.succeed([
            "lead", "add", "--name", "Bob", "--email", "Bob@Example.com", "--owner", "ИВАН", "--external-id",
            "tilda-77",
            "--at", "2026-10-10T10:00:00+03:00",
        ])
        try ws.succeed([
            "lead", "add", "--name", "Ёлка", "--phone", "+7 903 111-22-33", "--owner", "Пётр",
            "--at", "2026-10-20T10:00:00+03:00",
        ])
    }

    static func ids(_ rows: [[String: Any]]) -> [Int] { rows.compactMap { jsonInt($0["id"]) } }

    @Test(arguments: StoreKind.allCases, ["8 (916) 123-45-67", "+79161234567", "9161234567", "123-45-67", "анна", "ПЕТРОВА"])
    func searchFindsAnnaHoweverWritten(store: StoreKind, _ text: String) throws {
        try Workspace.with(store: store) { ws in
            try Self.threeLeads(ws)
            #expect(Self.ids(try ws.listing(["lead", "list", "--search", text])) == [1], "\(text)")
        }
    }

    @Test(arguments: StoreKind.allCases) func filtersNewestFirst(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try Self.threeLeads(ws)
            #expect(Self.ids(try ws.listing(["lead", "list"])) == [3, 2, 1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--search", "bob@example"])) == [2])
            #expect(Self.ids(try ws.listing(["lead", "list", "--search", "TILDA-77"])) == [2])
            #expect(Self.ids(try ws.listing(["lead", "list", "--search", "елка"])) == [3])
            #expect(Self.ids(try ws.listing(["lead", "list", "--owner", "иван"])) == [2, 1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--owner", "пётр"])) == [3])
            #expect(Self.ids(try ws.listing(["lead", "list", "--from", "2026-10-10"])) == [3, 2])
            #expect(Self.ids(try ws.listing(["lead", "list", "--to", "2026-10-10"])) == [2, 1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--from", "2026-10-02", "--to", "2026-10-19"])) == [2])
            try ws.succeed(["lead", "stage", "2", "contacted"])
            try ws.succeed(["lead", "junk", "3"])
            #expect(Self.ids(try ws.listing(["lead", "list", "--stage", "contacted", "--stage", "junk"])) == [3, 2])
            #expect(Self.ids(try ws.listing(["lead", "list", "--stage", "new"])) == [1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--limit", "2"])) == [3, 2])
        }
    }

    @Test(arguments: StoreKind.allCases) func campaignAndChannelOfTheFirstTouch(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try Self.threeLeads(ws)
            let rows = try ws.listing(["lead", "list"])
            let anna = try #require(rows.first { jsonInt($0["id"]) == 1 })
            #expect(anna["campaign"] as? String == "осень")
            #expect(anna["channel"] as? String == "paid_social")
            #expect(rows.first { jsonInt($0["id"]) == 2 }?["campaign"] is NSNull)
            #expect(Self.ids(try ws.listing(["lead", "list", "--campaign", "ОСЕНЬ"])) == [1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--channel", "paid_social"])) == [1])
            #expect(Self.ids(try ws.listing(["lead", "list", "--campaign", "(none)"])) == [3, 2])
            let table = try ws.succeed(["lead", "list"])
            #expect(table.stdoutLines.first?.contains("campaign") == true && table.stdout.contains("осень"), "\(table)")
        }
    }

    @Test(arguments: StoreKind.allCases) func limitIsFiftyByDefaultAndAllShowsEvery(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            for index in 0..<52 {
                try ws.succeed(["lead", "add", "--phone", "8916000\(String(format: "%04d", index))"])
            }
            let first = try ws.succeed(["lead", "list", "--format", "json"])
            #expect(try jsonArray(first.stdout).count == 50)
            #expect(first.stderr.contains("--all"), "\(first)")
            #expect(try ws.listing(["lead", "list", "--all"]).count == 52)
            let exact = try ws.succeed(["lead", "list", "--limit", "52", "--format", "json"])
            #expect(exact.stderr.isEmpty, "\(exact)")
        }
    }

    @Test(arguments: [
        (["--limit", "0"], "--limit"), (["--limit", "-3"], "-3"), (["--limit", "many"], "many"),
        (["--limit", "5", "--all"], "--all"), (["--channel", "tv"], "unknown channel 'tv'"),
        (["--from", "2026-13-01"], "--from"), (["--from", "2026-10-10", "--to", "2026-10-01"], "before"),
        (["--search", "  "], "--search"),
    ])
    func badOptionsAreOneLineErrors(_ options: [String], _ mentioned: String) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let result = try ws.refuse(["lead", "list"] + options, mentioning: mentioned)
            #expect(!result.stderr.contains("Missing value"), "\(result)")
        }
    }

    @Test(arguments: StoreKind.allCases) func showTakesAPhoneOrAnEmail(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try Self.threeLeads(ws)
            for reference in ["8 (916) 123-45-67", "+79161234567", "9161234567"] {
                #expect(jsonInt(try ws.object(["lead", "show", reference])["id"]) == 1, "\(reference)")
            }
            #expect(jsonInt(try ws.object(["lead", "show", "BOB@example.com"])["id"]) == 2)
            try ws.refuse(["lead", "show", "nobody@example.com"], mentioning: "no lead has email nobody@example.com")
            try ws.refuse(["lead", "show", "Анна"], mentioning: "'Анна' is not a lead id, a phone or an email")
            // The same person asking again after the duplicate window is a second lead: both are named.
            try ws.succeed(["lead", "add", "--phone", "+79161234567", "--at", "2026-12-20T10:00:00+03:00"])
            let several = try ws.refuse(["lead", "show", "89161234567"], mentioning: "2 leads have phone +79161234567")
            #expect(several.stderr.contains("lead 4") && several.stderr.contains("lead 1"), "\(several)")
        }
    }

    @Test(arguments: StoreKind.allCases) func addPrintsWhatItMadeAsJSON(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let lead = try jsonObject(
                try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "89161234567", "--format", "json"]).stdout)
            #expect(lead["outcome"] as? String == "created")
            #expect(jsonInt(lead["id"]) == 1)
            #expect(lead["phone"] as? String == "+79161234567")
            #expect(lead["stage"] as? String == "new")
            let again = try jsonObject(
                try ws.succeed(["lead", "add", "--phone", "8 916 123 45 67", "--format", "json"]).stdout)
            #expect(again["outcome"] as? String == "repeat" && jsonInt(again["id"]) == 1)
            let deal = try jsonObject(
                try ws.succeed(["deal", "add", "1", "12500.50", "RUB", "--id", "d-1", "--format", "json"]).stdout)
            #expect(jsonInt(deal["id"]) == 1 && jsonInt(deal["lead"]) == 1)
            #expect(jsonDecimal(deal["amount"]) == Decimal(string: "12500.50"))
            #expect(deal["status"] as? String == "open" && deal["external_id"] as? String == "d-1")
            try ws.refuse(["lead", "add", "--phone", "89031112233", "--format", "csv"], mentioning: "csv")
            try ws.refuse(["deal", "add", "1", "100", "--format", "csv"], mentioning: "csv")
        }
    }

    /// Names typed with spaces around them (`--owner " иван "`, `--by " Пётр "`) are one rep with the name typed
    /// without them: trimmed at the door; a name of spaces only is refused, never stored blank.
    @Test(arguments: StoreKind.allCases) func ownerAndByAreTrimmed(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--owner", " иван ", "--by", "\tанна "])
            try ws.succeed(["lead", "stage", "1", "contacted", "--by", " Пётр\n"])
            try ws.succeed(["lead", "junk", "1", "--by", "  Пётр"])
            let lead = try jsonObject(try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout)
            #expect(lead["owner"] as? String == "иван")
            let history = try #require(lead["history"] as? [[String: Any]])
            #expect(history.map { $0["by"] as? String } == ["анна", "Пётр", "Пётр"], "\(history)")
            #expect(Self.ids(try ws.listing(["lead", "list", "--owner", "иван"])) == [1])
            try ws.refuse(["lead", "add", "--phone", "89031112233", "--owner", "  "], mentioning: "--owner is empty")
            try ws.refuse(["lead", "add", "--phone", "89031112233", "--by", " "], mentioning: "--by is empty")
            try ws.refuse(["lead", "stage", "1", "new", "--correct", "--by", " "], mentioning: "--by is empty")
            try ws.refuse(["lead", "assign", "1", " "], mentioning: "owner is empty")
            #expect(try ws.succeed(["lead", "assign", "1", " Пётр "]).stdout == "Lead 1 is owned by Пётр\n")
            // The help reads as prose, not as one line padded with the source's indentation.
            #expect(!(try ws.succeed(["lead", "stage", "--help"]).stdout.contains("   the history")))
        }
    }

    /// A name typed over two lines or with a tab does not split or shift a `lead list` row: the table shows `↵` and a
    /// space; JSON and CSV keep the text exactly.
    @Test func aLineBreakInANameStaysOnItsRow() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--name", "Line1\nLine2", "--owner", "Иван"])
            try ws.succeed(["lead", "add", "--phone", "89031112233", "--name", "Анна\tПетрова", "--owner", "Пётр"])
            let table = try ws.succeed(["lead", "list", "--format", "table"]).stdout
            let lines = table.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(table)")
            #expect(table.contains("Line1↵Line2") && table.contains("Анна Петрова"), "\(table)")
            #expect(!table.contains("\t"), "\(table)")
            let owners = [lines[2], lines[3]].compactMap { line in
                TableLayout.offset(of: line.contains("Иван") ? "Иван" : "Пётр", in: line)
            }
            #expect(owners.count == 2 && owners[0] == owners[1], "\(table)")
            let show = try ws.succeed(["lead", "show", "1"]).stdout
            #expect(show.hasPrefix("Lead 1 · Line1↵Line2 ("), "\(show)")
            let json = try ws.listing(["lead", "list"])
            #expect(Set(json.compactMap { $0["name"] as? String }) == ["Line1\nLine2", "Анна\tПетрова"])
            let csv = try ws.succeed(["lead", "list", "--format", "csv"]).stdout
            #expect(csv.contains("\"Line1\nLine2\"") && csv.contains("Анна\tПетрова"), "\(csv)")
        }
    }
}
