import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// What the reports print: the SPEC's JSON shapes field for field, `null` and `—` for every division by zero,
/// exchange rates (and a missing one), CSV that spreadsheets read as numbers, and tables aligned by display width.
@Suite struct RenderingTests {
    static let header = [
        "report", "conversion", "model", "by", "from", "to", "timezone", "lookback_days", "currency",
    ]
    static let roasFigures = [
        "spend", "impressions", "reach", "clicks", "engagements", "touches", "leads", "deals", "won", "revenue", "ctr",
        "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate", "win_rate",
    ]

    /// Four leads from `black_friday` (one sale of 30 000.00, one open deal, 10 000.00 of spend), one lead from
    /// `organic` (no spend, no clicks), one lead with no touches. October 2026, last_non_direct.
    static func roasWorld() -> World {
        var world = World()
        world.platforms = ["black_friday": .vk, "organic": .other]
        world.spend = [
            Spend(
                date: Clock.date("2026-10-05"), campaign: "black_friday", amount: rub(1_000_000), impressions: 100_000,
                reach: 50_000, clicks: 2_000, engagements: 1_500)
        ]
        for id in Int64(1)...4 {
            world.lead(id, at: Clock.at("2026-10-10T12:00:00Z"))
            world.touch("v\(id)", at: Clock.at("2026-10-09T12:00:00Z"), campaign: "black_friday")
        }
        world.sale(lead: 1, amount: rub(3_000_000), closedAt: Clock.at("2026-10-20T12:00:00Z"))
        world.deal(lead: 2, amount: rub(500_000), createdAt: Clock.at("2026-10-12T12:00:00Z"))
        world.lead(5, at: Clock.at("2026-10-10T12:00:00Z"))
        world.touch("v5", at: Clock.at("2026-10-09T12:00:00Z"), campaign: "organic", channel: .organicSocial)
        world.lead(6, at: Clock.at("2026-10-10T12:00:00Z"))
        return world
    }

    // MARK: report attribution JSON

    @Test func attributionJSONHasTheSpecShape() throws {
        var world = HandComputedReportTests.journey(2)
        world.lead(2, at: HandComputedReportTests.created)
        world.sale(lead: 2, amount: rub(12_345), closedAt: HandComputedReportTests.closed)  // unattributed
        let text = try world.attribution(reportOptions(model: .linear)).rendered(as: .json)
        #expect(isValidJSONObject(text))
        #expect(text.hasSuffix("}\n"))
        let json = try OrderedJSON.parse(text)
        #expect(json.keys == Self.header + ["rows", "unattributed", "totals"])
        #expect(json["report"] == .string("attribution"))
        #expect(json["conversion"] == .string("sale"))
        #expect(json["model"] == .string("linear"))
        #expect(json["by"] == .string("campaign"))
        #expect(json["from"] == .string("2026-10-01"))
        #expect(json["to"] == .string("2026-10-31"))
        #expect(json["timezone"] == .string("UTC"))
        #expect(json["lookback_days"] == .number("90"))
        #expect(json["currency"] == .string("RUB"))
        let rows = try #require(json["rows"]?.array)
        #expect(rows.map(\.keys) == [["key", "conversions", "value"], ["key", "conversions", "value"]])
        #expect(
            rows == [
                .object([("key", .string("c1")), ("conversions", .number("0.5")), ("value", .number("500.00"))]),
                .object([("key", .string("c2")), ("conversions", .number("0.5")), ("value", .number("500.00"))]),
            ])
        #expect(json["unattributed"] == .object([("conversions", .number("1")), ("value", .number("123.45"))]))
        #expect(json["totals"] == .object([("conversions", .number("2")), ("value", .number("1123.45"))]))

        // The order on the raw text too: each field name appears once, after the one before it.
        let names = Self.header + ["rows", "unattributed", "totals"]
        let positions = names.map { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })

        // Foundation reads the same figures.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(names))
        #expect((object["rows"] as? [[String: Any]])?.count == 2)
        #expect((object["totals"] as? [String: Any])?["value"] as? Double == 1123.45)
    }

    /// The header carries the options: another zone, window, conversion, model and dimension.
    @Test func attributionHeaderFollowsTheOptions() throws {
        let options = reportOptions(
            model: .timeDecay, by: .sourceMedium, conversion: .deal, from: "2026-10-05", to: "2026-10-25",
            timeZone: Clock.moscow, timeZoneName: "Europe/Moscow", lookbackDays: 30, halfLifeDays: 3)
        let json = try OrderedJSON.parse(
            try HandComputedReportTests.journey(1).attribution(options).rendered(as: .json))
        #expect(json.keys == Self.header + ["rows", "unattributed", "totals"])
        #expect(json["conversion"] == .string("deal"))
        #expect(json["model"] == .string("time_decay"))
        #expect(json["by"] == .string("source_medium"))
        #expect(json["from"] == .string("2026-10-05"))
        #expect(json["to"] == .string("2026-10-25"))
        #expect(json["timezone"] == .string("Europe/Moscow"))
        #expect(json["lookback_days"] == .number("30"))
    }

    /// Money has exactly the currency's minor digits, counts at most six decimals, and no number uses an exponent
    /// or a thousands separator.
    @Test(arguments: [Currency.rub, .usd])
    func numbersAreExactDecimals(_ currency: Currency) throws {
        var world = HandComputedReportTests.journey(3)
        world.rate(.usd, .rub, 80, on: "2026-01-01")
        let text = try world.attribution(reportOptions(model: .timeDecay, currency: currency)).rendered(as: .json)
        let json = try OrderedJSON.parse(text)
        let rows = try #require(json["rows"]?.array)
        for object in rows + [json["unattributed"] ?? .null, json["totals"] ?? .null] {
            let value = try #require(object["value"]?.numberText)
            #expect(value.wholeMatch(of: /-?[0-9]+\.[0-9]{2}/) != nil, "value \(value)")
            let conversions = try #require(object["conversions"]?.numberText)
            #expect(conversions.wholeMatch(of: /-?[0-9]+(\.[0-9]{1,6})?/) != nil, "conversions \(conversions)")
        }
        // 1000.00 RUB at 1/80 (the inverse of USD→RUB 80) is 12.50 USD.
        #expect(json["totals"]?["value"] == .number(currency == .usd ? "12.50" : "1000.00"))
    }

    // MARK: report roas JSON

    @Test func roasJSONHasTheSpecShapeAndFigures() throws {
        let text = try Self.roasWorld().roas(reportOptions()).rendered(as: .json)
        #expect(isValidJSONObject(text))
        let json = try OrderedJSON.parse(text)
        #expect(json.keys == Self.header + ["rows", "unattributed", "totals"])
        #expect(json["report"] == .string("roas"))
        let rows = try #require(json["rows"]?.array)
        #expect(rows.map { $0["key"] } == [.string("black_friday"), .string("organic")])
        for row in rows { #expect(row.keys == ["key"] + Self.roasFigures) }
        #expect(json["unattributed"]?.keys == ["leads", "deals", "won", "revenue"])
        #expect(json["totals"]?.keys == Self.roasFigures)

        func figures(_ object: OrderedJSON?) -> [String] { Self.roasFigures.map { object?[$0]?.description ?? "?" } }
        // black_friday: 10 000.00 for 100 000 impressions, 2 000 clicks, 4 leads, 1 sale of 30 000.00.
        // ctr 2000/100000, cpc 10000/2000, cpm 10000/100000×1000, er 1500/50000, cpl 10000/4, cac 10000/1,
        // roas 30000/10000, romi (30000−10000)/10000, aov 30000/1, lead_rate 4/2000, win_rate 1/4.
        #expect(
            figures(rows[0]) == [
                "10000.00", "100000", "50000", "2000", "1500", "4", "4", "2", "1", "30000.00", "0.02", "5.00",
                "100.00", "0.03", "2500.00", "10000.00", "3", "2", "30000.00", "0.002", "0.25",
            ])
        // organic: a lead, but no spend row and no clicks: every ratio over impressions, clicks, reach, spend or won
        // is null; cpl, a cost with no spend, is unknown (null, never 0.00); win_rate 0 / 1.
        #expect(
            figures(rows[1]) == [
                "0.00", "0", "0", "0", "0", "1", "1", "0", "0", "0.00", "null", "null", "null", "null", "null", "null",
                "null", "null", "null", "null", "0",
            ])
        #expect(
            json["unattributed"]
                == .object([
                    ("leads", .number("1")), ("deals", .number("0")), ("won", .number("0")),
                    ("revenue", .number("0.00")),
                ]))
        // Totals: the sums, and the ratios of the sums (cpl 10000/6 = 1666.67, lead_rate 6/2000, win_rate 1/6).
        #expect(
            figures(json["totals"]) == [
                "10000.00", "100000", "50000", "2000", "1500", "5", "6", "2", "1", "30000.00", "0.02", "5.00",
                "100.00", "0.03", "1666.67", "10000.00", "3", "2", "30000.00", "0.003", "0.166667",
            ])
    }

    /// A channel owns no spend (the report shares it only when the store gives the channel mix): by channel the
    /// rows' spend-based figures are null and the totals carry them.
    @Test func roasSpendOnlyOnCampaignAndPlatformRows() throws {
        let json = try OrderedJSON.parse(try Self.roasWorld().roas(reportOptions(by: .channel)).rendered(as: .json))
        let rows = try #require(json["rows"]?.array)
        #expect(rows.map { $0["key"] } == [.string("paid_social"), .string("organic_social")])
        for row in rows {
            for name in [
                "spend", "impressions", "reach", "clicks", "engagements", "ctr", "cpc", "cpm", "er", "cpl",
                "cac", "roas", "romi", "lead_rate",
            ] {
                #expect(row[name] == .null, "\(name) of \(row["key"]?.description ?? "?")")
            }
        }
        #expect(json["totals"]?["spend"] == .number("10000.00"))
        #expect(json["totals"]?["roas"] == .number("3"))
        let byPlatform = try OrderedJSON.parse(
            try Self.roasWorld().roas(reportOptions(by: .platform)).rendered(as: .json))
        #expect(try #require(byPlatform["rows"]?.array).map { $0["key"] } == [.string("vk"), .string("other")])
        #expect(byPlatform["rows"]?.array?.first?["spend"] == .number("10000.00"))
    }

    /// Finance's "ROAS by month": a day's spend belongs to its day, ISO week and month, so each row's ROAS is its
    /// own revenue over its own spend, the rows add up to the totals, and the rows read in time order (not by
    /// revenue: the later month earned more here). The funnel's impressions and clicks follow the same rows.
    @Test(arguments: [
        (ReportDimension.month, ["2026-09", "2026-10"], ["2026-09": "3000.00", "2026-10": "7000.00"]),
        (
            .week, ["2026-W39", "2026-W41", "2026-W43"],
            ["2026-W39": "3000.00", "2026-W41": "2000.00", "2026-W43": "5000.00"]
        ),
        (
            .day, ["2026-09-25", "2026-10-05", "2026-10-20"],
            ["2026-09-25": "3000.00", "2026-10-05": "2000.00", "2026-10-20": "5000.00"]
        ),
    ])
    func roasByTimeOwnsTheSpendOfItsDays(dimension: ReportDimension, keys: [String], spend: [String: String]) throws {
        var world = World()
        world.platforms = ["black_friday": .vk]
        for (date, amount) in [("2026-09-25", 300_000), ("2026-10-05", 200_000), ("2026-10-20", 500_000)] {
            world.spend.append(
                Spend(
                    date: Clock.date(date), campaign: "black_friday", amount: rub(Int64(amount)), impressions: 1_000,
                    clicks: 10))
        }
        world.lead(1, at: Clock.at("2026-09-25T12:00:00Z"))
        world.touch("v1", at: Clock.at("2026-09-25T11:00:00Z"), campaign: "black_friday")
        world.sale(lead: 1, amount: rub(600_000), closedAt: Clock.at("2026-09-25T15:00:00Z"))
        world.lead(2, at: Clock.at("2026-10-20T12:00:00Z"))
        world.touch("v2", at: Clock.at("2026-10-20T11:00:00Z"), campaign: "black_friday")
        world.sale(lead: 2, amount: rub(2_000_000), closedAt: Clock.at("2026-10-20T15:00:00Z"))
        let options = reportOptions(by: dimension, from: "2026-09-01", to: "2026-10-31")
        let json = try OrderedJSON.parse(try world.roas(options).rendered(as: .json))
        let rows = try #require(json["rows"]?.array)
        #expect(rows.map { $0["key"] } == keys.map { .string($0) }, "time order")
        for row in rows {
            guard case .string(let key)? = row["key"] else { continue }
            #expect(row["spend"] == .number(spend[key] ?? "0.00"), "\(key)")
            // Ten clicks a spend day; October holds two of them.
            #expect(row["clicks"] == .number(key == "2026-10" ? "20" : "10"), "\(key)")
        }
        #expect(json["totals"]?["spend"] == .number("10000.00"))
        let september = try #require(rows.first)
        #expect(september["roas"] == .number("2"), "6000.00 of revenue over 3000.00 of spend")
        let funnel = try OrderedJSON.parse(try world.funnel(options).rendered(as: .json))
        let funnelRows = try #require(funnel["rows"]?.array)
        #expect(funnelRows.map { $0["key"] } == keys.map { .string($0) }, "time order")
        #expect(funnelRows.compactMap { $0["impressions"]?.numberText.flatMap { Int($0) } }.reduce(0, +) == 3_000)
    }

    /// Rows are sorted by revenue, then spend, descending, then key by code point.
    @Test func roasRowOrder() throws {
        var world = World()
        for (index, campaign) in ["b", "a", "c", "я", "z"].enumerated() {
            world.spend.append(
                Spend(
                    date: Clock.date("2026-10-05"), campaign: campaign, amount: rub(campaign == "z" ? 500 : 100),
                    impressions: 10))
            world.lead(Int64(index + 1), at: Clock.at("2026-10-10T12:00:00Z"))
            world.touch("v\(index + 1)", at: Clock.at("2026-10-09T12:00:00Z"), campaign: campaign)
            if campaign == "c" {
                world.sale(lead: Int64(index + 1), amount: rub(100), closedAt: Clock.at("2026-10-20T12:00:00Z"))
            }
        }
        let report = try world.roas(reportOptions())
        #expect(report.rows.map(\.key) == ["c", "z", "a", "b", "я"])
    }

    // MARK: Division by zero

    /// A period with nothing in it: zero conversions, zero spend. Every ratio is null in JSON and `—` in a table,
    /// and nothing prints `inf` or `nan`.
    @Test func emptyPeriodPrintsNullsAndDashes() throws {
        var world = World()
        world.lead(1, at: Clock.at("2026-09-10T12:00:00Z"))  // before the period
        let attribution = try world.attribution(reportOptions())
        let json = try OrderedJSON.parse(attribution.rendered(as: .json))
        #expect(json["rows"] == .array([]))
        #expect(json["unattributed"] == .object([("conversions", .number("0")), ("value", .number("0.00"))]))
        #expect(json["totals"] == .object([("conversions", .number("0")), ("value", .number("0.00"))]))

        let roas = try world.roas(reportOptions())
        let roasJSON = try OrderedJSON.parse(roas.rendered(as: .json))
        let totals = try #require(roasJSON["totals"])
        for ratio in ["ctr", "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate", "win_rate"] {
            #expect(totals[ratio] == .null, "\(ratio)")
        }
        let table = roas.rendered(as: .table)
        let total = try #require(table.split(separator: "\n").first { $0.hasPrefix("(total)") })
        // spend clicks leads cpl won revenue cac roas romi: the four ratios are dashes.
        #expect(total.split(separator: " ").filter { $0 == "—" }.count == 4, "\(total)")
        for format in OutputFormat.allCases {
            for text in [attribution.rendered(as: format), roas.rendered(as: format)] {
                #expect(!text.lowercased().contains("inf") && !text.lowercased().contains("nan"))
            }
        }
        // JSON and CSV never print the table's dash.
        #expect(!roas.rendered(as: .json).contains("—") && !roas.rendered(as: .csv).contains("—"))
    }

    /// The organic row of the ROAS world in a table: a dash for cac, roas and romi, numbers right-aligned.
    @Test func roasTableShowsDashesForDivisionByZero() throws {
        let table = try Self.roasWorld().roas(reportOptions()).rendered(as: .table)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("campaign") })
        #expect(
            header.split(separator: " ") == [
                "campaign", "spend", "clicks", "leads", "cpl", "won", "revenue", "cac", "roas", "romi",
            ])
        let organic = try #require(lines.first { $0.hasPrefix("organic") })
        #expect(organic.split(separator: " ") == ["organic", "0.00", "0", "1", "—", "0", "0.00", "—", "—", "—"])
        let friday = try #require(lines.first { $0.hasPrefix("black_friday") })
        // Thousands grouped for reading; roas and romi with two decimals; rates as percentages elsewhere.
        #expect(friday.contains("10 000.00") && friday.contains("30 000.00") && friday.contains("3.00"))
        #expect(friday.contains("2 500.00"))
    }

    // MARK: Exchange rates

    /// A sale in USD with no rate fails the report, naming the pair and the date (in the report's zone).
    @Test func missingRateForASaleNamesPairAndDate() throws {
        var world = HandComputedReportTests.journey(1)
        world.deals[0].amount = usd(10_000)
        world.deals[0].closedAt = Clock.at("2026-10-17T22:30:00Z")
        let error = try #require(throws: MissingExchangeRate.self) { try world.attribution(reportOptions()) }
        #expect(error.from == .usd && error.to == .rub)
        #expect(error.date == Clock.date("2026-10-17"))
        #expect(error.description.contains("USD→RUB"), "\(error)")
        #expect(error.description.contains("2026-10-17"), "\(error)")
        let moscow = try #require(throws: MissingExchangeRate.self) {
            try world.attribution(reportOptions(timeZone: Clock.moscow, timeZoneName: "Europe/Moscow"))
        }
        #expect(moscow.date == Clock.date("2026-10-18") && moscow.description.contains("2026-10-18"))
        // ROAS and the comparison read sales too.
        #expect(throws: MissingExchangeRate.self) { try world.roas(reportOptions(conversion: .lead)) }
        #expect(throws: MissingExchangeRate.self) { try world.models(reportOptions()) }
        // Lead and deal conversions carry no money, so they need no rate.
        #expect(try world.attribution(reportOptions(conversion: .lead)).totals.conversionsMicro == 1_000_000)
        #expect(try world.attribution(reportOptions(conversion: .deal)).totals.conversionsMicro == 1_000_000)
    }

    /// A rate set only after the amount's date does not count: the latest on or before it, never a later one.
    @Test func rateAfterTheDateDoesNotCount() throws {
        var world = HandComputedReportTests.journey(1)
        world.deals[0].amount = usd(10_000)
        world.rate(.usd, .rub, 90, on: "2026-10-18")
        let error = try #require(throws: MissingExchangeRate.self) { try world.attribution(reportOptions()) }
        #expect(error.description.contains("USD→RUB") && error.description.contains("2026-10-17"))
    }

    /// Spend and refunds are converted at their own dates, and name theirs when the rate is missing.
    @Test func missingRateForSpendAndRefundNamesTheirDates() throws {
        var world = HandComputedReportTests.journey(1)
        world.spend = [Spend(date: Clock.date("2026-10-03"), campaign: "c1", amount: usd(5_000))]
        let spendError = try #require(throws: MissingExchangeRate.self) { try world.roas(reportOptions()) }
        #expect(spendError.description.contains("USD→RUB") && spendError.description.contains("2026-10-03"))

        // A refund in October of a sale closed in September: only the refund is in the period, so only it needs a
        // rate, at its own date.
        var refunded = HandComputedReportTests.journey(1)
        refunded.deals[0].amount = usd(10_000)
        refunded.deals[0].createdAt = Clock.at("2026-09-15T10:00:00Z")
        refunded.deals[0].closedAt = Clock.at("2026-09-20T10:00:00Z")
        refunded.deals[0].refunds = [Refund(amount: usd(2_000), at: Clock.at("2026-10-25T10:00:00Z"))]
        refunded.rate(.usd, .eur, 0.9, on: "2026-10-01")  // a rate for another pair does not help
        let refundError = try #require(throws: MissingExchangeRate.self) { try refunded.attribution(reportOptions()) }
        #expect(refundError.description.contains("USD→RUB") && refundError.description.contains("2026-10-25"))
        refunded.rate(.usd, .rub, 90, on: "2026-10-25")
        // −20.00 USD at 90 = −1800.00, with 0 conversions.
        #expect(
            try refunded.attribution(reportOptions()).totals
                == .init(key: "(total)", conversionsMicro: 0, valueMinor: -180_000))
    }

    struct RateCase: Sendable, CustomTestStringConvertible {
        var rates: [(from: String, to: String, rate: Double, date: String)]
        var saleDay: String
        /// RUB kopecks for a sale of 100.00 USD.
        var expected: Int64
        var testDescription: String {
            "\(rates.map { "\($0.from)→\($0.to) \($0.rate) on \($0.date)" }) sale \(saleDay)"
        }
    }

    /// The latest rate on or before the date; the direct pair first; else the inverse of the reverse pair.
    @Test(arguments: [
        // The latest direct rate on or before the date.
        RateCase(
            rates: [("USD", "RUB", 90, "2026-10-01"), ("USD", "RUB", 95, "2026-10-17")], saleDay: "2026-10-17",
            expected: 950_000),
        RateCase(
            rates: [("USD", "RUB", 90, "2026-10-01"), ("USD", "RUB", 95, "2026-10-17")], saleDay: "2026-10-16",
            expected: 900_000),
        // Only the reverse pair: its inverse, 1 / 0.0125 = 80.
        RateCase(rates: [("RUB", "USD", 0.0125, "2026-10-01")], saleDay: "2026-10-17", expected: 800_000),
        RateCase(
            rates: [("RUB", "USD", 0.0125, "2026-10-01"), ("RUB", "USD", 0.01, "2026-10-20")], saleDay: "2026-10-17",
            expected: 800_000),
        // The direct pair wins whenever it has a rate on or before the date, even an older one.
        RateCase(
            rates: [("USD", "RUB", 90, "2026-10-01"), ("RUB", "USD", 0.0125, "2026-10-15")], saleDay: "2026-10-17",
            expected: 900_000),
        // A direct rate set only after the date: the reverse pair's inverse.
        RateCase(
            rates: [("USD", "RUB", 90, "2026-10-16"), ("RUB", "USD", 0.0125, "2026-10-01")], saleDay: "2026-10-15",
            expected: 800_000),
    ])
    func ratesAreChosenAsTheSpecSays(_ test: RateCase) throws {
        var world = HandComputedReportTests.journey(1)
        world.deals[0].amount = usd(10_000)
        world.deals[0].closedAt = Clock.at("\(test.saleDay)T12:00:00Z")
        for rate in test.rates {
            world.rate(try Currency(code: rate.from), try Currency(code: rate.to), rate.rate, on: rate.date)
        }
        let report = try world.attribution(reportOptions())
        #expect(report.totals.valueMinor == test.expected)
        #expect(report.rows.first?.valueMinor == test.expected)
    }

    // MARK: CSV

    /// One header row, then one line per row plus the unattributed and total rows; numbers as plain decimals a
    /// spreadsheet reads (no spaces, no currency signs, a dot as the decimal mark), nulls as empty cells.
    @Test func csvIsOneHeaderAndPlainNumbers() throws {
        var world = Self.roasWorld()
        world.touch("v6", at: Clock.at("2026-10-09T13:00:00Z"), campaign: "promo, \"q4\"")  // needs quoting
        world.spend.append(Spend(date: Clock.date("2026-10-06"), campaign: "зима", amount: rub(123_456_789), clicks: 7))
        let attribution = try world.attribution(reportOptions(conversion: .lead)).rendered(as: .csv)
        let roas = try world.roas(reportOptions()).rendered(as: .csv)
        for (text, header) in [
            (attribution, "campaign,conversions,value"),
            (roas, (["campaign"] + Self.roasFigures).joined(separator: ",")),
        ] {
            #expect(text.hasSuffix("\n") && !text.contains("\r"))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.first == header)
            #expect(lines.dropFirst().allSatisfy { $0 != header }, "one header row")
            #expect(lines.last?.hasPrefix("(total),") == true)
            #expect(lines.dropLast().last?.hasPrefix("(unattributed),") == true)
            for line in lines.dropFirst() {
                let cells = Self.csvCells(line)
                #expect(cells.count == header.split(separator: ",").count, "\(line)")
                for cell in cells.dropFirst() {
                    #expect(
                        cell.isEmpty || cell.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil, "cell \(cell) in \(line)")
                }
            }
        }
        #expect(attribution.contains("\"promo, \"\"q4\"\"\",1,0.00\n"))
        #expect(roas.contains("\nзима,1234567.89,"))
    }

    /// Splits one CSV line (RFC 4180 quoting).
    static func csvCells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return cells
    }

    // MARK: Tables

    /// Columns line up by display width: Cyrillic letters take one column each (two UTF-8 bytes), CJK and emoji two.
    @Test func tableColumnsAlignWithCyrillicAndWideKeys() throws {
        #expect(DisplayWidth.of("распродажа") == 10)
        #expect(DisplayWidth.of("新年") == 4)
        #expect(DisplayWidth.of("ёлка🎄") == 6)
        var world = World()
        let campaigns = ["распродажа", "black_friday", "新年", "ёлка🎄", "x"]
        for (index, campaign) in campaigns.enumerated() {
            let id = Int64(index + 1)
            world.lead(id, at: Clock.at("2026-10-10T12:00:00Z"))
            world.touch("v\(id)", at: Clock.at("2026-10-09T12:00:00Z"), campaign: campaign)
            world.sale(lead: id, amount: rub(Int64(index + 1) * 123_456_7), closedAt: Clock.at("2026-10-20T12:00:00Z"))
        }
        let table = try world.attribution(reportOptions()).rendered(as: .table)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let separatorIndex = try #require(lines.firstIndex { $0.hasPrefix("─") })
        let separator = lines[separatorIndex]
        let widths: [Int] = separator.split(separator: Character(" ")).map { (run: Substring) -> Int in run.count }
        #expect(widths.count == 3)
        let body = lines[(separatorIndex + 1)...].filter { !$0.isEmpty }
        #expect(body.count == campaigns.count + 2)
        for line in body {
            // Numbers are right-aligned, so every line ends at the separator's last column.
            #expect(DisplayWidth.of(line) == DisplayWidth.of(separator), "\(line)")
            // The conversions column ends where its separator run ends.
            let cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            #expect(cells.count == 3, "\(line)")
            guard cells.count == 3, let key = line.range(of: cells[0]),
                let conversions = line.range(of: cells[1], range: key.upperBound..<line.endIndex)
            else { continue }
            #expect(DisplayWidth.of(String(line[..<conversions.upperBound])) == widths[0] + 2 + widths[1], "\(line)")
        }
        // The header names the dimension, then the figures; the title says what the rows are.
        #expect(lines[separatorIndex - 1].split(separator: " ") == ["campaign", "conversions", "value"])
        #expect(lines[0].contains("sale") && lines[0].contains("campaign") && lines[0].contains("RUB"))
    }
}
