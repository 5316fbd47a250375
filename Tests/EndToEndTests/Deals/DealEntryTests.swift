import Foundation
import Testing

/// What a rep enters by hand can be entered twice by mistake, and taken back: an exact repeat of `deal add` or
/// `deal refund` is refused naming the earlier one (`--again` records a genuine second one), `deal remove` and
/// `deal refund --remove` take back what was entered by hand, and reports follow (session 25).
struct DealEntryTests {
    static func revenue(_ ws: Workspace) throws -> Decimal? {
        let roas = try ws.object(["report", "roas", "--from", "2026-12-01", "--to", "2026-12-31"])
        return jsonDecimal((roas["totals"] as? [String: Any])?["revenue"])
    }

    @Test(arguments: StoreKind.allCases) func aRepeatIsRefusedAndWhatWasEnteredByHandCanBeTakenBack(store: StoreKind)
        throws
    {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "8 916 123 45 67", "--at", "2026-12-04T10:00"])
            let add = ["deal", "add", "1", "45000", "RUB", "--at", "2026-12-04T11:00"]
            try ws.succeed(add)
            try ws.refuse(
                add, mentioning: "deal 1 already has lead 1, 45000.00 RUB", "2026-12-04 11:00 Europe/Moscow", "--again")
            try ws.succeed(add + ["--again"])
            #expect(try ws.listing(["deal", "list"]).count == 2)
            let removed = try ws.succeed(["deal", "remove", "2"])
            #expect(removed.stdout.contains("Deal 2 of lead 1 removed"), "\(removed)")
            #expect(try ws.listing(["deal", "list"]).count == 1)
            try ws.refuse(["deal", "remove", "2"], mentioning: "unknown deal 2")

            try ws.succeed(["deal", "won", "1", "--at", "2026-12-05T12:00"])
            let refund = ["deal", "refund", "1", "30000", "--at", "2026-12-06T16:00"]
            try ws.succeed(refund)
            try ws.refuse(
                refund, mentioning: "deal 1 has refund 1 of 30000.00 RUB at 2026-12-06 16:00", "--again", "--remove 1")
            try ws.succeed(["deal", "refund", "1", "5000", "--at", "2026-12-06T16:00"])
            let shown = try ws.object(["deal", "show", "1"])
            let refunds = try #require(shown["refunds"] as? [[String: Any]])
            #expect(refunds.map { jsonInt($0["id"]) } == [1, 2], "\(shown)")
            #expect(refunds.allSatisfy { $0["import_batch"] is NSNull }, "\(shown)")
            let table = try ws.succeed(["deal", "show", "1"])
            #expect(table.stdout.contains("refund 2: 5000.00 RUB at 2026-12-06 16:00, by hand"), "\(table)")
            #expect(try Self.revenue(ws) == 10000)

            let taken = try ws.succeed(["deal", "refund", "1", "--remove", "2"])
            #expect(taken.stdout.contains("refund 2 (5000.00 RUB) removed"), "\(taken)")
            #expect(try Self.revenue(ws) == 15000)
            try ws.refuse(["deal", "refund", "1", "--remove", "2"], mentioning: "deal 1 has no refund 2")
            // A refund's number is never given again: the next one is 3, so the same `--remove 2` run again still
            // finds nothing to remove rather than the new refund.
            let next = try ws.succeed(["deal", "refund", "1", "1000", "--at", "2026-12-07T10:00"])
            #expect(next.stdout.contains("refund 3"), "\(next)")
            try ws.refuse(["deal", "refund", "1", "--remove", "2"], mentioning: "deal 1 has no refund 2")
            try ws.succeed(["deal", "refund", "1", "--remove", "3"])
            try ws.succeed(["deal", "refund", "1", "--remove", "1"])
            #expect(try Self.revenue(ws) == 45000)
            // With its refunds gone, a close given by mistake can be taken back too.
            try ws.succeed(["deal", "reopen", "1"])
        }
    }

    @Test(arguments: StoreKind.allCases) func anImportedDealOrRefundIsTakenBackByUndoingItsBatch(store: StoreKind)
        throws
    {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed(["lead", "add", "--name", "Анна", "--phone", "8 916 123 45 67", "--at", "2026-12-04T10:00"])
            let file = try ws.write(
                "deals.json",
                text:
                    #"[{"id": "amo-9", "lead": {"id": 1}, "amount": "1000", "currency": "RUB", "created_at": "2026-12-04T11:00", "status": "won", "closed_at": "2026-12-05", "refunded_amount": "100", "refunded_at": "2026-12-06"}]"#
            )
            let batch = try #require(jsonInt(try ws.importSummary(["import", "deals", file])["batch"]))
            try ws.refuse(
                ["deal", "remove", "amo-9"], mentioning: "deal 1 came with import batch \(batch) (deals.json)",
                "imports undo \(batch)")
            try ws.refuse(
                ["deal", "refund", "amo-9", "--remove", "1"],
                mentioning: "refund 1 of deal 1 came with import batch \(batch)")
            let shown = try ws.object(["deal", "show", "amo-9"])
            #expect(jsonInt(shown["import_batch"]) == batch, "\(shown)")
            #expect(shown["file"] as? String == "deals.json", "\(shown)")
        }
    }
}
