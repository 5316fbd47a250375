import Foundation
import Testing

/// Issue 14: a pipeline that can be corrected — `lead stage --correct`, `lead junk`, `deal reopen` — against the
/// built binary.
@Suite("Pipeline corrections")
struct PipelineCorrectionTests {
    @Test(arguments: StoreKind.allCases) func aMoveBackNeedsCorrectAndIsRecordedAsACorrectionWithWhoAndWhen(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--at", "2026-10-01T10:00:00+03:00"])
            try ws.succeed(["lead", "stage", "1", "qualified", "--at", "2026-10-01T11:00:00+03:00", "--by", "Олег"])
            try ws.refuse(
                ["lead", "stage", "1", "contacted"], mentioning: "lead 1", "contacted cannot follow qualified",
                "--correct")
            try ws.refuse(["lead", "stage", "1", "opportunity", "--correct"], mentioning: "lead 1", "drop --correct")
            try ws.refuse(["lead", "stage", "1", "qualified"], mentioning: "lead 1 is already qualified")
            let moved = try ws.succeed([
                "lead", "stage", "1", "contacted", "--correct", "--by", "Ирина", "--at", "2026-10-01T11:05:00+03:00",
            ])
            #expect(
                moved.stdout.contains("now contacted") && moved.stdout.contains("corrected from qualified"), "\(moved)")
            let detail = try ws.object(["lead", "show", "1"])
            #expect(detail["stage"] as? String == "contacted")
            let history = try #require(detail["history"] as? [[String: Any]])
            let last = try #require(history.last)
            #expect(last["kind"] as? String == "correction")
            #expect(last["from"] as? String == "qualified" && last["to"] as? String == "contacted")
            #expect(last["by"] as? String == "Ирина")
            #expect(last["at"] as? String == "2026-10-01T08:05:00Z")
            let table = try ws.succeed(["lead", "show", "1"]).stdout
            #expect(table.contains("correction"), "\(table)")
        }
    }

    @Test(arguments: StoreKind.allCases) func wonToLostAndOutOfJunk(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.initWithOneLead()
            try ws.succeed(["lead", "stage", "1", "won"])
            try ws.refuse(["lead", "stage", "1", "lost"], mentioning: "lost cannot follow won", "--correct")
            try ws.succeed(["lead", "stage", "1", "lost", "--correct"])
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "lost")
            try ws.refuse(["lead", "junk", "1"], mentioning: "junk cannot follow lost", "--correct")
            try ws.succeed(["lead", "junk", "1", "--correct", "--by", "Олег"])
            #expect(try ws.listing(["lead", "list", "--stage", "junk"]).count == 1)
            try ws.refuse(["lead", "stage", "1", "new"], mentioning: "--correct")
            try ws.succeed(["lead", "stage", "1", "new", "--correct"])
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "new")
            try ws.refuse(["lead", "junk", "99"], mentioning: "lead 99")
        }
    }

    @Test(arguments: StoreKind.allCases) func junkCountsInTheFunnelsJunkShare(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            for phone in ["89161234567", "89031112233"] {
                try ws.succeed(["lead", "add", "--phone", phone, "--at", "2026-10-05T10:00:00+03:00"])
            }
            try ws.succeed(["lead", "junk", "2", "--at", "2026-10-05T12:00:00+03:00"])
            let funnel = try ws.reportObject("funnel")
            #expect(figure(funnel, "totals", "junk") == 1, "\(funnel)")
            #expect(figure(funnel, "totals", "junk_share") == Decimal(string: "0.5"), "\(funnel)")
        }
    }

    @Test(arguments: StoreKind.allCases) func reopeningADealGivesTheLeadItsStageBack(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.initWithOneLead()
            try ws.succeed(["lead", "stage", "1", "contacted"])
            try ws.succeed(["deal", "add", "1", "12500", "RUB"])
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "contacted")
            try ws.succeed(["deal", "won", "1"])
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "won")
            let reopened = try ws.succeed(["deal", "reopen", "1"])
            #expect(
                reopened.stdout.contains("open again (was won)") && reopened.stdout.contains("lead 1 is now contacted"),
                "\(reopened)")
            #expect(try ws.listing(["deal", "list"]).first?["status"] as? String == "open")
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "contacted")
            try ws.refuse(["deal", "reopen", "1"], mentioning: "deal 1 is open already")
            try ws.refuse(["deal", "reopen", "7"], mentioning: "unknown deal 7")
            try ws.succeed(["deal", "lost", "1"])
            #expect(try ws.listing(["lead", "list"]).first?["stage"] as? String == "lost")
            try ws.succeed(["deal", "reopen", "1"])
            try ws.succeed(["deal", "won", "1"])
            try ws.succeed(["deal", "refund", "1", "100"])
            try ws.refuse(["deal", "reopen", "1"], mentioning: "deal 1", "refund")
        }
    }

    @Test(arguments: StoreKind.allCases) func aLaterManualStageOverridesAWonDeal(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init"])
            try ws.succeed(["lead", "add", "--phone", "89161234567", "--at", "2026-10-01T10:00:00+03:00"])
            try ws.succeed(["deal", "add", "1", "500", "RUB", "--at", "2026-10-02T10:00:00+03:00"])
            try ws.succeed(["deal", "won", "1", "--at", "2026-10-03T10:00:00+03:00"])
            try ws.refuse(["lead", "stage", "1", "lost", "--at", "2026-10-04T10:00:00+03:00"], mentioning: "--correct")
            try ws.succeed(["lead", "stage", "1", "lost", "--correct", "--at", "2026-10-04T10:00:00+03:00"])
            #expect(try ws.listing(["lead", "list", "--stage", "won"]).isEmpty)
            #expect(try ws.listing(["lead", "list", "--stage", "lost"]).count == 1)
            #expect(figure(try ws.reportObject("funnel"), "totals", "won") == 0)
            #expect(figure(try ws.reportObject("speed"), "lead_to_won", "leads") == 0)
        }
    }
}
