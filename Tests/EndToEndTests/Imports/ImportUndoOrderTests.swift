import Foundation
import Testing

/// LeadTrail issue 11: undo is exact in any order, never silently removes work done by hand, repeated ids in one file
/// are refused, and a file that changes nothing keeps no batch.
struct ImportUndoOrderTests {
    /// The tables that hold the batch history itself (an undone batch stays in it).
    static let history: Set<String> = ["import_batch", "batch_undo", "batch_version", "id_high_water"]

    static let spendHeader = "date,campaign,amount,currency,platform,impressions,reach,clicks,engagements"

    @Test func undoingABatchAndThenTheOneThatReplacedItsDayLeavesNoSpend() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let empty = try ws.dump(excluding: Self.history)
            let first = try ws.write(
                "spend-4.csv",
                lines: [Self.spendHeader, "2026-10-01,vk_autumn_sale,2267.74,RUB,vk,10524,7850,91,115"])
            let second = try ws.write(
                "spend-5.csv",
                lines: [Self.spendHeader, "2026-10-01,vk_autumn_sale,3000.00,RUB,vk,12000,9000,100,120"])
            let batchA = try #require(jsonInt(try ws.importSummary(["import", "spend", first])["batch"]))
            let batchB = try #require(jsonInt(try ws.importSummary(["import", "spend", second])["batch"]))
            try ws.succeed(["imports", "undo", String(batchA)])
            // B still stands: its day is as B wrote it.
            #expect(try ws.count("spend") == 1)
            #expect(
                try ImportDump.integer(ws.defaultDatabase, "SELECT amount_minor FROM spend") == 300_000,
                "undoing A changed B's day")
            try ws.succeed(["imports", "undo", String(batchB)])
            #expect(try ws.count("spend") == 0, "A's spend came back after both batches were undone")
            expectSameDump(empty, try ws.dump(excluding: Self.history), "two undos did not give the empty database")
        }
    }

    @Test func aRecordTwoBatchesBroughtStaysUntilBothAreUndone() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let click = #"{"id": "k1", "at": "2026-10-01T10:00:00Z", "visitor": "v1", "utm_source": "vk"}"#
            let other = #"{"id": "k2", "at": "2026-10-01T11:00:00Z", "visitor": "v2", "utm_source": "vk"}"#
            let first = try ws.write("a.ndjson", lines: [click])
            let second = try ws.write("b.ndjson", lines: [click, other])
            let batchA = try #require(jsonInt(try ws.importSummary(["import", "clicks", first])["batch"]))
            // Importing only b gives this state; undoing a must leave exactly it (k1 is b's record too).
            let onlyB = try Workspace.with { fresh in
                try fresh.succeed(["init"])
                try fresh.write("b.ndjson", lines: [click, other])
                try fresh.succeed(["import", "clicks", "b.ndjson"])
                return try fresh.dump(excluding: Self.history.union(["schema_migration"]))
            }
            let batchB = try #require(jsonInt(try ws.importSummary(["import", "clicks", second])["batch"]))
            try ws.succeed(["imports", "undo", String(batchA)])
            #expect(try ws.count("touch") == 2, "undoing a removed the click that b brought too")
            expectSameDump(
                onlyB.replacingOccurrences(of: "| 1\n", with: "| B\n"),
                try ws.dump(excluding: Self.history.union(["schema_migration"]))
                    .replacingOccurrences(of: "| \(batchB)\n", with: "| B\n"),
                "after undoing a the database is not what importing only b gives")
            try ws.succeed(["imports", "undo", String(batchB)])
            #expect(try ws.count("touch") == 0)
        }
    }

    /// A form request that a later, overlapping file brought again (the same record, skipped there) stays while that
    /// file's batch stands: undoing the first file's batch leaves exactly the leads the second file gives alone, on
    /// either store.
    @Test(arguments: StoreKind.allCases)
    func aRequestTwoFormsFilesBroughtStaysUntilBothAreUndone(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            func form(_ id: String, _ day: Int, _ name: String, _ phone: String) -> String {
                #"{"id":"\#(id)","submitted_at":"2026-11-0\#(day)T10:00:00+03:00","name":"\#(name)","phone":"\#(phone)","form":"Заявка"}"#
            }
            let anna = form("r1", 1, "Анна", "+7 916 000-00-01")
            let boris = form("r2", 2, "Борис", "+7 916 000-00-02")
            let vera = form("r3", 3, "Вера", "+7 916 000-00-03")
            let first = try #require(
                jsonInt(
                    try ws.importSummary(["import", "forms", try ws.write("x.ndjson", lines: [anna, boris])])["batch"]))
            let second = try ws.importSummary(["import", "forms", try ws.write("y.ndjson", lines: [boris, vera])])
            #expect(jsonInt(second["skipped"]) == 1 && jsonInt(second["imported"]) == 1, "\(second)")
            try ws.succeed(["imports", "undo", String(first)])
            let names = try ws.listing(["lead", "list"]).compactMap { $0["name"] as? String }.sorted()
            #expect(names == ["Борис", "Вера"], "undoing x removed the request y brought too")
            try ws.succeed(["imports", "undo", String(try #require(jsonInt(second["batch"])))])
            #expect(try ws.listing(["lead", "list"]).isEmpty)
        }
    }

    /// An undo never frees a lead's or a deal's number for someone else: `lead 1` in a CRM note or an exported
    /// conversion (`event_id` leadtrail-lead-1) keeps naming the person it named, on either store.
    @Test(arguments: StoreKind.allCases)
    func anUndoneBatchsLeadAndDealNumbersAreNeverGivenAgain(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            let alice = try ws.write(
                "a.ndjson",
                lines: [
                    #"{"id":"f-alice","submitted_at":"2026-12-05T10:00:00+03:00","name":"Алиса","email":"alice@example.com"}"#
                ])
            let bob = try ws.write(
                "b.ndjson",
                lines: [
                    #"{"id":"f-bob","submitted_at":"2026-12-05T11:00:00+03:00","name":"Боб","email":"bob@example.com"}"#
                ])
            let deal = try ws.write(
                "d.ndjson",
                lines: [
                    #"{"id":"crm-7","lead":{"email":"alice@example.com"},"amount":"1000","currency":"RUB","created_at":"2026-12-05T12:00:00+03:00"}"#
                ])
            let forms = try #require(jsonInt(try ws.importSummary(["import", "forms", alice])["batch"]))
            let deals = try #require(jsonInt(try ws.importSummary(["import", "deals", deal])["batch"]))
            #expect(try ws.listing(["deal", "list"]).compactMap { jsonInt($0["id"]) } == [1])
            try ws.succeed(["imports", "undo", String(deals)])
            try ws.succeed(["imports", "undo", String(forms)])
            try ws.succeed(["import", "forms", bob])
            let leads = try ws.listing(["lead", "list"])
            #expect(leads.compactMap { jsonInt($0["id"]) } == [2], "\(leads)")
            #expect(leads.first?["name"] as? String == "Боб")
            try ws.refuse(["lead", "show", "1"], mentioning: "lead 1")
            let added = try ws.succeed(["deal", "add", "2", "500"])
            #expect(added.stdout.hasPrefix("Deal 2 "), "\(added)")
        }
    }

    /// Clicks a second file brings again are judged in bulk on PostgreSQL (one query a chunk, not a statement a click):
    /// the same click is skipped and stays the second batch's too, a changed one is updated, a new one imported —
    /// and undoing the first batch leaves what the second gives alone, on either store.
    @Test(arguments: StoreKind.allCases)
    func clicksAFileBringsAgainAreSkippedUpdatedOrKept(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            func click(_ id: String, _ hour: Int, _ campaign: String) -> String {
                #"{"id": "\#(id)", "at": "2026-10-01T\#(hour):00:00Z", "visitor": "v-\#(id)", "utm_source": "vk", "utm_campaign": "\#(campaign)"}"#
            }
            let first = try #require(
                jsonInt(
                    try ws.importSummary([
                        "import", "clicks",
                        try ws.write("a.ndjson", lines: [click("k1", 10, "осень"), click("k3", 11, "a")]),
                    ])["batch"]))
            let second = try ws.importSummary([
                "import", "clicks",
                try ws.write(
                    "b.ndjson", lines: [click("k1", 10, "осень"), click("k2", 12, "b"), click("k3", 13, "c")]),
            ])
            #expect(
                jsonInt(second["imported"]) == 1 && jsonInt(second["updated"]) == 1 && jsonInt(second["skipped"]) == 1,
                "\(second)")
            try ws.succeed(["imports", "undo", String(first)])
            let report = try ws.object([
                "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-01", "--format", "json",
            ])
            let rows = try #require(report["rows"] as? [[String: Any]])
            #expect(
                rows.map { "\($0["key"] ?? "") \(jsonInt($0["touches"]) ?? -1)" }.sorted() == [
                    "b 1", "c 1", "осень 1",
                ],
                "\(rows)")
            try ws.succeed(["imports", "undo", String(try #require(jsonInt(second["batch"])))])
            let after = try ws.object([
                "report", "roas", "--by", "campaign", "--from", "2026-10-01", "--to", "2026-10-01", "--format", "json",
            ])
            #expect((after["rows"] as? [[String: Any]])?.isEmpty == true, "\(after)")
        }
    }

    @Test func anUpdatedDealComesBackAsTheStandingBatchWroteIt() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            func deal(_ amount: String, refund: String?) -> String {
                var text =
                    #"{"id": "crm-1", "lead": {"email": "olga@example.com"}, "amount": "\#(amount)", "currency": "RUB", "#
                    + #""created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-03T10:00:00Z""#
                if let refund { text += #", "refunded_amount": "\#(refund)", "refunded_at": "2026-10-04T10:00:00Z""# }
                return text + "}"
            }
            let batches = try [("d1.ndjson", "1000", "100"), ("d2.ndjson", "2000", nil), ("d3.ndjson", "3000", "300")]
                .map { name, amount, refund in
                    try ws.write(name, lines: [deal(amount, refund: refund)])
                    return try #require(jsonInt(try ws.importSummary(["import", "deals", name])["batch"]))
                }
            // Undo the middle, then the newest: the first batch's deal, with its refund, is what stands.
            try ws.succeed(["imports", "undo", String(batches[1])])
            let afterMiddle = try #require(try ws.listing(["deal", "list"]).first)
            #expect(jsonDecimal(afterMiddle["amount"]) == Decimal(3000))
            try ws.succeed(["imports", "undo", String(batches[2])])
            let deals = try ws.listing(["deal", "list"])
            #expect(deals.count == 1)
            #expect(jsonDecimal(deals.first?["amount"]) == Decimal(1000), "\(deals)")
            #expect(try ImportDump.integer(ws.defaultDatabase, "SELECT SUM(amount_minor) FROM refund") == 10_000)
            try ws.succeed(["imports", "undo", String(batches[0])])
            #expect(try ws.count("deal") == 0)
            #expect(try ws.count("refund") == 0)
        }
    }

    @Test func undoOfAFormsBatchWithWorkByHandRefusesThenForceSaysWhatItRemoved() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let forms = try ws.write(
                "forms.ndjson",
                lines: [#"{"id": "f1", "submitted_at": "2026-10-01T10:00:00Z", "email": "ivan@example.com"}"#])
            let batch = try #require(jsonInt(try ws.importSummary(["import", "forms", forms])["batch"]))
            let lead = try #require(jsonInt(try ws.listing(["lead", "list"]).first?["id"]))
            try ws.succeed(["lead", "stage", String(lead), "contacted", "--by", "ivan"])
            try ws.succeed(["lead", "assign", String(lead), "Мария"])
            try ws.succeed(["deal", "add", String(lead), "5000"])
            let deal = try #require(jsonInt(try ws.listing(["deal", "list"]).first?["id"]))

            try ws.refuse(
                ["imports", "undo", String(batch)], mentioning: "batch \(batch) has manual work",
                "lead \(lead) stage contacted by ivan", "lead \(lead) owner Мария", "deal \(deal) added by hand",
                "--force")

            let forced = try ws.succeed(["imports", "undo", String(batch), "--force"])
            // Each piece of work removed on a line of its own, after a count of them.
            let lines = forced.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains("Removed 3 pieces of work done by hand:"), "\(forced)")
            #expect(lines.contains("  lead \(lead) stage contacted by ivan"), "\(forced)")
            #expect(lines.contains("  lead \(lead) owner Мария"), "\(forced)")
            #expect(lines.contains("  deal \(deal) added by hand"), "\(forced)")
            #expect(forced.stdout.contains("deal link \(deal)"), "\(forced)")
            #expect(try ws.count("lead") == 0)
            // The deal stays, without a lead, until it is linked to another.
            let stranded = try #require(try ws.listing(["deal", "list"]).first)
            #expect(stranded["lead"] is NSNull || stranded["lead"] == nil, "\(stranded)")
            try ws.succeed(["lead", "add", "--name", "Иван", "--email", "ivan@example.com"])
            let newLead = try #require(jsonInt(try ws.listing(["lead", "list"]).first?["id"]))
            try ws.succeed(["deal", "link", String(deal), String(newLead)])
            #expect(try ws.listing(["deal", "list", "--lead", String(newLead)]).count == 1)
            try ws.refuse(["deal", "link", String(deal), "999"], mentioning: "999")
        }
    }

    /// A deal the import brought open and a rep then won by hand: undoing the import names that (it would remove the
    /// deal and its revenue), and `--force` says it removed it. Reopening by hand counts too.
    @Test(arguments: StoreKind.allCases) func undoOfADealsBatchNamesDealsClosedByHand(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Ольга", "--email", "olga@example.com"])
            let deals = try ws.write(
                "deals.ndjson",
                lines: [
                    #"{"id": "crm-1", "lead": {"email": "olga@example.com"}, "amount": "15000", "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#,
                    #"{"id": "crm-2", "lead": {"email": "olga@example.com"}, "amount": "700", "currency": "RUB", "created_at": "2026-10-03T10:00:00Z", "status": "lost", "closed_at": "2026-10-04T10:00:00Z"}"#,
                ])
            let batch = try #require(jsonInt(try ws.importSummary(["import", "deals", deals])["batch"]))
            let dealList = { try ws.succeed(["deal", "list", "--format", "json"]).stdout }
            let untouched = try dealList()
            try ws.succeed(["deal", "won", "1", "--at", "2026-10-05T10:00:00Z"])
            try ws.succeed(["deal", "reopen", "2"])
            let before = try dealList()
            #expect(before != untouched)

            try ws.refuse(
                ["imports", "undo", String(batch)], mentioning: "batch \(batch) has manual work", "deal 1 won by hand",
                "deal 2 reopened by hand", "--force")
            #expect(try dealList() == before, "a refused undo changed the deals")

            let forced = try ws.succeed(["imports", "undo", String(batch), "--force"])
            #expect(forced.stdout.contains("deal 1 won by hand"), "\(forced)")
            #expect(try ws.listing(["deal", "list"]).isEmpty)
        }
    }

    /// One form id sent three times with a changing name (`a`, `b`, `c` files): undoing the batches in any order
    /// leaves what importing only the batches still standing gives — the latest standing version, or nothing —
    /// and never traps (undoing the first batch used to delete the request the later ones had changed).
    @Test(arguments: StoreKind.allCases, [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]])
    func undoingVersionsOfOneFormInAnyOrderLeavesTheStandingVersion(store: StoreKind, order: [Int]) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            let names = ["Анна", "Анна П.", "Анна Петрова"]
            for (index, name) in names.enumerated() {
                let file = try ws.write(
                    "v\(index + 1).ndjson",
                    lines: [
                        #"{"id": "f1", "submitted_at": "2026-10-01T10:00:00Z", "email": "anna@example.ru", "name": "\#(name)"}"#
                    ])
                try ws.succeed(["import", "forms", file])
            }
            var standing: Set<Int> = [1, 2, 3]
            for batch in order {
                try ws.succeed(["imports", "undo", String(batch)])
                standing.remove(batch)
                let leads = try ws.listing(["lead", "list"])
                if let latest = standing.max() {
                    #expect(leads.count == 1, "order \(order), after undoing \(batch): \(leads)")
                    #expect(
                        leads.first?["name"] as? String == names[latest - 1],
                        "order \(order), after undoing \(batch): \(leads)")
                } else {
                    #expect(leads.isEmpty, "order \(order): \(leads)")
                }
            }
        }
    }

    @Test func forgettingALeadErasesTheContactFromTheKeptVersionsOfItsDeals() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--name", "Ольга", "--email", "olga@example.com"])
            let deal = { (amount: Int) in
                #"{"id": "crm-7", "lead": {"email": "olga@example.com"}, "amount": \#(amount), "currency": "RUB", "created_at": "2026-10-02T10:00:00Z"}"#
            }
            try ws.succeed(["import", "deals", ws.write("a.ndjson", lines: [deal(100)])])
            try ws.succeed(["import", "deals", ws.write("b.ndjson", lines: [deal(200)])])
            #expect(try ws.dump().contains("olga@example.com"))
            try ws.succeed(["lead", "forget", "1"])
            #expect(!(try ws.dump().contains("olga@example.com")), "a kept version still names the forgotten person")
        }
    }

    @Test func undoOfAFormsBatchNobodyTouchedNeedsNoForce() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let forms = try ws.write(
                "forms.ndjson",
                lines: [#"{"id": "f1", "submitted_at": "2026-10-01T10:00:00Z", "email": "ivan@example.com"}"#])
            let batch = try #require(jsonInt(try ws.importSummary(["import", "forms", forms])["batch"]))
            let result = try ws.succeed(["imports", "undo", String(batch)])
            #expect(!result.stdout.contains("by hand"), "\(result)")
            #expect(try ws.count("lead") == 0)
        }
    }

    @Test(arguments: [
        (
            "clicks", "c.ndjson",
            [
                #"{"id": "x1", "at": "2026-10-01T10:00:00Z", "visitor": "v1"}"#,
                #"{"id": "x2", "at": "2026-10-01T10:05:00Z", "visitor": "v2"}"#,
                #"{"id": "x1", "at": "2026-10-01T11:00:00Z", "visitor": "v3"}"#,
            ]
        ),
        (
            "forms", "f.ndjson",
            [
                #"{"id": "x1", "submitted_at": "2026-10-01T10:00:00Z", "email": "a@example.com"}"#,
                #"{"id": "x2", "submitted_at": "2026-10-01T10:05:00Z", "email": "b@example.com"}"#,
                #"{"id": "x1", "submitted_at": "2026-10-01T11:00:00Z", "email": "c@example.com"}"#,
            ]
        ),
        (
            "deals", "d.ndjson",
            [
                #"{"id": "x1", "lead": {"email": "a@example.com"}, "amount": 10, "currency": "RUB", "created_at": "2026-10-01T10:00:00Z"}"#,
                #"{"id": "x2", "lead": {"email": "a@example.com"}, "amount": 20, "currency": "RUB", "created_at": "2026-10-01T10:00:00Z"}"#,
                #"{"id": "x1", "lead": {"email": "b@example.com"}, "amount": 30, "currency": "RUB", "created_at": "2026-10-01T10:00:00Z"}"#,
            ]
        ),
    ])
    func twoRecordsWithOneIdInAFileAreRefusedNamingBothLines(kind: String, name: String, lines: [String]) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(name, lines: lines)
            try ws.refuse(["import", kind, file], mentioning: "\(name): line 3", "'x1'", "line 1")
            #expect(try ws.count("import_batch") == 0)
            // With --skip-invalid the second record with the id is rejected, not merged into the first.
            let summary = try ws.importSummary(
                ["import", kind, file, "--skip-invalid", "--rejects", "rejects.ndjson"])
            #expect(jsonInt(summary["rejected"]) == 1, "\(summary)")
            let rejects = try String(contentsOf: ws.path("rejects.ndjson"), encoding: .utf8)
            #expect(rejects.contains("line 1"), "\(rejects)")
        }
    }

    @Test func aFileThatChangesNothingSaysSoAndKeepsNoBatch() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let clicks = ImportSamples.path("clicks.ndjson")
            let first = try ws.importSummary(["import", "clicks", clicks])
            #expect(jsonInt(first["batch"]) != nil)
            let before = try ws.dump()
            let again = try ws.importSummary(["import", "clicks", clicks])
            #expect(again["batch"] is NSNull, "\(again)")
            #expect(again["changed_nothing"] as? Bool == true, "\(again)")
            #expect(jsonInt(again["skipped"]) == jsonInt(first["read"]), "\(again)")
            #expect(try ws.listing(["imports", "list"]).count == 1, "an empty batch was kept")
            expectSameDump(before, try ws.dump(), "importing the same file again changed the database")
            let table = try ws.succeed(["import", "clicks", clicks])
            #expect(table.stdout.contains("Nothing changed"), "\(table)")
        }
    }
}
