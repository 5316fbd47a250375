import Foundation
public import LeadTrailCore

/// `report abtest`: one campaign's variants (creatives by default) compared on leads per click, with a verdict for
/// every pair.
///
/// Per variant — a key of the dimension among the campaign's touches:
/// Printed names follow docs/reports.md's glossary: `visits` (not `clicks`, the platform's figure),
/// `visit_lead_rate` (not `lead_rate`, leads per platform click), `more_visits_needed`.
///
/// - `clicks`: the campaign's touches in the period with that key (visits from its links; a form sent with the
///   campaign's UTM tags and no earlier click is a visit too);
/// - `leads`: the period's leads credited by the model to the campaign's touches with that key (the default
///   `last_non_direct` hands out whole leads; a lead credited to another campaign is not counted);
/// - `lead_rate` = leads / clicks, `cpl` = spend / leads;
/// - `spend`: the campaign's spend in the period, allotted to the variants in proportion to their clicks — spend is
///   kept per campaign and day only, so this is the cost a variant would carry if every click cost the same.
///
/// Every pair of variants, in key order, gets a two-proportion z-test on lead rate (``TwoProportionTest``); the
/// p-values of all the pairs tested are adjusted together by Holm's method (``HolmCorrection``), so that comparing
/// many creatives does not crown a winner by chance. A pair is significant when its adjusted p-value is below
/// 1 − confidence and each variant has clicks enough for the normal approximation (``minimumExpected``);
/// otherwise a power calculation (``SampleSize``, 80% power, at the strictest Holm level
/// α / number of pairs, so enough for any pair's rank) says how many more clicks each variant needs to detect the
/// observed gap, or the minimum effect asked for.
///
/// Time dimensions key a variant by its clicks' own dates, and a lead by the date of the click credited: an A/B test
/// compares cohorts of clicks, not days of conversion.
public struct ABTestReport: Sendable {
    /// The power of the sample-size calculation: the chance to detect a true difference of the size asked.
    public static let power = 0.8

    /// The fewest leads and non-leads each variant must be expected to have at the pooled rate before a z-test's
    /// verdict counts (the usual rule for the normal approximation, n·p ≥ 5 and n·(1 − p) ≥ 5).
    public static let minimumExpected = 5.0

    /// One variant's figures. Printed counts and money are apportioned so that the variants add up to the totals.
    public struct Variant: Sendable, Equatable {
        public var key: String
        public var clicks: Int64
        /// Leads credited, unrounded (fractional under `linear`, `time_decay`, …).
        public var leads: Double
        /// Leads in millionths, as printed.
        public var leadsMicro: Int64
        /// Spend allotted by clicks, unrounded minor units of the report currency; nil when the campaign had spend
        /// but no click to allot it by.
        public var spend: Double?
        /// Spend as printed, in minor units.
        public var spendMinor: Int64?

        /// Leads per click; nil without clicks.
        public var leadRate: Double? { clicks == 0 ? nil : leads / Double(clicks) }
        /// Spend per lead in minor units; nil without leads or without allotted spend.
        public var costPerLead: Double? {
            guard let spend, leads != 0 else { return nil }
            return spend / leads
        }
    }

    /// The comparison of two variants, `a` before `b` in key order.
    public struct Pair: Sendable, Equatable {
        public var a: String
        public var b: String
        public var leadRateA: Double?
        public var leadRateB: Double?
        /// The z-score of B's lead rate minus A's; nil when the pair cannot be tested (a variant without clicks, or
        /// with more leads than clicks).
        public var z: Double?
        /// The two-sided p-value, before and after Holm's adjustment over every pair tested.
        public var pValue: Double?
        public var pAdjusted: Double?
        /// Whether the adjusted p-value is below 1 − confidence.
        public var isSignificant: Bool
        /// The variant with the better lead rate, when significant.
        public var winner: String?
        /// Clicks each variant needs to detect the gap (observed or the minimum effect) with 80% power; nil when
        /// there is no gap to detect or no test.
        public var clicksNeeded: Int64?
        /// `clicksNeeded` minus the smaller variant's clicks (0 when both already have enough); nil when
        /// significant or without a calculation.
        public var moreClicksNeeded: Int64?
        /// "B beats A at 95%", "not enough data: about N more clicks per variant", or why there is no test.
        public var verdict: String
    }

    /// The options as the report ran: `by campaign` (the shared default) read as `content`, conversion `lead`.
    public var options: ReportOptions
    /// The normalised campaign key.
    public var campaign: String
    /// The confidence level, strictly between 0 and 1 (0.95 for 95%).
    public var confidence: Double
    /// The smallest relative lift in lead rate worth detecting (0.2 for +20%), if asked; the power calculation then
    /// uses it over the pair's pooled rate instead of the observed gap.
    public var minimumEffect: Double?
    /// Every key of the campaign's clicks or credited leads, in key order (code points).
    public var variants: [Variant]
    /// The campaign as a whole: the sum of the variants, and its whole spend.
    public var totals: Variant
    /// Every pair of variants, in key order: (v₁, v₂), (v₁, v₃), …, (v₂, v₃), …
    public var pairs: [Pair]

    /// What the store must load: every touch of the period (the clicks), with the touches of other campaigns keyed
    /// ``ReportDimension/otherCampaignsKey``. Load the data for ``init(data:options:campaign:confidence:minimumEffect:)``
    /// with this scope.
    public static func scope(for options: ReportOptions, campaign: String) -> ReportScope {
        testing(options).scope(needsPeriodTouches: true, onlyCampaign: Normalize.key(campaign) ?? campaign)
    }

    /// One load that every campaign's test can be cut from with ``data(_:of:)``: keys split by campaign
    /// (``ReportScope/splitByCampaign``). A summary of forty campaigns reads the period once, not forty times.
    public static func splitScope(for options: ReportOptions) -> ReportScope {
        var scope = testing(options).scope(needsPeriodTouches: true)
        scope.splitByCampaign = true
        return scope
    }

    /// Data loaded with ``splitScope(for:)`` as ``scope(for:campaign:)`` would have loaded it for one campaign: its
    /// touches keyed by their value in the dimension, every other touch ``ReportDimension/otherCampaignsKey``.
    public static func data(_ split: ReportData, of campaign: String) -> ReportData {
        let prefix = (Normalize.key(campaign) ?? campaign) + String(ReportDimension.campaignSeparator)
        var keys = KeyTable()
        _ = keys.index(of: ReportDimension.noneKey)
        let other = keys.index(of: ReportDimension.otherCampaignsKey)
        let mapping = split.keys.keys.map { key in
            key.hasPrefix(prefix) ? keys.index(of: String(key.dropFirst(prefix.count))) : other
        }
        var data = split
        data.keys = keys
        for lead in data.leads.indices {
            for touch in data.leads[lead].touches.indices {
                data.leads[lead].touches[touch].key = mapping[Int(data.leads[lead].touches[touch].key)]
            }
        }
        if var period = data.periodTouches {
            period.rekey(mapping)
            data.periodTouches = period
        }
        return data
    }

    /// The campaigns with touches in data loaded with ``splitScope(for:)``, in code-point order.
    public static func campaigns(in split: ReportData) -> [String] {
        Set(split.keys.keys.compactMap { key in
            key.firstIndex(of: ReportDimension.campaignSeparator).map { String(key[..<$0]) }
        }).sorted { ReportNumber.codePointsAscending($0, $1) }
    }

    /// A test within one campaign by campaign would have one variant: the shared `--by campaign` default means
    /// `content`, the creative. Leads are what is tested.
    static func testing(_ options: ReportOptions) -> ReportOptions {
        var options = options
        if options.dimension == .campaign { options.dimension = .content }
        options.conversion = .lead
        return options
    }

    /// Builds the test from data loaded with ``scope(for:campaign:)``; fails when the campaign's spend needs an
    /// exchange rate that was never set.
    ///
    /// - Parameters:
    ///   - confidence: strictly between 0 and 1.
    ///   - minimumEffect: a relative lift (0.2 for +20%), positive, or nil for the observed gap.
    public init(
        data: ReportData, options: ReportOptions, campaign: String, confidence: Double = 0.95,
        minimumEffect: Double? = nil
    ) throws(MissingExchangeRate) {
        precondition(confidence > 0 && confidence < 1, "confidence must be strictly between 0 and 1")
        precondition(minimumEffect.map { $0 > 0 && $0.isFinite } ?? true, "the minimum effect must be positive")
        let options = Self.testing(options)
        let campaign = Normalize.key(campaign) ?? campaign
        self.options = options
        self.campaign = campaign
        self.confidence = confidence
        self.minimumEffect = minimumEffect
        let scope = Self.scope(for: options, campaign: campaign)

        // Leads credited to touches. A time dimension credits the touch's own date (its key in the loaded data),
        // not the conversion's: the ledger is told a touch dimension.
        var creditOptions = options
        if creditOptions.dimension.isConversionTime { creditOptions.dimension = .content }
        var keys = data.keys
        let events = try ConversionEvent.events(of: .lead, in: data, options: options, scope: scope)
        let ledger = CreditLedger(events: events, data: data, keys: &keys, model: options.model, options: creditOptions)
        let other = keys.existingIndex(of: ReportDimension.otherCampaignsKey)

        var clicks: [Int32: Int64] = [:]
        for (key, count) in data.periodTouches?.touchesByKey ?? [:] where key != other { clicks[key, default: 0] += count }
        var present = Set(clicks.keys)
        for (key, credit) in ledger.byKey where key != other && credit.conversions != 0 { present.insert(key) }
        let order = present.map { (index: $0, key: keys[$0]) }
            .sorted { ReportNumber.codePointsAscending($0.key, $1.key) }

        var spend = 0.0
        for row in data.spend where row.campaign == campaign {
            spend += try data.rates.convert(row.amount, to: options.currency, on: row.date)
        }
        let totalClicks = order.reduce(Int64(0)) { $0 + (clicks[$1.index] ?? 0) }
        let leads = order.map { ledger.byKey[$0.index]?.conversions ?? 0 }
        let totalLeads = leads.reduce(0, +)
        // Allotted by clicks; with spend but no click there is nothing to allot by.
        let allotted: [Double]? =
            totalClicks > 0
            ? order.map { spend * Double(clicks[$0.index] ?? 0) / Double(totalClicks) }
            : spend == 0 ? order.map { _ in 0 } : nil
        let printedLeads = Apportioned(rows: leads, unattributed: 0, total: totalLeads, scale: ReportNumber.countScale)
        let printedSpend = Apportioned(rows: allotted ?? [], unattributed: 0, total: spend)
        variants = order.indices.map { position in
            Variant(
                key: order[position].key, clicks: clicks[order[position].index] ?? 0, leads: leads[position],
                leadsMicro: printedLeads.rows[position], spend: allotted?[position],
                spendMinor: allotted == nil ? nil : printedSpend.rows[position])
        }
        // A variant whose only credit rounds to nothing is not printed; the others still add up to the totals.
        variants.removeAll { $0.clicks == 0 && $0.leadsMicro == 0 }
        totals = Variant(
            key: "(total)", clicks: totalClicks, leads: totalLeads, leadsMicro: printedLeads.total, spend: spend,
            spendMinor: printedSpend.total)
        pairs = Self.pairs(of: variants, confidence: confidence, minimumEffect: minimumEffect)
    }

    /// Tests every pair, adjusts the p-values together, and words a verdict for each.
    static func pairs(of variants: [Variant], confidence: Double, minimumEffect: Double?) -> [Pair] {
        var candidates: [(a: Variant, b: Variant, test: TwoProportionTest?)] = []
        for first in variants.indices {
            for second in variants.indices where second > first {
                let a = variants[first]
                let b = variants[second]
                let test = TwoProportionTest(
                    successesA: a.leads, trialsA: Double(a.clicks), successesB: b.leads, trialsB: Double(b.clicks))
                candidates.append((a, b, test))
            }
        }
        let tested = candidates.compactMap(\.test)
        var adjusted = HolmCorrection.adjusted(tested.map(\.pValue))[...]
        let alpha = 1 - confidence
        // The strictest threshold Holm applies (the smallest p-value is compared with α/m): clicks enough for it
        // are enough whatever rank the pair's p-value takes.
        let powerSignificance = alpha / Double(max(tested.count, 1))
        let level = percentText(confidence)

        return candidates.map { a, b, test in
            var pair = Pair(
                a: a.key, b: b.key, leadRateA: a.leadRate, leadRateB: b.leadRate, z: test?.z, pValue: test?.pValue,
                pAdjusted: nil, isSignificant: false, winner: nil, clicksNeeded: nil, moreClicksNeeded: nil,
                verdict: "")
            guard let test else {
                if a.clicks == 0 && b.clicks == 0 {
                    pair.verdict = "not enough data: neither variant has clicks"
                } else if a.clicks == 0 || b.clicks == 0 {
                    pair.verdict = "not enough data: \(a.clicks == 0 ? a.key : b.key) has no clicks"
                } else {
                    let over = a.leads > Double(a.clicks) ? a.key : b.key
                    pair.verdict = "cannot test: \(over) has more leads than clicks (leads of clicks before the period)"
                }
                return pair
            }
            let pAdjusted = adjusted.removeFirst()
            pair.pAdjusted = pAdjusted
            let rateA = test.successesA / test.trialsA
            let rateB = test.successesB / test.trialsB
            let pooled = (test.successesA + test.successesB) / (test.trialsA + test.trialsB)
            // The z-test's normal approximation holds only with at least 5 expected leads and 5 expected non-leads
            // per variant at the pooled rate: 1 lead from 1 click must not beat 2 from 22.
            let approximationClicks = pooled > 0 && pooled < 1
                ? (Self.minimumExpected / min(pooled, 1 - pooled)).rounded(.up) : Double.infinity
            let smaller = Double(min(test.trialsA, test.trialsB))
            if pAdjusted < alpha && rateA != rateB && smaller >= approximationClicks {
                pair.isSignificant = true
                let (winner, loser) = rateB > rateA ? (b.key, a.key) : (a.key, b.key)
                pair.winner = winner
                pair.verdict = "\(winner) beats \(loser) at \(level)"
                return pair
            }
            if pooled == 0 {
                pair.verdict = "not enough data: no leads in either variant yet"
                return pair
            }
            let rates: (Double, Double)
            if let minimumEffect {
                rates = (pooled, pooled * (1 + minimumEffect))
            } else {
                rates = (rateA, rateB)
            }
            guard
                let needed = SampleSize.perGroup(
                    rateA: rates.0, rateB: rates.1, significance: powerSignificance, power: power)
            else {
                pair.verdict =
                    minimumEffect == nil
                    ? "not enough data: the lead rates are equal, no gap to detect"
                    : "not enough data: a lift of \(percentText(minimumEffect ?? 0)) would pass a lead rate of 100%"
                return pair
            }
            let enough = approximationClicks.isFinite ? max(needed, approximationClicks) : needed
            // A tiny gap between large rates can ask for more clicks than an Int64 holds: held at its bound.
            func clicks(_ value: Double) -> Int64 {
                let rounded = value.rounded(.up)
                guard rounded.isFinite, rounded < 9_223_372_036_854_775_807.0 else { return .max }
                return Int64(rounded)
            }
            let more = max(0, clicks(enough - smaller))
            pair.clicksNeeded = clicks(enough)
            pair.moreClicksNeeded = more
            let gap = minimumEffect.map { "a \(percentText($0)) lift" } ?? "a gap this size"
            pair.verdict =
                more > 0
                ? "not enough data: about \(more) more visits per variant"
                : "no difference at \(level): both variants have the visits to detect \(gap), so any real gap is smaller"
            return pair
        }
    }

    /// `95%`, `97.5%`, `20%`: a fraction as a percentage with at most one decimal.
    static func percentText(_ fraction: Double) -> String {
        ReportNumber.decimalText(Money.roundedMinorUnits(fraction * 1000), digits: 1) + "%"
    }
}

extension ABTestReport {
    /// JSON: the report header, the campaign and the test's settings, the variants, the totals and the pairs. CSV:
    /// the variants (and totals), a blank line, then the pairs. Table: the same two tables, the verdicts in words.
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json:
            let object = OutputValue.object(
                options.header(report: "abtest", conversion: .lead, model: options.model) + [
                    ("campaign", .string(campaign)), ("confidence", ReportNumber.ratio(confidence)),
                    ("power", ReportNumber.ratio(Self.power)), ("min_effect", ReportNumber.ratio(minimumEffect)),
                    ("variants", .array(variants.map { .object(fields($0)) })), ("totals", .object(fields(totals))),
                    ("pairs", .array(pairs.map { .object(fields($0)) })),
                ])
            return object.prettyJSON + "\n"
        case .csv:
            let variantRows = (variants + [totals]).map { fields($0).map(\.1) }
            let pairRows = pairs.map { fields($0).map(\.1) }
            return Listing(columns: [options.dimension.rawValue] + variantColumns.dropFirst(), rows: variantRows).csv
                + "\n" + Listing(columns: pairColumns, rows: pairRows).csv
        case .table:
            var listing = Listing(
                columns: [options.dimension.rawValue] + variantColumns.dropFirst(),
                rows: (variants + [totals]).map { variant in
                    fields(variant).map { ReportNumber.forTable($0.1, column: $0.0) }
                })
            listing.groupsThousands = true
            listing.nullMark = "—"
            var pairListing = Listing(
                columns: ["a", "b", "visit_lead_rate_a", "visit_lead_rate_b", "z", "p", "p_holm", "verdict"],
                rows: pairs.map { pair in
                    [
                        .string(pair.a), .string(pair.b),
                        ReportNumber.forTable(ReportNumber.ratio(pair.leadRateA), percent: true),
                        ReportNumber.forTable(ReportNumber.ratio(pair.leadRateB), percent: true),
                        ReportNumber.forTable(ReportNumber.ratio(pair.z), percent: false),
                        Self.tablePValue(pair.pValue), Self.tablePValue(pair.pAdjusted), .string(pair.verdict),
                    ]
                })
            pairListing.nullMark = "—"
            let title =
                "A/B test of \(campaign) by \(options.dimension.rawValue): leads per visit, \(options.model.rawValue) model · "
                + "\(options.periodText) · \(options.currency.code)\n\n"
            let comparison =
                pairs.isEmpty
                ? "Fewer than two variants: nothing to compare.\n"
                : "Pairs at \(Self.percentText(confidence)) confidence (Holm-adjusted), 80% power:\n\n"
                    + pairListing.table
            return title + listing.table + "\n" + comparison
        }
    }

    private var variantColumns: [String] { ["key", "visits", "leads", "visit_lead_rate", "spend", "cpl"] }

    private var pairColumns: [String] {
        [
            "a", "b", "visit_lead_rate_a", "visit_lead_rate_b", "z", "p_value", "p_adjusted", "significant", "winner",
            "more_visits_needed", "verdict",
        ]
    }

    private func fields(_ variant: Variant) -> [(String, OutputValue)] {
        let currency = options.currency
        return [
            ("key", .string(variant.key)), ("visits", .integer(variant.clicks)),
            ("leads", ReportNumber.count(micro: variant.leadsMicro)),
            ("visit_lead_rate", ReportNumber.ratio(variant.leadRate)),
            ("spend", variant.spendMinor.map { ReportNumber.money(minor: $0, in: currency) } ?? .null),
            ("cpl", ReportNumber.money(variant.costPerLead, in: currency)),
        ]
    }

    private func fields(_ pair: Pair) -> [(String, OutputValue)] {
        zip(
            pairColumns,
            [
                .string(pair.a), .string(pair.b), ReportNumber.ratio(pair.leadRateA),
                ReportNumber.ratio(pair.leadRateB),
                ReportNumber.ratio(pair.z), Self.pValue(pair.pValue), Self.pValue(pair.pAdjusted),
                .bool(pair.isSignificant), .text(pair.winner), pair.moreClicksNeeded.map(OutputValue.integer) ?? .null,
                .string(pair.verdict),
            ]
        ).map { ($0, $1) }
    }

    /// A p-value to six significant digits (`0.00875149`, `2.55963e-12`): a fixed six decimals would print a
    /// decisive 1e-9 as 0.
    static func pValue(_ value: Double?) -> OutputValue {
        guard let value, value.isFinite else { return .null }
        if value == 0 { return .decimal("0") }
        return .decimal(String(format: "%.6g", value))
    }

    /// A p-value as a table shows it: four decimals, or `<0.0001`.
    static func tablePValue(_ value: Double?) -> OutputValue {
        guard let value, value.isFinite else { return .null }
        if value < 0.0001 { return .decimal("<0.0001") }
        return .decimal(ReportNumber.decimalText(Money.roundedMinorUnits(value * 10_000), digits: 4))
    }
}
