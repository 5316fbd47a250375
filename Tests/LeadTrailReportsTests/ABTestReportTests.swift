import Foundation
import LeadTrailCore
import Testing

@testable import LeadTrailReports

extension World {
    /// The data of an A/B test of `campaign`, as `SQLiteStore.reportData` loads it for `ABTestReport.scope`: every
    /// touch of another campaign, or of none, keyed `(other campaigns)` whatever the dimension.
    func abTestData(_ options: ReportOptions, campaign: String) -> ReportData {
        var data = data(ABTestReport.scope(for: options, campaign: campaign))
        let key = Normalize.key(campaign)
        let outside = Set(touches.filter { Normalize.key($0.campaign) != key }.map(\.id))
        let other = data.keys.index(of: ReportDimension.otherCampaignsKey)
        for lead in data.leads.indices {
            for touch in data.leads[lead].touchIDs.indices where outside.contains(data.leads[lead].touchIDs[touch]) {
                data.leads[lead].touches[touch].key = other
            }
        }
        if var period = data.periodTouches {
            for index in period.ids.indices where outside.contains(period.ids[index]) { period.keys[index] = other }
            data.periodTouches = period
        }
        return data
    }

    func abTest(
        _ options: ReportOptions, campaign: String, confidence: Double = 0.95, minimumEffect: Double? = nil
    ) throws -> ABTestReport {
        try ABTestReport(
            data: abTestData(options, campaign: campaign), options: options, campaign: campaign,
            confidence: confidence, minimumEffect: minimumEffect)
    }

    /// `clicks` visitors clicking `campaign`'s `content` in October 2026, the first `leads` of them becoming leads an
    /// hour later. Lead ids start at `firstLead`; returns the next free one.
    @discardableResult
    mutating func variant(
        _ content: String?, campaign: String = "spring", clicks: Int, leads: Int, firstLead: Int64, day: Int = 10
    ) -> Int64 {
        var next = firstLead
        for index in 0..<clicks {
            let visitor = "\(campaign)-\(content ?? "none")-\(index)"
            let at = Clock.at("2026-10-\(day)T08:00:00Z").adding(Int64(index) * Clock.minute)
            touch(visitor, at: at, campaign: campaign, content: content)
            if index < leads {
                lead(next, at: at.adding(Clock.hour), visitors: [visitor])
                next += 1
            }
        }
        return next
    }
}

/// `report abtest` worked out by hand; the p-values against SciPy (see each constant's comment).
@Suite struct ABTestReportTests {
    /// Campaign `spring`, October 2026:
    /// - `a`: 10 clicks, 2 leads;
    /// - `b`: 30 clicks, 4 leads, but one of them (`b`'s 4th clicker) later clicks campaign `other`, which takes the
    ///   last-non-direct credit; another (`b`'s 5th clicker, lead 200) comes back directly, which does not;
    /// - a click without `utm_content`, no lead: the `(none)` variant, lead rate 0, CPL null;
    /// - `c`: a click on 25 September (before the period) whose lead comes on 2 October: a lead, no clicks.
    /// Spend: 1000.00 RUB on 5 October and 10.00 USD at 90 on 6 October (1900.00 RUB), plus `other`'s 5000.00 RUB that
    /// must not count.
    static func smallWorld() -> World {
        var world = World()
        let next = world.variant("a", clicks: 10, leads: 2, firstLead: 1)
        world.variant("b", clicks: 30, leads: 4, firstLead: next)
        // Lead 6 is b's 4th clicker: an `other` click after the b click, before the lead, takes the credit.
        world.touch("spring-b-3", at: Clock.at("2026-10-10T08:40:00Z"), campaign: "other", content: "x")
        // b's 5th clicker becomes a lead after a direct visit: last non-direct stays b.
        world.direct("spring-b-4", at: Clock.at("2026-10-10T09:30:00Z"))
        world.lead(200, at: Clock.at("2026-10-10T09:31:00Z"), visitors: ["spring-b-4"])
        world.variant(nil, clicks: 1, leads: 0, firstLead: 300)
        world.touch("late", at: Clock.at("2026-09-25T12:00:00Z"), campaign: "spring", content: "c")
        world.lead(400, at: Clock.at("2026-10-02T12:00:00Z"), visitors: ["late"])
        // Clicks and a lead of another campaign only.
        world.variant("a", campaign: "other", clicks: 5, leads: 5, firstLead: 500)
        world.spend = [
            Spend(date: Clock.date("2026-10-05"), campaign: "spring", amount: rub(100_000)),
            Spend(date: Clock.date("2026-10-06"), campaign: "spring", amount: usd(1_000)),
            Spend(date: Clock.date("2026-10-06"), campaign: "other", amount: rub(500_000)),
        ]
        world.rate(.usd, .rub, 90, on: "2026-10-01")
        return world
    }

    @Test func variantFiguresByHand() throws {
        let report = try Self.smallWorld().abTest(reportOptions(by: .content), campaign: "spring")
        #expect(report.options.dimension == .content)
        #expect(report.options.conversion == .lead)
        #expect(report.campaign == "spring")
        // Key order by code point: "(" sorts before letters.
        #expect(report.variants.map(\.key) == ["(none)", "a", "b", "c"])
        #expect(report.variants.map(\.clicks) == [1, 10, 30, 0])
        #expect(report.variants.map(\.leads) == [0, 2, 4, 1])
        #expect(report.variants.map(\.leadsMicro) == [0, 2_000_000, 4_000_000, 1_000_000])
        #expect(report.totals.clicks == 41)
        #expect(report.totals.leads == 7)
        // 1900.00 RUB allotted by clicks over 41: 4634.15, 46341.46, 139024.39, 0 kopecks; the floors leave one
        // kopeck, which goes to the largest remainder (a's .46).
        #expect(report.variants.map(\.spendMinor) == [4634, 46342, 139024, 0])
        #expect(report.totals.spendMinor == 190_000)
        let rates = report.variants.map(\.leadRate)
        #expect(rates[0] == 0)
        #expect(rates[1] == 0.2)
        #expect(rates[2] == 4.0 / 30)
        #expect(rates[3] == nil, "no clicks: lead rate null")
        #expect(report.totals.leadRate == 7.0 / 41)
        let costs = report.variants.map(\.costPerLead)
        #expect(costs[0] == nil, "no leads: CPL null")
        #expect(abs(costs[1]! - 190_000.0 * 10 / 41 / 2) < 1e-9)
        #expect(abs(costs[2]! - 190_000.0 * 30 / 41 / 4) < 1e-9)
        #expect(costs[3] == 0, "a lead from a click before the period, and no click in it: no spend allotted")
    }

    @Test func renderedVariantFigures() throws {
        let report = try Self.smallWorld().abTest(reportOptions(by: .content), campaign: "spring")
        let json = try OrderedJSON.parse(report.rendered(as: .json))
        let variants = try #require(json["variants"]?.array)
        #expect(
            variants.map { $0.keys }
                == Array(repeating: ["key", "visits", "leads", "visit_lead_rate", "spend", "cpl"], count: 4))
        #expect(variants[0]["visit_lead_rate"] == .number("0"))
        #expect(variants[0]["spend"] == .number("46.34"))
        #expect(variants[0]["cpl"] == .null)
        // 46341.46 / 2 = 23170.73 kopecks → 231.71; 139024.39 / 4 = 34756.10 → 347.56.
        #expect(variants[1]["spend"] == .number("463.42"))
        #expect(variants[1]["cpl"] == .number("231.71"))
        #expect(variants[1]["visit_lead_rate"] == .number("0.2"))
        #expect(variants[2]["spend"] == .number("1390.24"))
        #expect(variants[2]["cpl"] == .number("347.56"))
        #expect(variants[2]["visit_lead_rate"] == .number("0.133333"))
        #expect(variants[3]["visits"] == .number("0"))
        #expect(variants[3]["visit_lead_rate"] == .null)
        #expect(variants[3]["cpl"] == .number("0.00"))
        let totals = try #require(json["totals"])
        #expect(totals["spend"] == .number("1900.00"))
        // 190000 / 7 = 27142.86 kopecks.
        #expect(totals["cpl"] == .number("271.43"))
        #expect(totals["visit_lead_rate"] == .number("0.170732"))
    }

    /// Three tested pairs, each far from significance: Holm's adjustment (3 × the smallest p = 1.83) is capped at 1.
    /// The pairs with `c` (no clicks) are not tested and not counted in the family.
    ///
    /// z and p from Python: `p = (xa+xb)/(na+nb); se = sqrt(p*(1-p)*(1/na+1/nb)); z = (xb/nb - xa/na)/se;
    /// 2*scipy.stats.norm.sf(abs(z))`; clicks needed from the sample-size formula with `norm.ppf` at α = 0.05/3 and
    /// 80% power, minus the smaller variant's clicks, rounded up.
    @Test func pairsOfTheSmallWorld() throws {
        let report = try Self.smallWorld().abTest(reportOptions(by: .content), campaign: "spring")
        let pairs = report.pairs
        #expect(pairs.map { "\($0.a)|\($0.b)" } == ["(none)|a", "(none)|b", "(none)|c", "a|b", "a|c", "b|c"])
        let expected: [(z: Double, p: Double, needed: Int64, more: Int64)?] = [
            (0.49441323247304414, 0.6210143706612848, 46, 45),  // 0/1 vs 2/10; n = 45.72
            (0.39126259692575577, 0.6956031429303106, 72, 71),  // 0/1 vs 4/30; n = 71.90
            nil,
            (-0.5113099925649136, 0.6091340090519571, 653, 643),  // 2/10 vs 4/30; n = 652.96
            nil, nil,
        ]
        for (pair, expected) in zip(pairs, expected) {
            guard let expected else {
                #expect(pair.z == nil && pair.pValue == nil && pair.pAdjusted == nil && !pair.isSignificant)
                #expect(pair.verdict == "not enough data: c has no clicks")
                #expect(pair.moreClicksNeeded == nil)
                continue
            }
            #expect(abs(pair.z! - expected.z) < 1e-12, "\(pair)")
            #expect(abs(pair.pValue! - expected.p) < 1e-12, "\(pair)")
            #expect(pair.pAdjusted == 1)
            #expect(!pair.isSignificant && pair.winner == nil)
            #expect(pair.clicksNeeded == expected.needed)
            #expect(pair.moreClicksNeeded == expected.more)
            #expect(pair.verdict == "not enough data: about \(expected.more) more visits per variant")
        }
    }

    /// a: 9 leads of 300 clicks (3%), b: 27 of 300 (9%), c: 20 of 300 (6.7%).
    static func threeVariants() -> World {
        var world = World()
        var next = world.variant("a", clicks: 300, leads: 9, firstLead: 1)
        next = world.variant("b", clicks: 300, leads: 27, firstLead: next)
        world.variant("c", clicks: 300, leads: 20, firstLead: next)
        return world
    }

    /// Holm at work: a–c has a raw p of 0.036, under 0.05, but its adjusted p (2 × 0.036 = 0.073) is not; a–b stays
    /// significant (3 × 0.00197 = 0.0059). Constants from Python as above (α = 0.05/3 for the clicks needed):
    ///
    ///     a b z 3.0942637387763803 p 0.001973020087518942 holm 0.0059190602625568255
    ///     a c z 2.0938774378655074 p 0.0362708996072158   holm 0.0725417992144316   n 714.99 → 415 more
    ///     b c z -1.0635604291369956 p 0.2875278764518634  holm 0.2875278764518634   n 2775.20 → 2476 more
    @Test func holmDecidesAndVerdictsAreWorded() throws {
        let report = try Self.threeVariants().abTest(reportOptions(by: .content), campaign: "spring")
        let pairs = report.pairs
        #expect(pairs.map { "\($0.a)|\($0.b)" } == ["a|b", "a|c", "b|c"])
        let z = [3.0942637387763803, 2.0938774378655074, -1.0635604291369956]
        let p = [0.001973020087518942, 0.0362708996072158, 0.2875278764518634]
        let holm = [0.0059190602625568255, 0.0725417992144316, 0.2875278764518634]
        for index in pairs.indices {
            #expect(abs(pairs[index].z! - z[index]) < 1e-12)
            #expect(abs(pairs[index].pValue! - p[index]) / p[index] < 1e-10)
            #expect(abs(pairs[index].pAdjusted! - holm[index]) / holm[index] < 1e-10)
        }
        #expect(pairs[0].isSignificant && pairs[0].winner == "b")
        #expect(pairs[0].verdict == "b beats a at 95%")
        #expect(pairs[0].moreClicksNeeded == nil)
        #expect(pairs[1].pValue! < 0.05 && !pairs[1].isSignificant)
        #expect(pairs[1].verdict == "not enough data: about 415 more visits per variant")
        #expect(pairs[2].verdict == "not enough data: about 2476 more visits per variant")
        #expect(pairs[2].clicksNeeded == 2776)
    }

    /// 1 lead from 1 click against 0 from 11: z = 3.46, p = 0.0005 (Python: pooled 1/12, se = √(p̄(1−p̄)(1/1+1/11))),
    /// yet at the pooled rate the one-click variant expects 0.08 leads, far below the 5 the normal approximation
    /// needs: no winner, and the clicks asked for are at least 5 / (1/12) = 60 per variant.
    @Test func aWinnerNeedsClicksEnoughForTheNormalApproximation() throws {
        var world = World()
        let next = world.variant("a", clicks: 1, leads: 1, firstLead: 1)
        world.variant("b", clicks: 11, leads: 0, firstLead: next)
        let pair = try #require(world.abTest(reportOptions(by: .content), campaign: "spring").pairs.first)
        #expect(abs(pair.z! + 3.464101615137755) < 1e-9, "b − a: b has the lower rate")
        #expect(pair.pAdjusted! < 0.05, "significant by p alone")
        #expect(!pair.isSignificant && pair.winner == nil)
        #expect((pair.clicksNeeded ?? 0) >= 60, "\(pair.clicksNeeded ?? 0)")
        #expect(pair.verdict == "not enough data: about \((pair.clicksNeeded ?? 0) - 1) more visits per variant")
    }

    @Test func theBetterRateWinsWhicheverSideItIsOn() throws {
        var world = World()
        let next = world.variant("a", clicks: 300, leads: 27, firstLead: 1)
        world.variant("b", clicks: 300, leads: 9, firstLead: next)
        let pair = try #require(world.abTest(reportOptions(by: .content), campaign: "spring").pairs.first)
        #expect(pair.z! < 0)
        #expect(pair.winner == "a")
        #expect(pair.verdict == "a beats b at 95%")
    }

    @Test func confidenceLevelSetsTheThresholdAndTheWords() throws {
        // a–b's adjusted p 0.0059 passes 99% (α 0.01) but not 99.5% (α 0.005).
        let at99 = try Self.threeVariants().abTest(reportOptions(by: .content), campaign: "spring", confidence: 0.99)
        #expect(at99.pairs[0].verdict == "b beats a at 99%")
        let stricter = try Self.threeVariants().abTest(
            reportOptions(by: .content), campaign: "spring", confidence: 0.995)
        #expect(!stricter.pairs[0].isSignificant)
        #expect(stricter.pairs[0].verdict.hasPrefix("not enough data: about "))
        let json = try OrderedJSON.parse(stricter.rendered(as: .json))
        #expect(json["confidence"] == .number("0.995"))
    }

    /// With a minimum effect of +20%, the clicks needed are for the pair's pooled rate against 1.2 × it, at α 0.05/3
    /// and 80% power (Python, as above): a–c pooled 29/600, n = 11278.39 → 10979 more; b–c pooled 47/600,
    /// n = 6715.91 → 6416 more.
    @Test func minimumEffectDrivesThePowerCalculation() throws {
        let report = try Self.threeVariants().abTest(
            reportOptions(by: .content), campaign: "spring", minimumEffect: 0.2)
        #expect(report.pairs[0].verdict == "b beats a at 95%")
        #expect(report.pairs[1].clicksNeeded == 11279)
        #expect(report.pairs[1].verdict == "not enough data: about 10979 more visits per variant")
        #expect(report.pairs[2].moreClicksNeeded == 6416)
        let json = try OrderedJSON.parse(report.rendered(as: .json))
        #expect(json["min_effect"] == .number("0.2"))
    }

    /// 50/1000 against 52/1000 (z 0.2033, p 0.8389 in Python): with --min-effect 100, doubling the pooled 5.1% to
    /// 10.2% needs 425.2 clicks per variant at α 0.05 (Python, as above); both have 1000, so the gap is smaller.
    @Test func enoughClicksAndNoDifference() throws {
        var world = World()
        let next = world.variant("a", clicks: 1000, leads: 50, firstLead: 1)
        world.variant("b", clicks: 1000, leads: 52, firstLead: next)
        let pair = try #require(
            world.abTest(reportOptions(by: .content), campaign: "spring", minimumEffect: 1).pairs.first)
        #expect(abs(pair.pValue! - 0.8389153997701586) < 1e-12)
        #expect(pair.clicksNeeded == 426)
        #expect(pair.moreClicksNeeded == 0)
        #expect(
            pair.verdict
                == "no difference at 95%: both variants have the visits to detect a 100% lift, so any real gap is smaller"
        )
    }

    @Test func equalRatesAndNoLeadsAreSaidSo() throws {
        var world = World()
        var next = world.variant("a", clicks: 50, leads: 5, firstLead: 1)
        next = world.variant("b", clicks: 100, leads: 10, firstLead: next)
        world.variant("c", clicks: 20, leads: 0, firstLead: next)
        world.variant("d", clicks: 30, leads: 0, firstLead: 1000)
        let pairs = try world.abTest(reportOptions(by: .content), campaign: "spring").pairs
        let byName = Dictionary(uniqueKeysWithValues: pairs.map { ("\($0.a)|\($0.b)", $0) })
        #expect(byName["a|b"]?.z == 0)
        #expect(byName["a|b"]?.verdict == "not enough data: the lead rates are equal, no gap to detect")
        #expect(byName["a|b"]?.moreClicksNeeded == nil)
        #expect(byName["c|d"]?.verdict == "not enough data: no leads in either variant yet")
        #expect(byName["c|d"]?.pValue == 1)
    }

    /// Credit follows the model, and only the campaign's touches count: b's lead 6 has a later click of `other`,
    /// lead 200 a later direct visit (keyed `(other campaigns)` too: it has no campaign).
    @Test(arguments: [
        (AttributionModel.lastNonDirect, 4.0),  // lead 6 → other; lead 200 → b (direct skipped)
        (.lastTouch, 3.0),  // both → their last touch, outside the campaign
        (.firstTouch, 5.0),  // both → their b click
        (.linear, 4.0),  // ½ + ½
    ])
    func creditFollowsTheModel(model: AttributionModel, bLeads: Double) throws {
        let report = try Self.smallWorld().abTest(reportOptions(model: model, by: .content), campaign: "spring")
        let b = try #require(report.variants.first { $0.key == "b" })
        #expect(abs(b.leads - bLeads) < 1e-12)
        #expect(report.totals.leads == report.variants.reduce(0) { $0 + $1.leads })
    }

    /// By day, a lead counts on the date of the click credited (a cohort of clicks), not on its own date: lead 400,
    /// created on 2 October, belongs to its 25 September click; the other campaign's five leads are not counted.
    @Test func timeDimensionsCreditTheClickDate() throws {
        let report = try Self.smallWorld().abTest(reportOptions(by: .day), campaign: "spring")
        #expect(report.variants.map(\.key) == ["2026-09-25", "2026-10-10"])
        #expect(report.variants.map(\.clicks) == [0, 41])
        #expect(report.variants.map(\.leads) == [1, 6])
    }

    @Test func byCampaignMeansByContent() throws {
        let byCampaign = try Self.smallWorld().abTest(reportOptions(by: .campaign), campaign: " Spring ")
        let byContent = try Self.smallWorld().abTest(reportOptions(by: .content), campaign: "spring")
        #expect(byCampaign.options.dimension == .content)
        #expect(byCampaign.campaign == "spring")
        #expect(byCampaign.variants == byContent.variants)
        #expect(ABTestReport.scope(for: reportOptions(by: .campaign), campaign: " Spring ").onlyCampaign == "spring")
        #expect(ABTestReport.scope(for: reportOptions(by: .campaign), campaign: "spring").dimension == .content)
    }

    @Test func aMissingRateForTheCampaignsSpendFails() throws {
        var world = Self.smallWorld()
        world.rates = []
        #expect(throws: MissingExchangeRate.self) {
            try world.abTest(reportOptions(by: .content), campaign: "spring")
        }
        // Another campaign's spend in a currency without a rate is not needed.
        world.spend = world.spend.filter { $0.amount.currency == .rub }
        world.spend.append(Spend(date: Clock.date("2026-10-07"), campaign: "other", amount: usd(500)))
        _ = try world.abTest(reportOptions(by: .content), campaign: "spring")
    }

    /// Spend with no click in the period has nothing to be allotted by: the variants' spend and CPL are null, the
    /// campaign's totals keep the spend.
    @Test func spendWithoutClicksIsNotAllotted() throws {
        var world = World()
        world.touch("late", at: Clock.at("2026-09-25T12:00:00Z"), campaign: "spring", content: "c")
        world.lead(1, at: Clock.at("2026-10-02T12:00:00Z"), visitors: ["late"])
        world.spend = [Spend(date: Clock.date("2026-10-05"), campaign: "spring", amount: rub(50_000))]
        let report = try world.abTest(reportOptions(by: .content), campaign: "spring")
        let variant = try #require(report.variants.first)
        #expect(variant.key == "c" && variant.clicks == 0 && variant.leads == 1)
        #expect(variant.spend == nil && variant.spendMinor == nil && variant.costPerLead == nil)
        #expect(report.totals.spendMinor == 50_000)
        let json = try OrderedJSON.parse(report.rendered(as: .json))
        #expect(json["variants"]?.array?.first?["spend"] == .null)
        #expect(json["totals"]?["cpl"] == .number("500.00"))
    }

    @Test func noVariantOrOneVariantHasNoPairs() throws {
        var world = World()
        world.variant("a", clicks: 3, leads: 1, firstLead: 1)
        let one = try world.abTest(reportOptions(by: .content), campaign: "spring")
        #expect(one.variants.count == 1 && one.pairs.isEmpty)
        #expect(one.rendered(as: .table).contains("Fewer than two variants"))
        let none = try world.abTest(reportOptions(by: .content), campaign: "nothing")
        #expect(none.variants.isEmpty && none.pairs.isEmpty && none.totals.clicks == 0)
        #expect(try OrderedJSON.parse(none.rendered(as: .json))["totals"]?["visit_lead_rate"] == .null)
    }

    @Test func jsonShape() throws {
        let report = try Self.threeVariants().abTest(reportOptions(by: .content), campaign: "spring")
        let json = try OrderedJSON.parse(report.rendered(as: .json))
        #expect(
            json.keys == [
                "report", "conversion", "model", "by", "from", "to", "timezone", "lookback_days", "currency",
                "campaign",
                "confidence", "power", "min_effect", "variants", "totals", "pairs",
            ])
        #expect(json["report"] == .string("abtest"))
        #expect(json["conversion"] == .string("lead"))
        #expect(json["by"] == .string("content"))
        #expect(json["power"] == .number("0.8"))
        #expect(json["min_effect"] == .null)
        let pair = try #require(json["pairs"]?.array?.first)
        #expect(
            pair.keys == [
                "a", "b", "visit_lead_rate_a", "visit_lead_rate_b", "z", "p_value", "p_adjusted", "significant", "winner",
                "more_visits_needed", "verdict",
            ])
        #expect(pair["visit_lead_rate_a"] == .number("0.03"))
        #expect(pair["visit_lead_rate_b"] == .number("0.09"))
        #expect(pair["z"] == .number("3.094264"))
        #expect(pair["p_value"] == .number("0.00197302"))
        #expect(pair["p_adjusted"] == .number("0.00591906"))
        #expect(pair["significant"] == .bool(true))
        #expect(pair["winner"] == .string("b"))
        #expect(pair["more_visits_needed"] == .null)
        #expect(pair["verdict"] == .string("b beats a at 95%"))
        let second = try #require(json["pairs"]?.array?[1])
        #expect(second["winner"] == .null)
        #expect(second["more_visits_needed"] == .number("415"))
    }

    /// A decisive p-value keeps its digits instead of printing as 0.
    @Test func tinyPValuesKeepTheirDigits() {
        #expect(ABTestReport.pValue(2.55962508777167e-12) == .decimal("2.55963e-12"))
        #expect(ABTestReport.pValue(0) == .decimal("0"))
        #expect(ABTestReport.pValue(nil) == .null)
        #expect(ABTestReport.tablePValue(0.00004) == .decimal("<0.0001"))
        #expect(ABTestReport.tablePValue(0.0362708996072158) == .decimal("0.0363"))
    }

    @Test func tableAndCSV() throws {
        var world = Self.threeVariants()
        world.variant("баннер", clicks: 40, leads: 4, firstLead: 900)
        let report = try world.abTest(reportOptions(by: .content), campaign: "spring")
        let table = report.rendered(as: .table)
        #expect(table.hasPrefix("A/B test of spring by content: leads per visit, last_non_direct model · "))
        #expect(table.contains("b beats a at 95%"))
        // Every line of each table has the width of its rule line, in characters (Cyrillic is one column each).
        let blocks = table.components(separatedBy: "\n\n")
        for block in blocks {
            let lines = block.split(separator: "\n").map(String.init)
            guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else { continue }
            let width = lines[rule].count
            for line in lines[(rule - 1)...] where line.count > width {
                Issue.record("a line is wider than its table:\n\(line)")
            }
        }
        let variantLine = try #require(table.split(separator: "\n").first { $0.hasPrefix("баннер") })
        #expect(variantLine.contains("10.0%"), "a column of percentages has one decimal throughout")
        let csv = report.rendered(as: .csv)
        let sections = csv.components(separatedBy: "\n\n")
        #expect(sections.count == 2)
        #expect(sections[0].hasPrefix("content,visits,leads,visit_lead_rate,spend,cpl\n"))
        #expect(sections[1].hasPrefix("a,b,visit_lead_rate_a,visit_lead_rate_b,z,p_value,p_adjusted,significant,winner,"))
        #expect(sections[0].contains("\n(total),940,60,"))
    }
}
