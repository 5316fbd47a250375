import Foundation
import Testing

/// A Russian sales team's first week (session 25): a re-export from the CRM must never silently overwrite a close or
/// refund a rep did by hand, and undoing an import says exactly which hand work it removed and which it kept.
struct DealHandWorkTests {
    static let lead = [
        "lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67", "--at", "2026-12-04T10:00:00+03:00",
        "--utm-source", "vk", "--utm-medium", "target", "--utm-campaign", "vk_zima",
    ]

    /// The CRM's deal `amo-1` as a file: open unless `status` says otherwise.
    static func deal(amount: String, status: String = "open", closedAt: String? = nil) -> String {
        let close = closedAt.map { #", "closed_at": "\#($0)""# } ?? ""
        return
            #"[{"id": "amo-1", "lead": {"phone": "8 (916) 123-45-67"}, "amount": "\#(amount)", "currency": "RUB", "created_at": "2026-12-04T12:00:00+03:00", "status": "\#(status)"\#(close)}]"#
    }

    static func start(_ ws: Workspace) throws {
        try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
        try ws.succeed(lead)
    }

    /// The deal as `deal show --format json` prints it.
    static func shown(_ ws: Workspace) throws -> [String: Any] { try ws.object(["deal", "show", "amo-1"]) }

    @Test(arguments: StoreKind.allCases) func aReimportNeverReopensADealClosedAndRefundedByHand(store: StoreKind) throws
    {
        try Workspace.with(store: store) { ws in
            try Self.start(ws)
            let v1 = try ws.write("deals-v1.json", text: Self.deal(amount: "24900.00"))
            let v2 = try ws.write("deals-v2.json", text: Self.deal(amount: "25500.00"))
            try ws.succeed(["import", "deals", v1])
            try ws.succeed(["deal", "won", "amo-1", "--at", "2026-12-06T15:00:00+03:00"])
            try ws.succeed(["deal", "refund", "amo-1", "1000", "--at", "2026-12-06T16:00:00+03:00"])
            let roas = try ws.object(["report", "roas", "--from", "2026-12-01", "--to", "2026-12-31"])

            // Refused whole, naming the deal, the hand work and its time in Moscow, what the file says, the way on.
            let refused = try ws.refuse(
                ["import", "deals", v2], mentioning: "deals-v2.json", "record 1", "deal amo-1 (deal 1)",
                "won by hand (closed 2026-12-06 15:00)", "refund 1: 1000.00 RUB at 2026-12-06 16:00", "Europe/Moscow",
                "the file says open, 25500.00 RUB", "--skip-invalid", "deal refund 1 --remove 1", "deal reopen 1")
            #expect(!refused.stderr.contains("12:00:00Z"), "\(refused)")

            // --skip-invalid sets the record aside; the deal, the lead and the report stay as the rep left them.
            let skipped = try ws.importSummary(
                ["import", "deals", v2, "--skip-invalid", "--rejects", "rejects.ndjson"])
            #expect(ImportCounts(skipped) == ImportCounts(read: 1, imported: 0, rejected: 1), "\(skipped)")
            #expect(try String(contentsOf: ws.path("rejects.ndjson"), encoding: .utf8).contains("won by hand"))
            let deal = try Self.shown(ws)
            #expect(deal["status"] as? String == "won")
            #expect(jsonDecimal(deal["amount"]) == 24900)
            #expect((deal["refunds"] as? [Any])?.count == 1)
            #expect(try ws.object(["lead", "show", "1"])["stage"] as? String == "won")
            let after = try ws.object(["report", "roas", "--from", "2026-12-01", "--to", "2026-12-31"])
            #expect(
                jsonDecimal((after["totals"] as? [String: Any])?["revenue"])
                    == jsonDecimal((roas["totals"] as? [String: Any])?["revenue"]))
            #expect(jsonDecimal((after["totals"] as? [String: Any])?["revenue"]) == 23900)

            // A file that agrees with the hand status is no conflict: its amount and close time apply.
            let agreeing = try ws.write(
                "deals-v3.json",
                text: Self.deal(amount: "25500.00", status: "won", closedAt: "2026-12-06T14:00:00+03:00"))
            #expect(
                ImportCounts(try ws.importSummary(["import", "deals", agreeing]))
                    == ImportCounts(read: 1, imported: 0, updated: 1))
            let updated = try Self.shown(ws)
            #expect(jsonDecimal(updated["amount"]) == 25500)
            #expect((updated["refunds"] as? [Any])?.count == 1)

            // Taking the hand work back, with the commands the error named, lets the file say open.
            try ws.succeed(["deal", "refund", "amo-1", "--remove", "1"])
            try ws.succeed(["deal", "reopen", "amo-1"])
            #expect(ImportCounts(try ws.importSummary(["import", "deals", v2])).updated == 1)
            #expect(try Self.shown(ws)["status"] as? String == "open")
        }
    }

    /// Hand work from before a batch on a deal the batch only updated survives its undo: the undo neither refuses
    /// for it nor says it removed it, and says it kept it.
    @Test(arguments: StoreKind.allCases) func undoKeepsHandWorkFromBeforeTheBatchAndSaysSo(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try Self.start(ws)
            try ws.succeed(["import", "deals", try ws.write("v1.json", text: Self.deal(amount: "24900.00"))])
            try ws.succeed(["deal", "won", "amo-1", "--at", "2026-12-06T15:00:00+03:00"])
            try ws.succeed(["deal", "refund", "amo-1", "1000", "--at", "2026-12-06T16:00:00+03:00"])
            let before = try Self.shown(ws)
            let agreeing = try ws.write(
                "v2.json", text: Self.deal(amount: "25500.00", status: "won", closedAt: "2026-12-06T14:00:00+03:00"))
            let batch = try #require(jsonInt(try ws.importSummary(["import", "deals", agreeing])["batch"]))

            let undone = try ws.succeed(["imports", "undo", String(batch)])
            let lines = undone.stdout.split(separator: "\n").map(String.init)
            #expect(!undone.stdout.contains("Removed"), "\(undone)")
            #expect(lines.contains("Kept 2 pieces of work done by hand (from before the batch):"), "\(undone)")
            #expect(lines.contains("  deal 1 won by hand"), "\(undone)")
            #expect(lines.contains("  deal 1 refund 1 of 1000.00 RUB by hand"), "\(undone)")
            let after = try Self.shown(ws)
            #expect(after["status"] as? String == "won")
            #expect(after["closed_at"] as? String == before["closed_at"] as? String)
            #expect(jsonDecimal(after["amount"]) == 24900)
            #expect((after["refunds"] as? [Any])?.count == 1)
        }
    }

    /// Hand work done after the batch on a deal it updated goes with a forced undo, and the message says exactly
    /// that: the deal goes back to the status the earlier import gave it, never open with refunds.
    @Test(arguments: StoreKind.allCases) func forcedUndoRemovesHandWorkAfterTheBatchAndNamesIt(store: StoreKind) throws
    {
        try Workspace.with(store: store) { ws in
            try Self.start(ws)
            try ws.succeed(["import", "deals", try ws.write("v1.json", text: Self.deal(amount: "24900.00"))])
            let batch = try #require(
                jsonInt(
                    try ws.importSummary([
                        "import", "deals", try ws.write("v2.json", text: Self.deal(amount: "25500.00")),
                    ])[
                        "batch"]))
            try ws.succeed(["deal", "won", "amo-1", "--at", "2026-12-06T15:00:00+03:00"])
            try ws.succeed(["deal", "refund", "amo-1", "1000", "--at", "2026-12-06T16:00:00+03:00"])

            try ws.refuse(
                ["imports", "undo", String(batch)], mentioning: "deal 1 won by hand (back to open",
                "deal 1 refund 1 of 1000.00 RUB by hand", "--force")
            let forced = try ws.succeed(["imports", "undo", String(batch), "--force"])
            let lines = forced.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains("Removed 2 pieces of work done by hand:"), "\(forced)")
            #expect(!forced.stdout.contains("Kept"), "\(forced)")
            let after = try Self.shown(ws)
            #expect(after["status"] as? String == "open")
            #expect(jsonDecimal(after["amount"]) == 24900)
            #expect((after["refunds"] as? [Any])?.isEmpty == true, "an open deal kept refunds: \(after)")
        }
    }
}
