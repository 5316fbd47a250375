import Foundation
import Testing

/// SPEC "Duplicates" and "Order independence": a person's leads are judged from all of their requests, whatever
/// order the files came in; what people did by hand on a lead stays on the lead that survives; nothing is merged or
/// reset silently (docs/leads.md, "Duplicates and order").
struct LeadJudgingTests {
    /// One phone, three requests: 09-01, 09-20 (19 days later: a repeat) and 10-05 (34 days after the lead: a new
    /// lead). Two leads in time order.
    static let september1 =
        #"{"id": "r-0901", "submitted_at": "2026-09-01T10:00:00Z", "name": "Анна", "phone": "8 (916) 123-45-67", "visitor": "v-1", "page_url": "https://example.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=autumn"}"#
    static let september20 =
        #"{"id": "r-0920", "submitted_at": "2026-09-20T10:00:00Z", "name": "Анна П.", "phone": "+7 916 123 45 67", "visitor": "v-2", "page_url": "https://example.ru/?utm_source=telegram&utm_medium=cpc&utm_campaign=channel"}"#
    static let october5 =
        #"{"id": "r-1005", "submitted_at": "2026-10-05T10:00:00Z", "name": "Анна Петрова", "phone": "79161234567", "visitor": "v-3", "page_url": "https://example.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=search"}"#
    /// Deals naming the person by phone: the latest lead created at or before each deal.
    static let deals = [
        #"{"id": "d-1", "lead": {"phone": "89161234567"}, "amount": "1000.00", "currency": "RUB", "created_at": "2026-09-25T12:00:00Z", "status": "won", "closed_at": "2026-09-28T12:00:00Z"}"#,
        #"{"id": "d-2", "lead": {"phone": "89161234567"}, "amount": "2500.00", "currency": "RUB", "created_at": "2026-10-10T12:00:00Z", "status": "won", "closed_at": "2026-10-12T12:00:00Z"}"#,
    ]

    /// What a user reads after the imports: `lead list` and `deal list` with each lead id replaced by the lead's
    /// place in `lead list` (ids follow arrival, so they are the one thing import order may change), and reports.
    static func outputs(_ ws: Workspace, database: String) throws -> [String] {
        let db = ["--db", database]
        let leads = try ws.succeed(["lead", "list", "--format", "csv"] + db).stdoutLines
        var place: [String: String] = [:]
        var lines: [String] = []
        for (index, line) in leads.enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if index > 0 {
                place[fields[0]] = "#\(index)"
                fields[0] = "#\(index)"
            }
            lines.append(fields.joined(separator: ","))
        }
        let deals = try jsonArray(try ws.succeed(["deal", "list", "--format", "json"] + db).stdout)
        let dealLines = deals.map { deal in
            deal.sorted { $0.key < $1.key }.map { key, value in
                key == "lead" || key == "lead_id" ? "\(key)=\(place["\(value)"] ?? "\(value)")" : "\(key)=\(value)"
            }.joined(separator: " ")
        }
        let period = ["--from", "2026-09-01", "--to", "2026-10-31", "--format", "json"] + db
        var reports: [String] = []
        for report in [
            ["report", "roas", "--model", "linear"], ["report", "attribution", "--conversion", "lead"],
            ["report", "funnel"], ["report", "speed"], ["report", "models"],
        ] {
            reports.append(try ws.succeed(report + period).stdout)
        }
        return [lines.joined(separator: "\n"), dealLines.joined(separator: "\n")] + reports
    }

    @Test func threeRequestsOfOnePersonGiveTheLeadsOfTimeOrderInEveryFileOrder() throws {
        try Workspace.with { ws in
            let files = [
                try ws.write("0901.ndjson", lines: [Self.september1]),
                try ws.write("0920.ndjson", lines: [Self.september20]),
                try ws.write("1005.ndjson", lines: [Self.october5]),
            ]
            let dealsFile = try ws.write("deals.ndjson", lines: Self.deals)
            let orders = [[0, 1, 2], [2, 1, 0], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1]]
            var results: [[String]] = []
            for (number, order) in orders.enumerated() {
                let database = "order-\(number).sqlite"
                try ws.succeed(["--db", database, "init"])
                // Deals before the forms in half of the runs: they wait for their lead and link when it comes.
                if number % 2 == 1 { try ws.succeed(["import", "deals", dealsFile, "--db", database]) }
                for index in order { try ws.succeed(["import", "forms", files[index], "--db", database]) }
                if number % 2 == 0 { try ws.succeed(["import", "deals", dealsFile, "--db", database]) }
                results.append(try Self.outputs(ws, database: database))
            }
            let leads = try ws.listing(["lead", "list", "--db", "order-1.sqlite"])
            // Newest first: two leads, created at the first and the third request, as in time order.
            #expect(
                leads.map { $0["created_at"] as? String } == ["2026-10-05T10:00:00Z", "2026-09-01T10:00:00Z"],
                "\(leads)")
            #expect(leads.map { $0["name"] as? String } == ["Анна Петрова", "Анна"])
            for (number, result) in results.enumerated().dropFirst() {
                for (part, (expected, got)) in zip(results[0], result).enumerated() where expected != got {
                    Issue.record("order \(orders[number]), output \(part):\n\(got)\n--- time order gives:\n\(expected)")
                }
            }
            // The deal of 09-25 is on the 09-01 lead (#2, newest first), the deal of 10-10 on the 10-05 lead.
            #expect(results[0][1].contains("id=d-1") && results[0][1].components(separatedBy: "\n")[0].contains("#2"))
        }
    }

    @Test func handWorkStaysOnTheLeadAnEarlierRequestTakesOver() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["import", "forms", try ws.write("later.ndjson", lines: [Self.september20, Self.october5])])
            #expect(try ws.listing(["lead", "list"]).count == 1)
            try ws.succeed(["lead", "stage", "1", "contacted", "--at", "2026-10-06T09:00:00Z", "--by", "Ольга"])
            try ws.succeed(["lead", "assign", "1", "Ольга"])
            try ws.succeed(["deal", "add", "1", "5000", "--at", "2026-10-07T09:00:00Z"])

            try ws.succeed(["import", "forms", try ws.write("earlier.ndjson", lines: [Self.september1])])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.count == 2, "\(leads)")
            // Newest first: the lead people worked on (now created 09-01) is the last row.
            let first = try #require(leads.last)
            #expect(jsonInt(first["id"]) == 1, "the lead people worked on keeps its id: \(leads)")
            #expect(first["created_at"] as? String == "2026-09-01T10:00:00Z")
            #expect(first["stage"] as? String == "contacted")
            #expect(first["owner"] as? String == "Ольга")
            let second = try #require(leads.first)
            #expect(second["created_at"] as? String == "2026-10-05T10:00:00Z")
            #expect(second["stage"] as? String == "new")
            let deals = try ws.listing(["deal", "list"])
            #expect(deals.count == 1)
            #expect(jsonInt(deals.first?["lead"] ?? deals.first?["lead_id"]) == 1, "\(deals)")
            // The 10-05 request's visitor is on the new lead only.
            let shown = try ws.object(["lead", "show", "1"])
            #expect(Set(shown["visitors"] as? [String] ?? []) == ["v-1", "v-2"], "\(shown["visitors"] ?? "")")
        }
    }

    /// Two leads of one person (one by email, one by phone) become one when an earlier request with both arrives:
    /// the older id survives with both leads' hand work, and the retired id says where it went.
    @Test func aRetiredLeadIdPointsToTheLeadItBecamePartOf() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--email", "anna@example.com", "--at", "2026-09-10T10:00:00Z"])
            try ws.succeed(["lead", "stage", "1", "contacted", "--at", "2026-09-11T10:00:00Z"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--at", "2026-09-20T10:00:00Z"])
            try ws.succeed(["deal", "add", "2", "700", "--at", "2026-09-21T10:00:00Z"])
            #expect(try ws.listing(["lead", "list"]).count == 2)

            let both =
                #"{"id": "r-0905", "submitted_at": "2026-09-05T10:00:00Z", "name": "Анна", "email": "anna@example.com", "phone": "+79161234567"}"#
            try ws.succeed(["import", "forms", try ws.write("both.ndjson", lines: [both])])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.count == 1, "\(leads)")
            #expect(jsonInt(leads.first?["id"]) == 1)
            #expect(leads.first?["created_at"] as? String == "2026-09-05T10:00:00Z")
            #expect(leads.first?["stage"] as? String == "contacted")
            let deals = try ws.listing(["deal", "list"])
            #expect(jsonInt(deals.first?["lead"] ?? deals.first?["lead_id"]) == 1, "\(deals)")
            try ws.refuse(["lead", "show", "2"], mentioning: "lead 2", "lead 1")
            try ws.refuse(["deal", "add", "2", "100"], mentioning: "lead 1")
            let events = try ws.object(["lead", "show", "1"])["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["kind"] as? String == "rejudged" }, "\(events)")
        }
    }

    @Test func undoingAFormsBatchGivesTheLeadsOfTheBatchesStillStanding() throws {
        try Workspace.with { ws in
            let later = try ws.write("later.ndjson", lines: [Self.september20, Self.october5])
            let earlier = try ws.write("earlier.ndjson", lines: [Self.september1])
            try ws.succeed(["--db", "only.sqlite", "init"])
            try ws.succeed(["import", "forms", later, "--db", "only.sqlite"])
            try ws.succeed(["init"])
            try ws.succeed(["import", "forms", later])
            let batch = try ws.importSummary(["import", "forms", earlier])
            #expect(try ws.listing(["lead", "list"]).count == 2)
            try ws.succeed(["imports", "undo", String(try #require(jsonInt(batch["batch"])))])
            let after = try Self.outputs(ws, database: "leadtrail.sqlite")
            let only = try Self.outputs(ws, database: "only.sqlite")
            #expect(after == only)
            #expect(try ws.listing(["lead", "list"]).map { jsonInt($0["id"]) } == [1])
        }
    }

    /// `lead merge A B` keeps B's contacts as A's: B's phone brings its next request (and a deal naming it) to A.
    @Test func aMergedLeadsPhoneStaysWithTheLeadItWasMergedInto() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "89161234567", "--at", "2026-10-01T10:00:00Z"])
            try ws.succeed([
                "lead", "add", "--name", "Анна (рабочий)", "--phone", "89031112233", "--at", "2026-10-02T10:00:00Z",
            ])
            try ws.succeed(["lead", "merge", "1", "2"])
            let again = try ws.succeed(["lead", "add", "--phone", "8 903 111-22-33", "--at", "2026-10-05T10:00:00Z"])
            #expect(again.stdout.contains("Lead 1:"), "\(again)")
            #expect(try ws.listing(["lead", "list"]).count == 1)
            let deal =
                #"{"id": "d-m", "lead": {"phone": "+79031112233"}, "amount": "300", "currency": "RUB", "created_at": "2026-10-06T10:00:00Z"}"#
            try ws.succeed(["import", "deals", try ws.write("deal.ndjson", lines: [deal])])
            let deals = try ws.listing(["deal", "list"])
            #expect(jsonInt(deals.first?["lead"] ?? deals.first?["lead_id"]) == 1, "\(deals)")
            try ws.refuse(["lead", "show", "2"], mentioning: "merged into lead 1")
        }
    }

    /// `lead merge A B` never loses B's stage history: when A has no move of its own, B's moves (and its stage)
    /// become A's, so a rep's response time and the funnel keep them; when both have moves, A keeps its own and B's
    /// are written into the merge event. On either store.
    @Test(arguments: StoreKind.allCases) func aMergeKeepsTheMergedLeadsStageHistory(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed([
                "lead", "add", "--name", "Мария", "--phone", "8 926 555 12 34", "--at", "2026-11-02T10:00:00+03:00",
                "--owner", "Иван",
            ])
            try ws.succeed(["lead", "stage", "1", "contacted", "--by", "Иван", "--at", "2026-11-02T10:15:00+03:00"])
            try ws.succeed(["lead", "stage", "1", "qualified", "--by", "Иван", "--at", "2026-11-03T10:15:00+03:00"])
            try ws.succeed([
                "lead", "add", "--name", "Мария", "--email", "maria@mail.ru", "--at", "2026-11-20T10:00:00+03:00",
            ])
            try ws.succeed(["lead", "merge", "2", "1"])
            let merged = try ws.object(["lead", "show", "2"])
            #expect(merged["stage"] as? String == "qualified", "\(merged)")
            #expect(merged["created_at"] as? String == "2026-11-02T07:00:00Z", "\(merged)")
            #expect(jsonInt(merged["first_response_seconds"]) == 15 * 60, "\(merged)")
            let history = try #require(merged["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["new", "contacted", "qualified"], "\(history)")
            let speed = try ws.object([
                "report", "speed", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json",
            ])
            #expect("\(speed)".contains("Иван"), "\(speed)")

            // Both with moves: the kept lead keeps its own, the other's are in the merge event.
            try ws.succeed([
                "lead", "add", "--name", "Олег", "--phone", "+7 903 000-00-01", "--at", "2026-11-05T10:00:00+03:00",
            ])
            try ws.succeed(["lead", "stage", "3", "contacted", "--by", "Пётр", "--at", "2026-11-05T11:00:00+03:00"])
            try ws.succeed([
                "lead", "add", "--name", "Олег", "--email", "oleg@mail.ru", "--at", "2026-11-06T10:00:00+03:00",
            ])
            try ws.succeed(["lead", "stage", "4", "lost", "--by", "Анна", "--at", "2026-11-06T12:00:00+03:00"])
            try ws.succeed(["lead", "merge", "3", "4"])
            let kept = try ws.object(["lead", "show", "3"])
            #expect(kept["stage"] as? String == "contacted", "\(kept)")
            let events = try #require(kept["events"] as? [[String: Any]])
            let merge = try #require(events.first { $0["kind"] as? String == "merged" }?["detail"] as? String)
            #expect(merge.contains("lost") && merge.contains("by Анна"), "\(merge)")
        }
    }

    /// After `lead merge A B`, judging one of the two people again (a new request from B's phone, the undo of a
    /// later request of A) still sees every request on the merged lead: A keeps its creation time, first campaign,
    /// both visitors and B's repeat, and B's phone still finds A. Judging Борис again used to rebuild lead 1 from his
    /// requests alone (created on his date, his campaign, Анна's visitor gone), on either store.
    @Test(arguments: StoreKind.allCases) func judgingAMergedPersonAgainKeepsEveryRequestOfTheMerge(store: StoreKind)
        throws
    {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let clicks = try ws.write(
                "clicks.ndjson",
                lines: [
                    #"{"id":"c1","at":"2026-01-01T11:50:00+03:00","visitor":"vp","url":"https://x.ru/?utm_source=vk&utm_medium=target&utm_campaign=vk_a"}"#,
                    #"{"id":"c2","at":"2026-01-05T11:50:00+03:00","visitor":"vq","url":"https://x.ru/?utm_source=yandex&utm_medium=cpc&utm_campaign=ya_b"}"#,
                ])
            let first = try ws.write(
                "first.ndjson",
                lines: [
                    #"{"id":"f1","submitted_at":"2026-01-01T12:00:00+03:00","name":"Анна","phone":"8 (916) 111-11-11","visitor":"vp"}"#,
                    #"{"id":"f2","submitted_at":"2026-01-05T12:00:00+03:00","name":"Борис","phone":"8 (916) 222-22-22","visitor":"vq"}"#,
                ])
            let march = try ws.write(
                "march.ndjson",
                lines: [
                    #"{"id":"f3","submitted_at":"2026-03-01T12:00:00+03:00","name":"Анна","phone":"8 (916) 111-11-11","visitor":"vp"}"#
                ])
            let again = try ws.write(
                "again.ndjson",
                lines: [
                    #"{"id":"f9","submitted_at":"2026-01-12T12:00:00+03:00","name":"Борис","phone":"8 (916) 222-22-22","visitor":"vq"}"#
                ])
            try ws.succeed(["import", "clicks", clicks])
            try ws.succeed(["import", "forms", first])
            try ws.succeed(["import", "forms", march])
            try ws.succeed(["lead", "merge", "1", "2"])
            func expectLeadOne(_ context: String, repeats: Int, leads: Int = 1) throws {
                let lead = try ws.object(["lead", "show", "1"])
                #expect(lead["created_at"] as? String == "2026-01-01T09:00:00Z", "\(context): \(lead)")
                #expect((lead["visitors"] as? [String])?.sorted() == ["vp", "vq"], "\(context): \(lead)")
                let history = try #require(lead["history"] as? [[String: Any]], "\(context)")
                #expect(history.first?["at"] as? String == "2026-01-01T09:00:00Z", "\(context): \(history)")
                let events = try #require(lead["events"] as? [[String: Any]], "\(context)")
                #expect(
                    events.filter { $0["kind"] as? String == "duplicate" }.count == repeats, "\(context): \(events)")
                let listed = try ws.listing(["lead", "list"])
                #expect(listed.count == leads, "\(context): \(listed)")
                #expect(listed.last?["campaign"] as? String == "vk_a", "\(context): \(listed)")
                let byPhone = try ws.object(["lead", "show", "+7 916 222-22-22"])
                #expect(jsonInt(byPhone["id"]) == 1, "\(context): \(byPhone)")
            }
            // Анна's March request is two months on: a lead of its own, 3.
            try expectLeadOne("after the merge", repeats: 1, leads: 2)
            // Undoing Анна's March request judges Анна again.
            try ws.succeed(["imports", "undo", "3"])
            try expectLeadOne("after undoing Анна's later request", repeats: 1)
            // A new request from Борис's phone judges Борис again.
            try ws.succeed(["import", "forms", again])
            try expectLeadOne("after Борис asked again", repeats: 2)
        }
    }

    /// `imports undo --force` of the batch behind a merge removes the kept lead too: the merged lead's id then says
    /// so, instead of pointing at a lead that `lead show` calls unknown.
    @Test func aMergedIDWhoseLeadWentWithAnUndoSaysSo() throws {
        try Workspace.with { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let forms = try ws.write(
                "forms.ndjson",
                lines: [
                    #"{"id":"f1","submitted_at":"2026-01-01T12:00:00+03:00","name":"Анна","phone":"8 (916) 111-11-11"}"#,
                    #"{"id":"f2","submitted_at":"2026-01-05T12:00:00+03:00","name":"Борис","phone":"8 (916) 222-22-22"}"#,
                ])
            try ws.succeed(["import", "forms", forms])
            try ws.succeed(["lead", "merge", "1", "2"])
            try ws.succeed(["imports", "undo", "1", "--force"])
            let shown = try ws.run(["lead", "show", "2"])
            expectRefused(shown, mentioning: "lead 2 was merged into lead 1", "undone import")
        }
    }

    /// A new duplicate window judges every person's leads again: the leads are what the requests give under the
    /// window, the same as in a database that had that window from the start, on either store.
    @Test(arguments: StoreKind.allCases) func changingTheDuplicateWindowJudgesEveryoneAgain(store: StoreKind) throws {
        func leads(_ ws: Workspace) throws -> [String] {
            try ws.listing(["lead", "list"]).map { "\($0["created_at"] ?? "") \($0["name"] ?? "")" }.sorted()
        }
        let adds = [("Б", "2026-11-01"), ("Б2", "2026-11-21")]
        let changed = try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            for (name, day) in adds {
                try ws.succeed([
                    "lead", "add", "--name", name, "--phone", "89162223344", "--at", "\(day)T10:00:00+03:00",
                ])
            }
            #expect(try ws.listing(["lead", "list"]).count == 1, "20 days apart: a repeat under 30 days")
            let set = try ws.succeed(["config", "set", "duplicate-window", "14"])
            #expect(try ws.listing(["lead", "list"]).count == 2, "20 days apart: two leads under 14 days")
            // The command says what judging again did, not only the new value.
            #expect(
                set.stdout.contains("duplicate-window = 14") && set.stdout.contains("1 lead before, 2 leads now"),
                "\(set)")
            try ws.succeed([
                "lead", "add", "--name", "Б3", "--phone", "89162223344", "--at", "2026-11-22T10:00:00+03:00",
            ])
            return try leads(ws)
        }
        let fresh = try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed(["config", "set", "duplicate-window", "14"])
            for (name, day) in adds + [("Б3", "2026-11-22")] {
                try ws.succeed([
                    "lead", "add", "--name", name, "--phone", "89162223344", "--at", "\(day)T10:00:00+03:00",
                ])
            }
            return try leads(ws)
        }
        #expect(changed == fresh)
        #expect(changed.count == 2 && changed.contains { $0.hasSuffix(" Б2") }, "\(changed)")
    }

    /// A merged lead's id keeps pointing at the lead it was merged into, so it is never given to a new lead: the
    /// next lead after `lead merge 1 2` is lead 3, on either store.
    @Test(arguments: StoreKind.allCases) func aMergedLeadsIDIsNeverGivenAgain(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "89161234567"])
            try ws.succeed(["lead", "add", "--name", "Анна (рабочий)", "--phone", "89031112233"])
            try ws.succeed(["lead", "merge", "1", "2"])
            let next = try ws.succeed(["lead", "add", "--name", "Борис", "--phone", "+7 905 000-00-01"])
            #expect(next.stdout.hasPrefix("Lead 3 created"), "\(next)")
            try ws.refuse(["lead", "show", "2"], mentioning: "merged into lead 1")
            #expect(try ws.object(["lead", "show", "3"])["name"] as? String == "Борис")
            #expect(try ws.listing(["lead", "list"]).compactMap { jsonInt($0["id"]) }.sorted() == [1, 3])
            // Merging the newest lead away leaves its id taken too.
            try ws.succeed(["lead", "merge", "1", "3"])
            let after = try ws.succeed(["lead", "add", "--name", "Вера", "--email", "vera@example.ru"])
            #expect(after.stdout.hasPrefix("Lead 4 created"), "\(after)")
            try ws.refuse(["lead", "show", "3"], mentioning: "merged into lead 1")
        }
    }

    /// A repeat request logged with `lead add` keeps the name, email and phone it gave in its event.
    @Test func aRepeatLeadAddRecordsWhatItSaid() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67"])
            let repeatRequest = try ws.succeed([
                "lead", "add", "--name", "Анна Петрова", "--phone", "+7 916 123 45 67", "--email", "Anna@Example.com",
                "--form", "звонок",
            ])
            #expect(repeatRequest.stdout.contains("repeat request"))
            let shown = try ws.object(["lead", "show", "1"])
            #expect(shown["name"] as? String == "Анна", "a repeat does not change the lead's contacts")
            let events = shown["events"] as? [[String: Any]] ?? []
            let repeatEvent = try #require(events.first { $0["kind"] as? String == "duplicate" }, "\(events)")
            let detail = repeatEvent["detail"] as? String ?? ""
            for fragment in ["звонок", "Анна Петрова", "anna@example.com", "+79161234567"] {
                #expect(detail.contains(fragment), "event detail '\(detail)' lacks \(fragment)")
            }
        }
    }

    @Test func campaignAddOfAnExistingKeyIsRefusedAndPointsToUpdate() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            // The data names the campaign first: it is created automatically, its platform taken from the touch.
            try ws.succeed([
                "touch", "add", "https://example.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=Autumn", "--visitor",
                "v-1",
            ])
            try ws.refuse(
                ["campaign", "add", "autumn", "--platform", "telegram"], mentioning: "autumn", "campaign update")
            try ws.succeed(["campaign", "add", "winter", "--platform", "vk"])
            try ws.refuse(["campaign", "add", " Winter ", "--name", "Зима"], mentioning: "winter", "campaign update")
            try ws.succeed(["campaign", "update", "autumn", "--platform", "telegram"])
            let autumn = try ws.object(["campaign", "show", "autumn"])
            #expect(autumn["platform"] as? String == "telegram")
            #expect(autumn["auto_created"] as? Bool == false)
        }
    }
}
