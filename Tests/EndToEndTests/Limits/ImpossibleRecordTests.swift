import Foundation
import Testing

/// Records that cannot be true are refused in one line, on import and on the CLI alike, and leave the database as
/// it was.
struct ImpossibleRecordTests {
    static func deal(_ fields: String) -> String {
        #"[{"id": "d-1", "lead": {"phone": "8 (916) 123-45-67"}, "amount": "1000.00", "currency": "RUB", \#(fields)}]"#
    }

    @Test(arguments: [
        (#""created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-03T10:00:00Z", "refunded_amount": "1000.01", "refunded_at": "2026-10-04T10:00:00Z""#,
         ["record 1", "refunded_amount", "exceed"]),
        (#""created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-01T10:00:00Z""#,
         ["record 1", "closed_at", "before the deal was created"]),
        (#""created_at": "2026-10-02T10:00:00Z", "status": "lost", "closed_at": "2026-10-02T09:59:59Z""#,
         ["record 1", "closed_at", "before the deal was created"]),
        (#""created_at": "2026-10-02T10:00:00Z", "closed_at": "2026-10-03T10:00:00Z""#,
         ["record 1", "closed_at", "open deal"]),
        (#""created_at": "2026-10-02T10:00:00Z", "status": "open", "closed_at": "2026-10-03T10:00:00Z""#,
         ["record 1", "closed_at", "open deal"]),
    ])
    func impossibleDealOnImport(fields: String, fragments: [String]) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let file = try ws.write("deals.json", text: Self.deal(fields))
            let result = try ws.refuse(["import", "deals", file])
            expectRefused(result, mentioningAll: ["deals.json"] + fragments, sourceLocation: #_sourceLocation)
        }
    }

    @Test func aRefundEqualToTheDealIsAccepted() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            let file = try ws.write(
                "deals.json",
                text: Self.deal(
                    #""created_at": "2026-10-02T10:00:00Z", "status": "won", "closed_at": "2026-10-02T10:00:00Z", "refunded_amount": "1000", "refunded_at": "2026-10-04T10:00:00Z""#
                ))
            try ws.succeed(["import", "deals", file])
        }
    }

    @Test func dealWonOrLostBeforeItWasCreated() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.succeed(["deal", "add", "1", "1000.00", "RUB", "--at", "2030-01-02T10:00:00Z"])
            try ws.refuse(["deal", "won", "1", "--at", "2030-01-01T10:00:00Z"], mentioning: "before the deal was created")
            try ws.refuse(["deal", "lost", "1", "--at", "2030-01-02T09:00:00Z"], mentioning: "before the deal was created")
            try ws.succeed(["deal", "won", "1", "--at", "2030-01-02T10:00:00Z"])
        }
    }

    @Test func refundsBeyondTheDealWithEarlierRefunds() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.succeed(["deal", "add", "1", "1000.00", "RUB"])
            try ws.succeed(["deal", "won", "1"])
            try ws.succeed(["deal", "refund", "1", "600"])
            try ws.refuse(["deal", "refund", "1", "400.01"], mentioning: "deal 1", "exceed")
            try ws.succeed(["deal", "refund", "1", "400"])
        }
    }

    @Test func stageChangeBeforeTheLeadWasCreated() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(
                ["lead", "stage", "1", "contacted", "--at", "2001-01-01T00:00:00Z"], mentioning: "lead 1",
                "before the lead was created")
        }
    }

    @Test func phoneOfMoreThanFifteenDigits() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(
                ["lead", "add", "--name", "Борис", "--phone", "+7 916 123 45 67 89012"], mentioning: "phone", "16 digits",
                "at most 15")
            let file = try ws.write(
                "forms.json",
                text: #"[{"id": "f-1", "submitted_at": "2026-10-02T10:00:00Z", "phone": "+1234567890123456789"}]"#)
            try ws.refuse(["import", "forms", file], mentioning: "forms.json", "record 1", "phone", "19 digits")
            // Fifteen digits is E.164's limit and still a phone.
            try ws.succeed(["lead", "add", "--name", "Вера", "--phone", "+44 20 7946 0958 123"])
        }
    }

    @Test(arguments: [
        (["--metric", "ctr", "--target", "150%"], "more than 100%"),
        (["--metric", "win_rate", "--target", "1.5"], "more than 100%"),
        (["--metric", "leads", "--target", "10.5"], "not a whole number"),
        (["--metric", "clicks", "--target", "10000000000000000"], "out of range"),
        (["--metric", "roas", "--target", String(repeating: "9", count: 400)], "out of range"),
        (["--metric", "revenue", "--target", "10000000000000000"], "out of range"),
    ])
    func goalTargetOutOfRange(arguments: [String], fragment: String) throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.refuse(
                ["goal", "set"] + arguments + ["--from", "2026-10-01", "--to", "2026-10-31"], mentioning: "--target",
                fragment)
        }
    }

    @Test func goalTargetsAtTheirLimitsAreAccepted() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            for arguments in [
                ["--metric", "ctr", "--target", "100%"], ["--metric", "win_rate", "--target", "1"],
                ["--metric", "leads", "--target", "120"], ["--metric", "clicks", "--target", "999999999999999"],
            ] {
                try ws.succeed(["goal", "set"] + arguments + ["--from", "2026-10-01", "--to", "2026-10-31"])
            }
        }
    }
}
