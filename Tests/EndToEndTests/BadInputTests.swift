import Foundation
import GRDB
import Testing

/// Bad input: a non-zero exit, one line on stderr naming the problem, and the database untouched.
struct BadInputTests {
    @Test(arguments: [
        ["lead", "stage", "99", "contacted"],
        ["lead", "show", "99"],
        ["deal", "add", "99", "100", "RUB"],
    ])
    func unknownLeadID(_ arguments: [String]) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(arguments, mentioning: "lead 99")
        }
    }

    @Test func refundOnAnUnknownOrOpenDealOrTooLarge() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["deal", "refund", "7", "100"], mentioning: "unknown deal 7")
            try ws.succeed(["deal", "add", "1", "12500.00", "RUB"])
            try ws.refuse(["deal", "refund", "1", "100"], mentioning: "deal 1 is not won")
            try ws.succeed(["deal", "won", "1"])
            try ws.refuse(["deal", "refund", "1", "12500.01"], mentioning: "exceed")
            try ws.refuse(["deal", "refund", "1", "100", "USD"], mentioning: "RUB", "USD")
        }
    }

    /// amoCRM's deal ids are numbers: a reference that is one deal's number and another's external id is refused
    /// (it closed the wrong deal), `#N` and `ext:X` say which; an external id already taken is refused in one line,
    /// not with SQLite's constraint message. On either store.
    @Test(arguments: StoreKind.allCases)
    func anAmbiguousDealReferenceOrATakenExternalIDIsRefused(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.initWithOneLead()
            try ws.succeed(["deal", "add", "1", "1000", "RUB", "--id", "2"])  // deal 1, external id "2"
            try ws.succeed(["deal", "add", "1", "2000", "RUB", "--id", "1"])  // deal 2, external id "1"
            try ws.refuse(["deal", "won", "2"], mentioning: "ambiguous", "'#2'", "'ext:2'")
            try ws.refuse(["deal", "refund", "1", "10"], mentioning: "ambiguous")
            let won = try ws.succeed(["deal", "won", "ext:2"])
            #expect(won.stdout.contains("Deal 1 won: 1000.00 RUB"), "\(won)")
            let lost = try ws.succeed(["deal", "lost", "#2"])
            #expect(lost.stdout.contains("Deal 2 lost"), "\(lost)")
            try ws.succeed(["deal", "add", "1", "300", "RUB", "--id", "AMO-2"])
            try ws.refuse(
                ["deal", "add", "1", "300", "RUB", "--id", "AMO-2"], mentioning: "deal 3 has external id 'AMO-2'")
            try ws.refuse(["deal", "won", "#9"], mentioning: "unknown deal #9")
            try ws.succeed(["deal", "won", "AMO-2"])
        }
    }

    @Test func stageThatCannotFollowWon() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.succeed(["lead", "stage", "1", "won"])
            try ws.refuse(["lead", "stage", "1", "new"], mentioning: "new cannot follow won")
        }
    }

    @Test func phoneWithFewerThanTenDigits() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["lead", "add", "--name", "Борис", "--phone", "916 12-34"], mentioning: "phone", "7 digits")
        }
    }

    @Test func emailWithoutAt() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["lead", "add", "--name", "Борис", "--email", "boris.example.com"], mentioning: "email", "@")
        }
    }

    @Test func amountWithMoreDecimalsThanTheCurrency() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["deal", "add", "1", "12.345", "RUB"], mentioning: "12.345", "RUB")
        }
    }

    /// A rate typed with a decimal comma is kept with a point (its JSON listing stays JSON and reads back the same
    /// number); a comma before exactly three digits could be a thousands separator and is refused, not guessed.
    @Test func rateWithADecimalCommaOrAThousandsComma() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let set = try ws.succeed(["rate", "set", "USD", "RUB", "95,50", "--date", "2026-10-01"])
            #expect(set.stdout == "Rate USD→RUB on 2026-10-01: 95.50\n")
            let listing = try ws.succeed(["rate", "list", "--format", "json"])
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]], "\(listing)")
            #expect(rows.count == 1 && jsonDecimal(rows[0]["rate"]) == Decimal(string: "95.5"), "\(rows)")
            for (text, point, none) in [("9,550", "9.55", "9550"), ("15,500", "15.5", "15500")] {
                try ws.refuse(
                    ["rate", "set", "USD", "IDR", text, "--date", "2026-10-02"], mentioning: "'\(text)' reads two ways",
                    "write \(point) or \(none)")
            }
        }
    }

    /// Money typed with a decimal comma, as Russian keyboards write it, is read as a rate's is: `12500,50` and
    /// `12 500,50` are 12500.50 in every command that takes an amount; `12,500` (12.5 or 12500?) is refused.
    @Test func moneyWithADecimalCommaOrAThousandsComma() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            #expect(try ws.succeed(["deal", "add", "1", "12500,50"]).stdout.contains("12500.50 RUB"))
            #expect(try ws.succeed(["deal", "add", "1", "12 500,5", "RUB"]).stdout.contains("12500.50 RUB"))
            try ws.succeed(["deal", "won", "1"])
            #expect(try ws.succeed(["deal", "refund", "1", "100,50"]).stdout.contains("refund of 100.50 RUB"))
            let spend = try ws.succeed(["spend", "add", "autumn", "1500,75", "--date", "2026-10-01"])
            #expect(spend.stdout == "Spend recorded: autumn 2026-10-01 1500.75 RUB\n", "\(spend)")
            let goal = try ws.succeed([
                "goal", "set", "--metric", "revenue", "--target", "12000,50", "--from", "2026-10-01", "--to",
                "2026-10-31", "--format", "json",
            ])
            #expect(goal.stdout.contains("12000.5"), "\(goal)")
            for (text, point, none) in [("12,500", "12.5", "12500"), ("1,000", "1.0", "1000"), ("12.500", "12.5", "12500")] {
                for arguments in [
                    ["deal", "add", "1", text], ["deal", "refund", "1", text],
                    ["spend", "add", "autumn", text, "--date", "2026-10-02"],
                    ["goal", "set", "--metric", "spend", "--target", text, "--from", "2026-10-01"],
                ] {
                    try ws.refuse(arguments, mentioning: "'\(text)' reads two ways", "write \(point) or \(none)")
                }
            }
            try ws.refuse(["deal", "add", "1", "1.234,50"], mentioning: "invalid amount '1.234,50'")
        }
    }

    /// A negative number where a value goes read as an option ("Unknown option '-5'", "Missing expected argument"):
    /// it is named as negative. A refund of 0 is named as refunding nothing, not as an invalid number.
    @Test(arguments: [
        ["deal", "add", "1", "-5", "RUB"], ["deal", "refund", "1", "-5"], ["rate", "set", "USD", "RUB", "-3"],
        ["config", "set", "duplicate-window", "-1"],
    ])
    func aNegativeNumberIsNamedAsNegative(arguments: [String]) throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.succeed(["deal", "add", "1", "100", "RUB"])
            let negative = try #require(arguments.first { $0.hasPrefix("-") })
            try ws.refuse(arguments, mentioning: "'\(negative)' is negative")
            try ws.succeed(["deal", "won", "1"])
            try ws.refuse(["deal", "refund", "1", "0"], mentioning: "a refund of 0 refunds nothing")
        }
    }

    @Test func unknownCurrencyCode() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try ws.refuse(["deal", "add", "1", "100", "XYZ"], mentioning: "currency", "XYZ")
        }
    }

    @Test(arguments: [["init"], ["lead", "list"]])
    func dbInAFolderThatDoesNotExist(_ command: [String]) throws {
        try Workspace.with { ws in
            let folder = ws.path("no-such-folder")
            let file = folder.appendingPathComponent("crm.sqlite").path
            let result = try ws.run(["--db", file] + command)
            expectRefused(result, mentioning: folder.path)
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func databaseWithANewerSchemaThanTheBinaryKnows() throws {
        try Workspace.with { ws in
            try ws.initWithOneLead()
            try DatabaseDump.execute(
                ws.defaultDatabase,
                sql: "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'from_the_future', 0)")
            try ws.refuse(["lead", "list"], mentioning: "999")
        }
    }

    @Test(arguments: [
        ["lead", "list"],
        ["lead", "add", "--name", "Анна", "--phone", "8 (916) 123-45-67"],
        ["deal", "list"],
        ["config", "get"],
    ])
    func commandOnAMissingDatabaseSaysToRunInit(_ command: [String]) throws {
        try Workspace.with { ws in
            let result = try ws.run(command)
            expectRefused(result, mentioning: "init")
            #expect(!ws.exists("leadtrail.sqlite"))
            let left = try FileManager.default.contentsOfDirectory(atPath: ws.folder.path)
            #expect(left.isEmpty, "files created: \(left)")
        }
    }
}
