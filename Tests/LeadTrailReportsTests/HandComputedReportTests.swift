import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// Every model worked out by hand through `AttributionReport`, on a sale of 1000.00 RUB (100 000 kopecks, one
/// conversion = 1 000 000 µconversions) so the shares read straight off the rows.
@Suite struct HandComputedReportTests {
    /// The lead is created at `created`; its deal is won at `closed`, a week later, inside October 2026.
    static let created = Clock.at("2026-10-10T12:00:00Z")
    static let closed = Clock.at("2026-10-17T12:00:00Z")

    /// A lead with `count` touches on campaigns `c1` (oldest) … `cN` (newest), 7 days apart, the newest a week before
    /// the sale, so with the default 7-day half-life `time_decay` weighs them 1 : 2 : 4 : …; `direct` marks the
    /// direct visits by position (0-based). A direct visit keeps its campaign here so that the rows show which touch
    /// got the credit; the store never gives a direct visit a campaign, but the rule reads only `isDirect`.
    static func journey(_ count: Int, direct: Set<Int> = []) -> World {
        var world = World()
        world.lead(1, at: created)
        for index in 0..<count {
            let daysBeforeSale = Int64(7 * (count - index))
            world.touch(
                "v1", at: closed.minus(days: daysBeforeSale), campaign: "c\(index + 1)",
                channel: direct.contains(index) ? .direct : .paidSocial)
        }
        world.sale(lead: 1, amount: rub(100_000), closedAt: closed)
        return world
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var model: AttributionModel
        var touches: Int
        var direct: Set<Int> = []
        /// Each touch's share, oldest first.
        var weights: [Double]
        var testDescription: String { "\(model.rawValue), \(touches) touches, direct \(direct.sorted())" }
    }

    static let cases: [Case] = [
        // One touch: whatever the model, it takes the whole sale.
        Case(model: .firstTouch, touches: 1, weights: [1]),
        Case(model: .lastTouch, touches: 1, weights: [1]),
        Case(model: .lastNonDirect, touches: 1, weights: [1]),
        Case(model: .linear, touches: 1, weights: [1]),
        Case(model: .positionBased, touches: 1, weights: [1]),
        Case(model: .timeDecay, touches: 1, weights: [1]),
        Case(model: .markov, touches: 1, weights: [1]),
        // Two touches, 14 and 7 days before the sale: time_decay 2^-2 : 2^-1 = 1 : 2.
        Case(model: .firstTouch, touches: 2, weights: [1, 0]),
        Case(model: .lastTouch, touches: 2, weights: [0, 1]),
        Case(model: .lastNonDirect, touches: 2, weights: [0, 1]),
        Case(model: .lastNonDirect, touches: 2, direct: [1], weights: [1, 0]),
        Case(model: .linear, touches: 2, weights: [0.5, 0.5]),
        Case(model: .positionBased, touches: 2, weights: [0.5, 0.5]),
        Case(model: .timeDecay, touches: 2, weights: [1.0 / 3, 2.0 / 3]),
        // One converting path c1 → c2 and nothing else: removing either state loses every conversion, so both
        // removal effects are 1 and the shares ½, ½.
        Case(model: .markov, touches: 2, weights: [0.5, 0.5]),
        // Three touches, 21, 14 and 7 days before: time_decay 1 : 2 : 4 over 7.
        Case(model: .firstTouch, touches: 3, weights: [1, 0, 0]),
        Case(model: .lastTouch, touches: 3, weights: [0, 0, 1]),
        Case(model: .lastNonDirect, touches: 3, weights: [0, 0, 1]),
        Case(model: .lastNonDirect, touches: 3, direct: [2], weights: [0, 1, 0]),
        Case(model: .lastNonDirect, touches: 3, direct: [1, 2], weights: [1, 0, 0]),
        Case(model: .lastNonDirect, touches: 3, direct: [0, 2], weights: [0, 1, 0]),
        Case(model: .linear, touches: 3, weights: [1.0 / 3, 1.0 / 3, 1.0 / 3]),
        Case(model: .positionBased, touches: 3, weights: [0.4, 0.2, 0.4]),
        Case(model: .timeDecay, touches: 3, weights: [1.0 / 7, 2.0 / 7, 4.0 / 7]),
        Case(model: .markov, touches: 3, weights: [1.0 / 3, 1.0 / 3, 1.0 / 3]),
        // Five touches, 35 … 7 days before: position_based 0.4, 0.2/3 × 3, 0.4; time_decay 1 : 2 : 4 : 8 : 16 over 31.
        Case(model: .firstTouch, touches: 5, weights: [1, 0, 0, 0, 0]),
        Case(model: .lastTouch, touches: 5, weights: [0, 0, 0, 0, 1]),
        Case(model: .lastNonDirect, touches: 5, weights: [0, 0, 0, 0, 1]),
        Case(model: .lastNonDirect, touches: 5, direct: [3, 4], weights: [0, 0, 1, 0, 0]),
        Case(model: .lastNonDirect, touches: 5, direct: [0, 2, 4], weights: [0, 0, 0, 1, 0]),
        Case(model: .linear, touches: 5, weights: [0.2, 0.2, 0.2, 0.2, 0.2]),
        Case(model: .positionBased, touches: 5, weights: [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4]),
        Case(model: .timeDecay, touches: 5, weights: [1.0 / 31, 2.0 / 31, 4.0 / 31, 8.0 / 31, 16.0 / 31]),
        Case(model: .markov, touches: 5, weights: [0.2, 0.2, 0.2, 0.2, 0.2]),
        // All direct: last_non_direct falls back to the last touch.
        Case(model: .lastNonDirect, touches: 1, direct: [0], weights: [1]),
        Case(model: .lastNonDirect, touches: 2, direct: [0, 1], weights: [0, 1]),
        Case(model: .lastNonDirect, touches: 3, direct: [0, 1, 2], weights: [0, 0, 1]),
        Case(model: .lastNonDirect, touches: 5, direct: [0, 1, 2, 3, 4], weights: [0, 0, 0, 0, 1]),
        // Direct visits change nothing for the models that do not look at them.
        Case(model: .firstTouch, touches: 3, direct: [0, 1, 2], weights: [1, 0, 0]),
        Case(model: .linear, touches: 5, direct: [0, 1, 2, 3, 4], weights: [0.2, 0.2, 0.2, 0.2, 0.2]),
        Case(model: .positionBased, touches: 3, direct: [0, 1, 2], weights: [0.4, 0.2, 0.4]),
        Case(model: .timeDecay, touches: 2, direct: [0, 1], weights: [1.0 / 3, 2.0 / 3]),
    ]

    @Test(arguments: cases)
    func modelOnJourney(_ test: Case) throws {
        let world = Self.journey(test.touches, direct: test.direct)
        for conversion in ConversionKind.allCases {
            let report = try world.attribution(reportOptions(model: test.model, conversion: conversion))
            let weights = Dictionary(
                uniqueKeysWithValues: test.weights.enumerated().map { ("c\($0.offset + 1)", $0.element) })
            expectShares(report, weights, valueMinor: conversion == .sale ? 100_000 : 0, "\(conversion)")
        }
    }

    /// The tie-free cases to the kopeck and the millionth, as the JSON prints them, in the SPEC's row order.
    @Test func exactRowsAsPrinted() throws {
        func rows(_ model: AttributionModel, _ touches: Int) throws -> [String] {
            try jsonRows(Self.journey(touches).attribution(reportOptions(model: model))).map {
                "\($0.key) \($0.conversions) \($0.value)"
            }
        }
        // 100 000 × [1, 2, 4, 8, 16] / 31 = 3225.81, 6451.61, 12903.23, 25806.45, 51612.90: floors sum to 99 997,
        // the 3 kopecks left go to the largest remainders (.903 c5, .806 c1, .613 c2). In µconversions the floors
        // sum to 999 999 and the one left goes to c4 (.516).
        #expect(
            try rows(.timeDecay, 5) == [
                "c5 0.516129 516.13", "c4 0.258065 258.06", "c3 0.129032 129.03", "c2 0.064516 64.52",
                "c1 0.032258 32.26",
            ])
        // 1 : 2 : 4 over 7: 14285.71, 28571.43, 57142.86 → c3 and c1 round up.
        #expect(try rows(.timeDecay, 3) == ["c3 0.571429 571.43", "c2 0.285714 285.71", "c1 0.142857 142.86"])
        #expect(try rows(.timeDecay, 2) == ["c2 0.666667 666.67", "c1 0.333333 333.33"])
        // Equal values sort by key.
        #expect(try rows(.positionBased, 3) == ["c1 0.4 400.00", "c3 0.4 400.00", "c2 0.2 200.00"])
        #expect(try rows(.linear, 2) == ["c1 0.5 500.00", "c2 0.5 500.00"])
        #expect(
            try rows(.linear, 5) == [
                "c1 0.2 200.00", "c2 0.2 200.00", "c3 0.2 200.00", "c4 0.2 200.00", "c5 0.2 200.00",
            ])
        #expect(try rows(.firstTouch, 5) == ["c1 1 1000.00"])
        #expect(try rows(.lastTouch, 5) == ["c5 1 1000.00"])
        #expect(try rows(.lastNonDirect, 1) == ["c1 1 1000.00"])
    }

    /// Ties in time: the caller orders tied touches by record key, and the models follow that order; the whole
    /// conversion is still handed out.
    @Test(arguments: [("a", "b"), ("b", "a")])
    func tiesInTime(_ recordKeys: (String, String)) throws {
        var world = World()
        world.lead(1, at: Self.created)
        let tie = Self.created.minus(days: 3)
        // Added in this order whatever the record keys, so only the keys decide which one comes first.
        world.touch("v1", at: tie, campaign: "one", recordKey: recordKeys.0)
        world.touch("v1", at: tie, campaign: "two", recordKey: recordKeys.1)
        world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
        let (first, last) = recordKeys.0 < recordKeys.1 ? ("one", "two") : ("two", "one")

        let data = world.data(AttributionReport.scope(for: reportOptions()))
        #expect(data.leads[0].touches.map { data.keys[$0.key] } == [first, last])

        for model in AttributionModel.allCases {
            let report = try world.attribution(reportOptions(model: model))
            let expected: [String: Double] =
                switch model {
                case .firstTouch: [first: 1]
                case .lastTouch, .lastNonDirect: [last: 1]
                // Same instant: time_decay gives both 2^0 = 1, so ½ each; Markov sees one path first → last.
                case .linear, .positionBased, .timeDecay, .markov: [first: 0.5, last: 0.5]
                }
            expectShares(report, expected, "\(model)")
        }
    }

    /// Three touches at one instant, one of them direct: last_non_direct skips the direct one even in a tie.
    @Test func tieWithADirectVisit() throws {
        var world = World()
        world.lead(1, at: Self.created)
        let tie = Self.created.minus(days: 1)
        world.touch("v1", at: tie, campaign: "one", recordKey: "k1")
        world.touch("v1", at: tie, campaign: "two", recordKey: "k2")
        world.direct("v1", at: tie, recordKey: "k3")
        world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
        expectShares(try world.attribution(reportOptions(model: .lastNonDirect)), ["two": 1])
        expectShares(try world.attribution(reportOptions(model: .lastTouch)), ["(none)": 1])
        // 0.4, 0.2, 0.4 over one, two, (none).
        expectShares(
            try world.attribution(reportOptions(model: .positionBased)), ["one": 0.4, "two": 0.2, "(none)": 0.4])
    }

    // MARK: The lookback edge

    /// A journey is `(start, conversion]`: a touch exactly the lookback window (N × 86 400 s) before the start
    /// instant is out, one second later is in. For a lead the window counts back from the lead; for a deal or a
    /// sale it counts back from the lead too, not from the deal.
    @Test(arguments: ConversionKind.allCases, [90, 30])
    func lookbackEdge(_ conversion: ConversionKind, _ lookbackDays: Int) throws {
        let window = Int64(lookbackDays) * 86_400 * Clock.second
        for (offset, inside) in [(Int64(0), false), (Clock.second, true), (-Clock.second, false)] {
            var world = World()
            world.lead(1, at: Self.created)
            world.touch("v1", at: Self.created.adding(-window + offset), campaign: "edge")
            world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
            let options = reportOptions(conversion: conversion, lookbackDays: lookbackDays)
            let report = try world.attribution(options)
            let value: Int64 = conversion == .sale ? 100_000 : 0
            if inside {
                #expect(report.rows == [.init(key: "edge", conversionsMicro: 1_000_000, valueMinor: value)])
                #expect(report.unattributed.conversionsMicro == 0)
            } else {
                #expect(report.rows.isEmpty, "offset \(offset) µs")
                #expect(
                    report.unattributed == .init(key: "(unattributed)", conversionsMicro: 1_000_000, valueMinor: value))
            }
            #expect(report.reconciles)
        }
    }

    /// The journey ends at the conversion, inclusive: a touch at the very instant counts, one a second later does not.
    @Test func journeyEndsAtTheConversion() throws {
        var world = World()
        world.lead(1, at: Self.created)
        world.touch("v1", at: Self.created, campaign: "at_lead")
        world.touch("v1", at: Self.created.adding(Clock.second), campaign: "after_lead")
        world.touch("v1", at: Self.closed, campaign: "at_sale")
        world.touch("v1", at: Self.closed.adding(Clock.second), campaign: "after_sale")
        world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
        expectShares(
            try world.attribution(reportOptions(model: .linear, conversion: .lead)), ["at_lead": 1], valueMinor: 0)
        // The sale's journey runs to its close: the three touches up to it.
        expectShares(
            try world.attribution(reportOptions(model: .linear)),
            ["at_lead": 1.0 / 3, "after_lead": 1.0 / 3, "at_sale": 1.0 / 3])
        // The deal converts when it is created, an hour after the lead.
        expectShares(
            try world.attribution(reportOptions(model: .linear, conversion: .deal)),
            ["at_lead": 0.5, "after_lead": 0.5], valueMinor: 0)
    }

    // MARK: Unattributed

    /// A conversion with an empty journey is unattributed: its own row, never dropped, never a key.
    @Test(arguments: AttributionModel.allCases)
    func conversionWithoutTouchesIsUnattributed(_ model: AttributionModel) throws {
        var world = World()
        world.lead(1, at: Self.created)  // no touches at all
        world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
        world.lead(2, at: Self.created)
        world.touch("v2", at: Self.created.adding(Clock.minute), campaign: "too_late")  // after its lead and sale
        world.sale(lead: 2, amount: rub(50_000), closedAt: Self.created.adding(Clock.minute - Clock.second))
        world.sale(lead: nil, amount: rub(25_000), closedAt: Self.closed)  // a deal whose lead has not arrived
        let report = try world.attribution(reportOptions(model: model))
        #expect(report.rows.isEmpty)
        #expect(report.unattributed.conversionsMicro == 3_000_000)
        #expect(report.unattributed.valueMinor == 175_000)
        #expect(report.totals.conversionsMicro == 3_000_000)
        #expect(report.totals.valueMinor == 175_000)
        let json = try OrderedJSON.parse(report.rendered(as: .json))
        #expect(json["rows"] == .array([]))
        #expect(json["unattributed"] == .object([("conversions", .number("3")), ("value", .number("1750.00"))]))
        #expect(json["totals"] == .object([("conversions", .number("3")), ("value", .number("1750.00"))]))
    }

    /// Credit to a touch without the dimension's value is an ordinary `(none)` row, not unattributed.
    @Test func noneKeyIsAnOrdinaryRow() throws {
        var world = World()
        world.lead(1, at: Self.created)
        world.touch("v1", at: Self.created.minus(days: 1), campaign: nil, channel: .organicSearch, source: "google")
        world.sale(lead: 1, amount: rub(100_000), closedAt: Self.closed)
        expectShares(try world.attribution(reportOptions(by: .campaign)), ["(none)": 1])
        expectShares(try world.attribution(reportOptions(by: .sourceMedium)), ["google / (none)": 1])
        expectShares(try world.attribution(reportOptions(by: .channel)), ["organic_search": 1])
    }

    /// SPEC "Keys": rows with zero credit are not printed. A time_decay credit of 2^-80 of a lead (an 80-day-old
    /// touch with a one-day half-life) is 0.000000 conversions and 0.00 when printed; the row must not appear,
    /// in `report attribution` nor in `report roas` ("a row appears when any of its base figures is non-zero").
    ///
    /// Today both reports filter on the unrounded credit (`!credit.isZero`) before rounding, so they print a row of
    /// zeros for `old`.
    @Test(.bug(id: "issue-4", "rows whose credit rounds to 0 conversions and 0.00 are printed"))
    func rowsThatRoundToNothingAreNotPrinted() throws {
        var world = World()
        world.lead(1, at: Self.created)
        world.touch("v1", at: Self.created.minus(days: 80), campaign: "old")
        world.touch("v1", at: Self.created.adding(-Clock.hour), campaign: "new")
        let options = reportOptions(model: .timeDecay, conversion: .lead, halfLifeDays: 1)
        let report = try world.attribution(options)
        #expect(report.rows.map(\.key) == ["new"], "rows \(report.rows)")
        #expect(report.reconciles)
        let roas = try world.roas(options)
        #expect(roas.rows.map(\.key) == ["new"], "rows \(roas.rows.map { ($0.key, $0.figures.leadsMicro) })")
    }

    // MARK: Refunds

    /// A refund in the period is a sale event of 0 conversions and −amount, shared with the sale's journey weights.
    @Test(arguments: AttributionModel.allCases)
    func refundFollowsTheSalesWeights(_ model: AttributionModel) throws {
        var world = Self.journey(2)
        world.deals[0].refunds = [Refund(amount: rub(40_000), at: Self.closed.adding(3 * Clock.day))]
        // A touch between the sale and the refund belongs to neither journey.
        world.touch("v1", at: Self.closed.adding(Clock.day), campaign: "between")
        let weights: [Double] =
            switch model {
            case .firstTouch: [1, 0]
            case .lastTouch, .lastNonDirect: [0, 1]
            case .linear, .positionBased, .markov: [0.5, 0.5]
            case .timeDecay: [1.0 / 3, 2.0 / 3]  // measured from the sale, not the refund
            }
        let report = try world.attribution(reportOptions(model: model))
        for (index, weight) in weights.enumerated() where weight > 0 {
            let row = try #require(report.rowsByKey["c\(index + 1)"])
            #expect(isRounding(row.conversionsMicro, of: weight * 1_000_000))
            #expect(isRounding(row.valueMinor, of: weight * (100_000 - 40_000)))
        }
        #expect(report.rowsByKey["between"] == nil)
        #expect(report.totals == .init(key: "(total)", conversionsMicro: 1_000_000, valueMinor: 60_000))
        #expect(report.reconciles)
    }

    /// A refund of a sale closed before the period: the rows carry only −amount, with 0 conversions.
    @Test func refundOfAnEarlierSale() throws {
        var world = Self.journey(2)
        world.deals[0].createdAt = Clock.at("2026-09-15T10:00:00Z")
        world.deals[0].closedAt = Clock.at("2026-09-20T10:00:00Z")
        world.deals[0].refunds = [Refund(amount: rub(40_000), at: Clock.at("2026-10-05T10:00:00Z"))]
        // The sale's journey ends at its close, so the September close keeps only the touches before it.
        for index in world.touches.indices { world.touches[index].at = Clock.at("2026-09-0\(index + 1)T10:00:00Z") }
        world.leads[0].createdAt = Clock.at("2026-09-10T10:00:00Z")
        let report = try world.attribution(reportOptions(model: .linear))
        #expect(
            report.rows == [
                .init(key: "c1", conversionsMicro: 0, valueMinor: -20_000),
                .init(key: "c2", conversionsMicro: 0, valueMinor: -20_000),
            ])
        #expect(report.totals == .init(key: "(total)", conversionsMicro: 0, valueMinor: -40_000))
        #expect(
            try jsonRows(report).map { "\($0.key) \($0.conversions) \($0.value)" } == ["c1 0 -200.00", "c2 0 -200.00"])
        // A refund with an empty journey is unattributed value.
        world.touches.removeAll()
        let empty = try world.attribution(reportOptions(model: .linear))
        #expect(empty.rows.isEmpty)
        #expect(empty.unattributed == .init(key: "(unattributed)", conversionsMicro: 0, valueMinor: -40_000))
    }

    /// Leads and deals are worth nothing, so a refund is not an event for them.
    @Test func refundsCountOnlyForSales() throws {
        var world = Self.journey(1)
        world.deals[0].refunds = [Refund(amount: rub(40_000), at: Self.closed.adding(Clock.day))]
        for conversion in [ConversionKind.lead, .deal] {
            let report = try world.attribution(reportOptions(model: .linear, conversion: conversion))
            expectShares(report, ["c1": 1], valueMinor: 0)
        }
    }

    // MARK: Time dimensions

    /// `month`, `week` and `day` credit the conversion's own date, whatever the touches' dates.
    @Test(arguments: AttributionModel.allCases)
    func timeDimensionsCreditTheConversionDate(_ model: AttributionModel) throws {
        let world = Self.journey(3)  // touches on 26 Sep, 3 and 10 Oct; sale on Sat 17 Oct 2026
        for (dimension, key) in [(ReportDimension.day, "2026-10-17"), (.week, "2026-W42"), (.month, "2026-10")] {
            expectShares(try world.attribution(reportOptions(model: model, by: dimension)), [key: 1], "\(dimension)")
            // A lead converts on its own date.
            let lead = try world.attribution(reportOptions(model: model, by: dimension, conversion: .lead))
            let leadKey = dimension == .day ? "2026-10-10" : dimension == .week ? "2026-W41" : "2026-10"
            expectShares(lead, [leadKey: 1], valueMinor: 0, "\(dimension)")
        }
    }

    /// ISO weeks across the turn of 2026: 2026 starts on a Thursday, so it has a week 53 that runs Mon 28 Dec 2026 to
    /// Sun 3 Jan 2027; 2027-W01 starts on Mon 4 Jan.
    @Test(arguments: [
        ("2026-12-27T12:00:00Z", "2026-W52", "2026-12"), ("2026-12-28T12:00:00Z", "2026-W53", "2026-12"),
        ("2026-12-31T12:00:00Z", "2026-W53", "2026-12"), ("2027-01-01T12:00:00Z", "2026-W53", "2027-01"),
        ("2027-01-03T23:59:59Z", "2026-W53", "2027-01"), ("2027-01-04T00:00:00Z", "2027-W01", "2027-01"),
    ])
    func isoWeekAtTheTurnOfTheYear(_ sale: (String, String, String)) throws {
        var world = World()
        world.lead(1, at: Clock.at("2026-12-20T12:00:00Z"))
        world.touch("v1", at: Clock.at("2026-12-19T12:00:00Z"), campaign: "winter")
        world.sale(lead: 1, amount: rub(100_000), closedAt: Clock.at(sale.0))
        let period = (from: "2026-12-21", to: "2027-01-10")
        expectShares(try world.attribution(reportOptions(by: .week, from: period.from, to: period.to)), [sale.1: 1])
        expectShares(try world.attribution(reportOptions(by: .month, from: period.from, to: period.to)), [sale.2: 1])
        expectShares(
            try world.attribution(reportOptions(by: .day, from: period.from, to: period.to)),
            [String(sale.0.prefix(10)): 1])
    }

    /// Dates are taken in the report's zone: 22:30 UTC on 17 Oct is 01:30 on 18 Oct in Moscow (UTC+3), and the
    /// period's ends move with the zone.
    @Test func timeDimensionsUseTheReportZone() throws {
        var world = World()
        world.lead(1, at: Clock.at("2026-09-20T12:00:00Z"))
        world.touch("v1", at: Clock.at("2026-09-19T12:00:00Z"), campaign: "autumn")
        world.sale(lead: 1, amount: rub(100_000), closedAt: Clock.at("2026-10-17T22:30:00Z"))
        world.sale(lead: 1, amount: rub(20_000), closedAt: Clock.at("2026-09-30T21:30:00Z"))  // 1 Oct 00:30 in Moscow
        world.sale(lead: 1, amount: rub(30_000), closedAt: Clock.at("2026-10-31T21:30:00Z"))  // 1 Nov 00:30 in Moscow
        let moscow = { (dimension: ReportDimension) in
            reportOptions(by: dimension, timeZone: Clock.moscow, timeZoneName: "Europe/Moscow")
        }
        let byDay = try world.attribution(moscow(.day))
        #expect(
            byDay.rows == [
                .init(key: "2026-10-01", conversionsMicro: 1_000_000, valueMinor: 20_000),
                .init(key: "2026-10-18", conversionsMicro: 1_000_000, valueMinor: 100_000),
            ], "in time order")
        #expect(byDay.totals.valueMinor == 120_000)
        let utcDay = try world.attribution(reportOptions(by: .day))
        #expect(
            utcDay.rows == [
                .init(key: "2026-10-17", conversionsMicro: 1_000_000, valueMinor: 100_000),
                .init(key: "2026-10-31", conversionsMicro: 1_000_000, valueMinor: 30_000),
            ])
    }

    /// Time dimensions leave an empty journey unattributed, like every other dimension.
    @Test func timeDimensionKeepsUnattributed() throws {
        var world = Self.journey(1)
        world.lead(2, at: Self.created)
        world.sale(lead: 2, amount: rub(30_000), closedAt: Self.closed)
        let report = try world.attribution(reportOptions(by: .day))
        #expect(report.rows == [.init(key: "2026-10-17", conversionsMicro: 1_000_000, valueMinor: 100_000)])
        #expect(report.unattributed == .init(key: "(unattributed)", conversionsMicro: 1_000_000, valueMinor: 30_000))
    }

    // MARK: Markov, worked out by hand

    /// Three sales of 1000.00 and two visitors who never converted, all in October; states A, B, C are campaigns.
    ///
    ///     lead 1: A A B C → conversion   (A A collapses to A)
    ///     lead 2: B C     → conversion
    ///     lead 3: A C     → conversion
    ///     anon 1: A B     → null
    ///     anon 2: C       → null
    ///
    /// Counts: start→A 3, start→B 1, start→C 1; A→B 2, A→C 1; B→C 2, B→null 1; C→conv 3, C→null 1.
    /// Conversion probability from each state: x_C = ¾, x_B = ⅔·¾ = ½, x_A = ⅔·½ + ⅓·¾ = 7/12,
    /// x_start = ⅗·7/12 + ⅕·½ + ⅕·¾ = 7/20 + 2/20 + 3/20 = ⅗.
    ///
    /// Removal effects (the removed state's transitions go to null):
    /// - without A: x = ⅕·½ + ⅕·¾ = ¼, effect 1 − ¼/⅗ = 7/12;
    /// - without B: x_A = ⅓·¾ = ¼, x = ⅗·¼ + ⅕·¾ = 3/10, effect 1 − (3/10)/⅗ = ½;
    /// - without C: nothing converts, effect 1.
    /// Sum 25/12, so the shares are A 7/25 = 0.28, B 6/25 = 0.24, C 12/25 = 0.48 of 3 conversions and 3000.00:
    /// A 0.84 and 840.00, B 0.72 and 720.00, C 1.44 and 1440.00.
    static func markovWorld() -> World {
        var world = World()
        let day = { (day: Int) in Clock.at("2026-10-0\(day)T10:00:00Z") }
        let paths: [[String]] = [["a", "a", "b", "c"], ["b", "c"], ["a", "c"]]
        for (index, path) in paths.enumerated() {
            let id = Int64(index + 1)
            world.lead(id, at: Clock.at("2026-10-10T12:00:00Z"))
            for (step, campaign) in path.enumerated() { world.touch("v\(id)", at: day(step + 1), campaign: campaign) }
            world.sale(lead: id, amount: rub(100_000), closedAt: Clock.at("2026-10-20T12:00:00Z"))
        }
        world.touch("anon1", at: day(2), campaign: "a")
        world.touch("anon1", at: day(3), campaign: "b")
        world.touch("anon2", at: day(4), campaign: "c")
        return world
    }

    @Test func markovRemovalEffectsByHand() throws {
        let report = try Self.markovWorld().attribution(reportOptions(model: .markov))
        #expect(
            report.rows == [
                .init(key: "c", conversionsMicro: 1_440_000, valueMinor: 144_000),
                .init(key: "a", conversionsMicro: 840_000, valueMinor: 84_000),
                .init(key: "b", conversionsMicro: 720_000, valueMinor: 72_000),
            ])
        #expect(report.unattributed.conversionsMicro == 0 && report.unattributed.valueMinor == 0)
        #expect(report.totals == .init(key: "(total)", conversionsMicro: 3_000_000, valueMinor: 300_000))
        #expect(
            try jsonRows(report).map { "\($0.key) \($0.conversions) \($0.value)" } == [
                "c 1.44 1440.00", "a 0.84 840.00", "b 0.72 720.00",
            ])
    }

    /// The same chain with lead conversions: worth nothing, so the rows sort by key.
    @Test func markovOnLeads() throws {
        let report = try Self.markovWorld().attribution(reportOptions(model: .markov, conversion: .lead))
        #expect(
            report.rows == [
                .init(key: "a", conversionsMicro: 840_000, valueMinor: 0),
                .init(key: "b", conversionsMicro: 720_000, valueMinor: 0),
                .init(key: "c", conversionsMicro: 1_440_000, valueMinor: 0),
            ])
    }

    /// Without the null paths (visitors who never converted) B and C are both on every path to C, and A on two of
    /// three: start→A 2, start→B 1; A→B 1, A→C 1; B→C 2; C→conv 3. Every walk converts (x = 1 everywhere); without
    /// A: ⅓ converts, effect ⅔; without B: x_A = ½, x = ⅔·½ = ⅓, effect ⅔; without C: 0, effect 1. Shares
    /// ⅔ : ⅔ : 1 over 7/3 = 2/7, 2/7, 3/7 — so the null paths change the story, as they should.
    @Test func markovWithoutNullPaths() throws {
        var world = Self.markovWorld()
        world.touches.removeAll { $0.visitor.hasPrefix("anon") }
        let report = try world.attribution(reportOptions(model: .markov))
        expectShares(report, ["a": 2.0 / 7, "b": 2.0 / 7, "c": 3.0 / 7], conversions: 3, valueMinor: 300_000)
    }

    /// A lead whose conversion is outside the period still leaves its October touches as a null path: here lead 4,
    /// created in November after touching C in October, makes C's walk convert less often.
    ///
    /// Counts as in the hand-worked chain plus start→C 1, C→null 1: start→A 3, start→B 1, start→C 2; C→conv 3,
    /// C→null 2. x_C = ⅗, x_B = ⅔·⅗ = ⅖, x_A = ⅔·⅖ + ⅓·⅗ = 7/15, x = ½·7/15 + ⅙·⅖ + ⅓·⅗ = 7/30 + 2/30 + 6/30 = 1/2.
    /// Without A: ⅙·⅖ + ⅓·⅗ = 8/30, effect 1 − (8/30)/½ = 7/15; without B: x_A = ⅓·⅗ = ⅕, x = ½·⅕ + ⅓·⅗ = 3/10,
    /// effect 1 − (3/10)/½ = ⅖; without C: effect 1. Sum 7/15 + 6/15 + 15/15 = 28/15: A ¼, B 3/14, C 15/28.
    @Test func markovNullPathOfALaterLead() throws {
        var world = Self.markovWorld()
        world.lead(4, at: Clock.at("2026-11-05T12:00:00Z"))
        world.touch("v4", at: Clock.at("2026-10-25T12:00:00Z"), campaign: "c")
        let report = try world.attribution(reportOptions(model: .markov))
        expectShares(report, ["a": 0.25, "b": 3.0 / 14, "c": 15.0 / 28], conversions: 3, valueMinor: 300_000)
    }
}
