import Foundation
import Testing

/// Seeded property test: files full of extreme but in-range values (and some out of range) go through `import` and
/// then every report and goal command of the built binary. Each command must succeed or fail with one line — never
/// trap.
///
/// Runs `max(3, LEADTRAIL_PROPERTY_CASES / 250)` cases (about 5 s each on a debug build), so that the default run
/// stays short and a long fuzz run (`LEADTRAIL_PROPERTY_CASES=5000`) also runs 20 of these.
struct ExtremeValuePropertyTests {
    static var caseCount: Int {
        let requested = ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) } ?? 0
        return max(3, requested / 250)
    }

    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let currencies = ["RUB", "USD", "JPY", "KWD"]
    static let campaigns = ["a", "b", "Осень", "x\u{301}", "😀", String(repeating: "к", count: 300), "z%41"]

    static func amount(_ random: inout Random, digits: Int) -> String {
        let minor: UInt64
        switch Int.random(in: 0..<5, using: &random) {
        case 0: minor = 0
        case 1: minor = 999_999_999_999_999
        case 2: minor = UInt64.random(in: 900_000_000_000_000...999_999_999_999_999, using: &random)
        case 3: minor = 1
        default: minor = UInt64.random(in: 0...10_000_000, using: &random)
        }
        guard digits > 0 else { return String(minor) }
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let fraction = String(minor % divisor)
        return "\(minor / divisor).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }

    static func count(_ random: inout Random) -> String {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: "0"
        case 1: "999999999999999"
        case 2: "1"
        case 3: "5000000000000000000"  // out of range: the file is refused
        default: String(Int64.random(in: 0...1_000_000_000, using: &random))
        }
    }

    static func time(_ random: inout Random) -> String {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: "0001-01-01T00:00:00Z"
        case 1: "9999-12-31T23:59:59.999999+14:00"
        case 2: "2026-10-01T00:00:00-12:00"
        default: String(format: "2026-10-%02dT%02d:%02d:00+03:00", Int.random(in: 1...31, using: &random),
                        Int.random(in: 0...23, using: &random), Int.random(in: 0...59, using: &random))
        }
    }

    @Test func extremeFilesThenEveryCommandNeverTrap() throws {
        for index in 0..<Self.caseCount {
            let seed = UInt64(index) &+ 0xC0FF_EE00
            var random = Random(state: seed)
            try Workspace.with { ws in
                try ws.succeed(["init"])
                var spend = ["date,campaign,amount,currency,platform,impressions,reach,clicks,engagements"]
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let currency = Self.currencies.randomElement(using: &random)!
                    let digits = ["RUB": 2, "USD": 2, "JPY": 0, "KWD": 3][currency]!
                    spend.append(
                        "2026-10-\(String(format: "%02d", Int.random(in: 1...31, using: &random))),"
                            + "\"\(Self.campaigns.randomElement(using: &random)!)\",\(Self.amount(&random, digits: digits)),"
                            + "\(currency),vk,\(Self.count(&random)),\(Self.count(&random)),\(Self.count(&random)),"
                            + Self.count(&random))
                }
                var clicks: [String] = []
                var forms: [String] = []
                var deals: [String] = []
                for lead in 0..<Int.random(in: 1...4, using: &random) {
                    for click in 0..<Int.random(in: 0...3, using: &random) {
                        let campaign = Self.campaigns.randomElement(using: &random)!
                            .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "a"
                        clicks.append(
                            #"{"id": "c\#(lead)-\#(click)", "visitor": "v\#(lead)", "at": "\#(Self.time(&random))", "#
                                + #""url": "https://x.ru/?utm_source=vk&utm_medium=cpc&utm_campaign=\#(campaign)&utm_content=v\#(click % 2)"}"#)
                    }
                    forms.append(
                        #"{"id": "f\#(lead)", "submitted_at": "\#(Self.time(&random))", "email": "p\#(lead)@x.ru", "visitor": "v\#(lead)"}"#)
                    let currency = Self.currencies.randomElement(using: &random)!
                    let digits = ["RUB": 2, "USD": 2, "JPY": 0, "KWD": 3][currency]!
                    let amount = Self.amount(&random, digits: digits)
                    let created = "2026-10-0\(Int.random(in: 1...4, using: &random))T10:00:00Z"
                    let closed = "2026-10-\(Int.random(in: 5...30, using: &random))T10:00:00Z"
                    let refund = Bool.random(using: &random)
                        ? #", "refunded_amount": "\#(amount)", "refunded_at": "2026-10-30T12:00:00Z""# : ""
                    deals.append(
                        #"{"id": "d\#(lead)", "lead": {"email": "p\#(lead)@x.ru"}, "amount": "\#(amount)", "#
                            + #""currency": "\#(currency)", "created_at": "\#(created)", "status": "won", "#
                            + #""closed_at": "\#(closed)"\#(refund)}"#)
                }
                let context = "\ncase \(index) (seed \(seed)); files:\n" + spend.joined(separator: "\n") + "\n"
                    + clicks.joined(separator: "\n") + "\n" + forms.joined(separator: "\n") + "\n"
                    + deals.joined(separator: "\n")
                let imports = [
                    ("clicks", try ws.write("clicks.ndjson", lines: clicks)),
                    ("forms", try ws.write("forms.json", text: "[" + forms.joined(separator: ",") + "]")),
                    ("deals", try ws.write("deals.json", text: "[" + deals.joined(separator: ",") + "]")),
                    ("spend", try ws.write("spend.csv", lines: spend)),
                ]
                for (kind, file) in imports {
                    NoTrapTests.expectNoTrap(try ws.run(["import", kind, file]), context: context)
                }
                for currency in Self.currencies where currency != "RUB" {
                    let rate = ["0.000000001", "1000000000", "92.5", "1"].randomElement(using: &random)!
                    NoTrapTests.expectNoTrap(
                        try ws.run(["rate", "set", currency, "RUB", rate, "--date", "2026-09-01"]), context: context)
                }
                let metric = ["spend", "clicks", "ctr", "cpm", "revenue", "roas", "win_rate"].randomElement(using: &random)!
                let target = metric == "ctr" || metric == "win_rate" ? "0.5" : "999999999999999"
                NoTrapTests.expectNoTrap(
                    try ws.run(["goal", "set", "--metric", metric, "--target", target, "--from", "2026-10-01",
                                "--to", "2026-10-31"]), context: context)
                let model = ["linear", "time_decay", "markov", "position_based"].randomElement(using: &random)!
                for arguments in NoTrapTests.everyReport {
                    var extra: [String] = []
                    if arguments[0] == "report" && arguments[1] != "summary" && arguments[1] != "speed" {
                        extra = ["--format", ["json", "csv", "table"].randomElement(using: &random)!]
                    }
                    if arguments[1] == "attribution" && !arguments.contains("--model") {
                        extra += ["--model", model, "--lookback-days", "3650"]
                    }
                    NoTrapTests.expectNoTrap(try ws.run(arguments + extra), context: context)
                }
            }
        }
    }
}
