import LeadTrailCore
import Testing

@testable import LeadTrailReports

/// The same records give the same reports whatever order they were imported in (SPEC "Order independence"): at
/// the module level an import order shows up as other lead, deal and touch ids, other list orders, and another order
/// of the keys in the `KeyTable`. Two honest implementations — or two runs of one — must print the same kopecks.
@Suite struct OrderIndependenceTests {
    /// Every order the three keys `c1`, `c2`, `c3` can be interned in.
    static let keyOrders: [[String]] = [
        ["c1", "c2", "c3"], ["c1", "c3", "c2"], ["c2", "c1", "c3"], ["c2", "c3", "c1"], ["c3", "c1", "c2"],
        ["c3", "c2", "c1"],
    ]

    /// A linear sale of 1000.00 over three campaigns is 333.333… each: one of them must print 333.34 and, in
    /// millionths, 0.333334. Which one is a tie between equal remainders; it must be settled by something in the
    /// data (the key), not by where the key happens to sit in the key table or in a `Dictionary`.
    ///
    /// (Before 50d00b2 the rows were apportioned in `Dictionary` iteration order, which changes with the process's
    /// hash seed and the storage's address, so the extra kopeck moved from run to run.)
    @Test(arguments: [AttributionModel.linear, .positionBased])
    func tiedRemaindersDoNotDependOnKeyOrder(_ model: AttributionModel) throws {
        let world = HandComputedReportTests.journey(model == .linear ? 3 : 5)
        let keys = model == .linear ? ["c1", "c2", "c3"] : ["c2", "c3", "c4"]
        let outputs = try Self.keyOrders.map { order in
            let interning = order.map { keys[Int($0.dropFirst())! - 1] }
            return try world.attribution(reportOptions(model: model), interning: .given(interning))
                .rendered(as: .json)
        }
        #expect(
            Set(outputs).count == 1,
            "\(Set(outputs).count) different reports of the same sale:\n\(Set(outputs).joined(separator: "\n"))")
    }

    /// The same tie through `report roas` and `report funnel`: both apportion their rows in key-table index order.
    @Test
    func roasAndFunnelTiesDoNotDependOnKeyOrder() throws {
        var world = World()
        // Three leads, each touched by all three campaigns: linear gives each campaign 1 lead in thirds; a sale of
        // 1000.00 gives each 333.333… kopecks of revenue.
        for id in Int64(1)...3 {
            world.lead(id, at: Clock.at("2026-10-10T12:00:00Z"))
            for (index, campaign) in ["c1", "c2", "c3"].enumerated() {
                world.touch("v\(id)", at: Clock.at("2026-10-0\(index + 1)T12:00:00Z"), campaign: campaign)
            }
        }
        world.lead(4, at: Clock.at("2026-10-10T12:00:00Z"))
        world.touch("v4", at: Clock.at("2026-10-05T12:00:00Z"), campaign: "c1")
        world.touch("v4", at: Clock.at("2026-10-06T12:00:00Z"), campaign: "c2")
        world.touch("v4", at: Clock.at("2026-10-07T12:00:00Z"), campaign: "c3")
        world.sale(lead: 4, amount: rub(100_000), closedAt: Clock.at("2026-10-20T12:00:00Z"))
        let options = reportOptions(model: .linear)
        let roas = try Self.keyOrders.map { try world.roas(options, interning: .given($0)).rendered(as: .json) }
        #expect(Set(roas).count == 1, "\(Set(roas).count) different ROAS reports of the same data")
        let funnel = try Self.keyOrders.map { try world.funnel(options, interning: .given($0)).rendered(as: .json) }
        #expect(Set(funnel).count == 1, "\(Set(funnel).count) different funnels of the same data")
    }

    /// `report models` puts every model side by side; each column must be what `report attribution --model` prints.
    /// The comparison loads every period touch (Markov needs them) and so interns keys in another order than a
    /// heuristic attribution report; a tied kopeck must not move with it.
    @Test
    func modelComparisonColumnMatchesAttributionReport() throws {
        var world = HandComputedReportTests.journey(3)
        // A visitor touching the campaigns in the other order, in the period: interned first only when the
        // period's touches are loaded.
        world.touch("anon", at: Clock.at("2026-10-02T12:00:00Z"), campaign: "c3")
        world.touch("anon", at: Clock.at("2026-10-02T13:00:00Z"), campaign: "c2")
        for order in Self.keyOrders {
            let comparison = try world.models(reportOptions(model: .linear), interning: .given(order))
            let linear = try #require(comparison.models.firstIndex(of: .linear))
            for keyOrder in Self.keyOrders {
                let report = try world.attribution(reportOptions(model: .linear), interning: .given(keyOrder))
                let column = Dictionary(uniqueKeysWithValues: comparison.rows.map { ($0.key, $0.valueMinor[linear]) })
                let own = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.key, $0.valueMinor) })
                #expect(column == own, "models interned \(order), attribution interned \(keyOrder)")
            }
        }
    }

    /// Property: on random data, renumbering every record and shuffling every list and the key table changes no
    /// report. Fails today on seeds 51, 78, 81, 82 and 88 through `aov` (see `ratiosDoNotDependOnDealOrder`).
    @Test(
        .bug(id: "issue-4", "roas ratios round unsnapped sums: an exact half-kopeck rounds by summation order"),
        arguments: ReconciliationPropertyTests.seeds.prefix(100))
    func reportsDoNotDependOnImportOrder(seed: UInt64) throws {
        let world = World.random(seed: seed)
        let other = world.renumbered(seed: seed &+ 1)
        let interning = InternOrder.shuffled(seed: seed &+ 2)
        var differences: [String] = []
        func compare(_ name: String, _ lhs: String, _ rhs: String) {
            if lhs != rhs { differences.append(name) }
        }
        for model in AttributionModel.allCases {
            for conversion in [ConversionKind.sale, .lead] {
                for dimension in [ReportDimension.campaign, .day] {
                    let options = ReconciliationPropertyTests.options(
                        seed: seed, model: model, conversion: conversion, dimension: dimension)
                    compare(
                        "attribution \(model.rawValue) \(conversion) by \(dimension.rawValue)",
                        try world.attribution(options).rendered(as: .json),
                        try other.attribution(options, interning: interning).rendered(as: .json))
                }
            }
            for dimension in [ReportDimension.campaign, .channel] {
                let options = ReconciliationPropertyTests.options(seed: seed, model: model, dimension: dimension)
                compare(
                    "roas \(model.rawValue) by \(dimension.rawValue)", try world.roas(options).rendered(as: .json),
                    try other.roas(options, interning: interning).rendered(as: .json))
            }
            let options = ReconciliationPropertyTests.options(seed: seed, model: model, conversion: .lead)
            compare(
                "funnel \(model.rawValue)", try world.funnel(options).rendered(as: .json),
                try other.funnel(options, interning: interning).rendered(as: .json))
        }
        let options = ReconciliationPropertyTests.options(seed: seed)
        compare(
            "models", try world.models(options).rendered(as: .json),
            try other.models(options, interning: interning).rendered(as: .json))
        #expect(differences.isEmpty, "seed \(seed): \(differences.joined(separator: "; "))")
    }

    /// `report roas` computes its ratios from the unrounded sums, so a ratio whose exact value is a half kopeck
    /// rounds by the order the credits were added in — the order of the deals, that is the import order.
    ///
    /// Campaign k is the 2nd of 5 touches of a 100.00 sale (position_based: 0.2/3) and the 1st of 2 touches of a
    /// 670.00 and of a 630.00 sale (½ each). Revenue 10 000/15 + 33 500 + 31 500 = 65 666.67 kopecks over
    /// 1/15 + 1 = 16/15 won: aov = 61 562.5 kopecks exactly, 615.63 rounded half away from zero. In binary the
    /// sums land a hair below or above the half depending on the order of the deals, and with deal ids in the order
    /// 100.00, 670.00, 630.00 the report prints 615.62.
    @Test(.bug(id: "issue-4", "roas ratios round unsnapped sums: an exact half-kopeck rounds by summation order"))
    func ratiosDoNotDependOnDealOrder() throws {
        func world(saleOrder: [Int]) -> World {
            var world = World()
            let journeys: [[String]] = [["p", "k", "q", "r", "s"], ["k", "t"], ["k", "u"]]
            let amounts: [Int64] = [10_000, 67_000, 63_000]
            for (index, journey) in journeys.enumerated() {
                let id = Int64(index + 1)
                world.lead(id, at: Clock.at("2026-10-10T12:00:00Z"))
                for (step, campaign) in journey.enumerated() {
                    world.touch("v\(id)", at: Clock.at("2026-10-0\(step + 1)T12:00:00Z"), campaign: campaign)
                }
            }
            for index in saleOrder {
                world.sale(
                    lead: Int64(index + 1), amount: rub(amounts[index]), closedAt: Clock.at("2026-10-20T12:00:00Z"))
            }
            return world
        }
        var printed: [String] = []
        for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [2, 1, 0]] {
            let json = try OrderedJSON.parse(
                try world(saleOrder: order).roas(reportOptions(model: .positionBased)).rendered(as: .json))
            let k = try #require(json["rows"]?.array?.first { $0["key"] == .string("k") })
            printed.append(k["aov"]?.description ?? "?")
        }
        #expect(printed == Array(repeating: "615.63", count: 4), "aov of k by deal order: \(printed)")
    }

    /// Single-touch models hand out whole conversions, so there is nothing to tie in the counts: which key gets
    /// each conversion, and the totals, never depend on the import order.
    @Test(arguments: ReconciliationPropertyTests.seeds.prefix(100))
    func wholeConversionsDoNotDependOnImportOrder(seed: UInt64) throws {
        let world = World.random(seed: seed)
        let other = world.renumbered(seed: seed &+ 1)
        let interning = InternOrder.shuffled(seed: seed &+ 2)
        for model in [AttributionModel.firstTouch, .lastTouch, .lastNonDirect] {
            for conversion in ConversionKind.allCases {
                for dimension in [ReportDimension.campaign, .sourceMedium, .week] {
                    let options = ReconciliationPropertyTests.options(
                        seed: seed, model: model, conversion: conversion, dimension: dimension)
                    let context = "seed \(seed) \(model.rawValue) \(conversion) \(dimension.rawValue)"
                    let lhs = try world.attribution(options)
                    let rhs = try other.attribution(options, interning: interning)
                    #expect(
                        lhs.rowsByKey.mapValues(\.conversionsMicro) == rhs.rowsByKey.mapValues(\.conversionsMicro),
                        "\(context)")
                    #expect(lhs.unattributed.conversionsMicro == rhs.unattributed.conversionsMicro, "\(context)")
                    #expect(lhs.totals == rhs.totals, "\(context)")
                }
            }
        }
    }
}
