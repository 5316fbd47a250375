public import LeadTrailCore

/// `report roas`: what each key cost and brought back — spend and delivery, touches, leads, deals, won deals and
/// revenue credited by the model, and every ratio of the SPEC's Metrics.
public struct RoasReport: Sendable {
    /// The figures of one row, the unattributed row or the totals. Money in minor units and counts in millionths,
    /// apportioned so that rows plus unattributed equal the totals; nil where a figure does not apply.
    public struct Figures: Sendable, Equatable {
        public var spendMinor: Int64?
        public var impressions: Int64?
        public var reach: Int64?
        public var clicks: Int64?
        public var engagements: Int64?
        public var touches: Int64?
        public var leadsMicro: Int64
        public var dealsMicro: Int64
        public var wonMicro: Int64
        public var revenueMinor: Int64
        /// Unrounded money and counts, for the ratios.
        var exact = Exact()
    }

    struct Exact: Sendable, Equatable {
        var spend: Double?
        var leads = 0.0
        var won = 0.0
        var revenue = 0.0
    }

    public struct Row: Sendable, Equatable {
        public var key: String
        public var figures: Figures
    }

    public var options: ReportOptions
    /// Sorted by revenue, then spend, descending, then key by code point; a row appears when any base figure is
    /// non-zero.
    public var rows: [Row]
    public var unattributed: Figures
    public var totals: Figures

    /// Every period touch is needed for the `touches` figure.
    public static func scope(for options: ReportOptions) -> ReportScope {
        var scope = options.scope(needsPeriodTouches: true)
        // Its conversions are the leads' creation and the deals' own dates and status (`ConversionEvent`): no stage
        // history.
        scope.needsStageHistory = false
        return scope
    }

    /// Whether spend belongs to rows (``ReportDimension/ownsSpend``); other dimensions carry it in totals.
    var spendPerRow: Bool { options.dimension.ownsSpend }

    /// Whether a `--by channel` report shares each campaign's spend over the channels of its visits
    /// (``init(data:options:channelTouches:)``).
    public private(set) var sharesSpend = false

    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        try self.init(data: data, options: options, channelTouches: nil)
    }

    /// A report whose `--by channel` rows carry spend: each campaign's spend (and impressions, reach, clicks,
    /// engagements) in the period is shared over the channels of its touches in the period in proportion to their
    /// count (`channelTouches`, from the store), as `goal status` does; a campaign with no touch in the period puts
    /// its spend in the unattributed row, so the column adds up. Amounts are allotted by largest remainder.
    public init(data: ReportData, options: ReportOptions, channelTouches: CampaignChannelTouches?)
        throws(MissingExchangeRate)
    {
        self.options = options
        let sharesSpend = options.dimension == .channel && channelTouches != nil
        self.sharesSpend = sharesSpend
        let scope = Self.scope(for: options)
        var keys = data.keys
        func ledger(_ kind: ConversionKind) throws(MissingExchangeRate) -> CreditLedger {
            let events = try ConversionEvent.events(of: kind, in: data, options: options, scope: scope)
            return CreditLedger(events: events, data: data, keys: &keys, model: options.model, options: options)
        }
        let leads = try ledger(.lead)
        let deals = try ledger(.deal)
        let sales = try ledger(.sale)

        struct Delivery {
            var spend = 0.0
            var impressions: Int64 = 0
            var reach: Int64 = 0
            var clicks: Int64 = 0
            var engagements: Int64 = 0
        }
        var delivery: [Int32: Delivery] = [:]
        var totalDelivery = Delivery()
        // Shared delivery (by channel) is fractional until apportioned.
        var shared = sharesSpend ? channelTouches.map(ChannelDelivery.init(mix:)) : nil
        for row in data.spend {
            let amount = try data.rates.convert(row.amount, to: options.currency, on: row.date)
            totalDelivery.spend += amount
            totalDelivery.impressions += row.impressions
            totalDelivery.reach += row.reach
            totalDelivery.clicks += row.clicks
            totalDelivery.engagements += row.engagements
            if sharesSpend {
                shared?.add(row, amount: amount, keys: &keys)
                continue
            }
            guard let spendKey = options.dimension.spendKey(of: row) else { continue }
            let key = keys.index(of: spendKey)
            delivery[key, default: Delivery()].spend += amount
            delivery[key, default: Delivery()].impressions += row.impressions
            delivery[key, default: Delivery()].reach += row.reach
            delivery[key, default: Delivery()].clicks += row.clicks
            delivery[key, default: Delivery()].engagements += row.engagements
        }
        var touches: [Int32: Int64] = [:]
        var totalTouches: Int64 = 0
        if let period = data.periodTouches {
            touches = period.touchesByKey
            totalTouches = period.touchCount
        }

        var present = Set<Int32>()
        for (key, credit) in leads.byKey where !credit.isZero { present.insert(key) }
        for (key, credit) in deals.byKey where !credit.isZero { present.insert(key) }
        for (key, credit) in sales.byKey where !credit.isZero { present.insert(key) }
        for (key, count) in touches where count > 0 { present.insert(key) }
        for (key, figures) in delivery
        where figures.spend != 0 || figures.impressions != 0 || figures.reach != 0 || figures.clicks != 0
            || figures.engagements != 0
        {
            present.insert(key)
        }
        for (key, sums) in shared?.byKey ?? [:] where sums.contains(where: { $0 != 0 }) { present.insert(key) }
        // Key order, whatever the order the keys were met in: ties in rounding are settled by key.
        let order = present.sorted { ReportNumber.codePointsAscending(keys[$0], keys[$1]) }
        let scale = ReportNumber.countScale
        let spend = Apportioned(
            rows: order.map { shared?.value(.spend, of: $0) ?? delivery[$0]?.spend ?? 0 },
            unattributed: shared?.unattributed[ChannelDelivery.Figure.spend.rawValue] ?? 0, total: totalDelivery.spend)
        // Shared impressions, reach, clicks and engagements: whole numbers by largest remainder.
        let totalCounts = [
            totalDelivery.impressions, totalDelivery.reach, totalDelivery.clicks, totalDelivery.engagements,
        ]
        let sharedCounts = [ChannelDelivery.Figure.impressions, .reach, .clicks, .engagements].enumerated().map {
            shared?.apportioned($1, order: order, total: totalCounts[$0])
                ?? Apportioned(rows: order.map { _ in 0 }, unattributed: 0, total: 0)
        }
        let leadCounts = Apportioned(
            rows: order.map { leads.byKey[$0]?.conversions ?? 0 }, unattributed: leads.unattributed.conversions,
            total: leads.totals.conversions, scale: scale)
        let dealCounts = Apportioned(
            rows: order.map { deals.byKey[$0]?.conversions ?? 0 }, unattributed: deals.unattributed.conversions,
            total: deals.totals.conversions, scale: scale)
        let wonCounts = Apportioned(
            rows: order.map { sales.byKey[$0]?.conversions ?? 0 }, unattributed: sales.unattributed.conversions,
            total: sales.totals.conversions, scale: scale)
        let revenue = Apportioned(
            rows: order.map { sales.byKey[$0]?.value ?? 0 }, unattributed: sales.unattributed.value,
            total: sales.totals.value)

        let spendPerRow = options.dimension.ownsSpend
        rows = order.indices.map { index in
            let key = order[index]
            var own = delivery[key] ?? Delivery()
            if sharesSpend {
                own.spend = shared?.value(.spend, of: key) ?? 0
                own.impressions = sharedCounts[0].rows[index]
                own.reach = sharedCounts[1].rows[index]
                own.clicks = sharedCounts[2].rows[index]
                own.engagements = sharedCounts[3].rows[index]
            }
            let owns = spendPerRow || sharesSpend
            return Row(
                key: keys[key],
                figures: Figures(
                    spendMinor: owns ? spend.rows[index] : nil, impressions: owns ? own.impressions : nil,
                    reach: owns ? own.reach : nil, clicks: owns ? own.clicks : nil,
                    engagements: owns ? own.engagements : nil, touches: touches[key] ?? 0,
                    leadsMicro: leadCounts.rows[index], dealsMicro: dealCounts.rows[index],
                    wonMicro: wonCounts.rows[index], revenueMinor: revenue.rows[index],
                    exact: Exact(
                        spend: owns ? own.spend : nil, leads: leads.byKey[key]?.conversions ?? 0,
                        won: sales.byKey[key]?.conversions ?? 0, revenue: sales.byKey[key]?.value ?? 0)))
        }
        // A row whose figures all round to nothing is not printed.
        rows.removeAll { row in
            let figures = row.figures
            return (figures.spendMinor ?? 0) == 0 && (figures.impressions ?? 0) == 0 && (figures.reach ?? 0) == 0
                && (figures.clicks ?? 0) == 0 && (figures.engagements ?? 0) == 0 && (figures.touches ?? 0) == 0
                && figures.leadsMicro == 0 && figures.dealsMicro == 0 && figures.wonMicro == 0
                && figures.revenueMinor == 0
        }
        // A day, week or month reads in time order (its keys sort so); other keys by what they brought back.
        let chronological = options.dimension.isConversionTime
        rows.sort { lhs, rhs in
            if chronological { return ReportNumber.codePointsAscending(lhs.key, rhs.key) }
            if lhs.figures.revenueMinor != rhs.figures.revenueMinor {
                return lhs.figures.revenueMinor > rhs.figures.revenueMinor
            }
            if (lhs.figures.spendMinor ?? 0) != (rhs.figures.spendMinor ?? 0) {
                return (lhs.figures.spendMinor ?? 0) > (rhs.figures.spendMinor ?? 0)
            }
            return ReportNumber.codePointsAscending(lhs.key, rhs.key)
        }
        unattributed = Figures(
            spendMinor: sharesSpend ? spend.unattributed : nil,
            impressions: sharesSpend ? sharedCounts[0].unattributed : nil,
            reach: sharesSpend ? sharedCounts[1].unattributed : nil,
            clicks: sharesSpend ? sharedCounts[2].unattributed : nil,
            engagements: sharesSpend ? sharedCounts[3].unattributed : nil, touches: nil,
            leadsMicro: leadCounts.unattributed, dealsMicro: dealCounts.unattributed, wonMicro: wonCounts.unattributed,
            revenueMinor: revenue.unattributed,
            exact: Exact(
                spend: shared.map { $0.unattributed[ChannelDelivery.Figure.spend.rawValue] },
                leads: leads.unattributed.conversions,
                won: sales.unattributed.conversions, revenue: sales.unattributed.value))
        totals = Figures(
            spendMinor: spend.total, impressions: totalDelivery.impressions, reach: totalDelivery.reach,
            clicks: totalDelivery.clicks, engagements: totalDelivery.engagements, touches: totalTouches,
            leadsMicro: leadCounts.total, dealsMicro: dealCounts.total, wonMicro: wonCounts.total,
            revenueMinor: revenue.total,
            exact: Exact(
                spend: totalDelivery.spend, leads: leads.totals.conversions, won: sales.totals.conversions,
                revenue: sales.totals.value))
    }

    /// The SPEC's `report roas` JSON; CSV with every figure; a table of the figures people read first.
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .json:
            let object = OutputValue.object(
                options.header(report: "roas", conversion: options.conversion, model: options.model)
                    + (sharesSpend ? [("spend_shared_by", .string("touches"))] : []) + [
                        ("rows", .array(rows.map { .object([("key", .string($0.key))] + fields($0.figures)) })),
                        ("unattributed", .object(unattributedFields)), ("totals", .object(fields(totals))),
                    ])
            return object.prettyJSON + "\n"
        case .csv:
            let all =
                rows.map { ($0.key, fields($0.figures)) } + [
                    ("(unattributed)", fields(unattributed)), ("(total)", fields(totals)),
                ]
            return Listing(
                columns: [options.dimension.rawValue] + fields(totals).map(\.0),
                rows: all.map { [.string($0.0)] + $0.1.map(\.1) }
            ).csv
        case .table:
            let columns = Self.tableColumns
            let all =
                rows.map { ($0.key, fields($0.figures)) } + [
                    ("(unattributed)", fields(unattributed)), ("(total)", fields(totals)),
                ]
            var listing = Listing(
                columns: [options.dimension.rawValue] + columns,
                rows: all.map { key, fields in
                    let byName = Dictionary(fields, uniquingKeysWith: { first, _ in first })
                    return [.string(key)] + columns.map { ReportNumber.forTable(byName[$0] ?? .null, column: $0) }
                })
            listing.groupsThousands = true
            listing.nullMark = "—"
            return title + "\n\n" + listing.table
        }
    }

    /// The figures a table shows: those people read first.
    static let tableColumns = ["spend", "clicks", "leads", "cpl", "won", "revenue", "cac", "roas", "romi"]

    var title: String {
        "ROAS by \(options.dimension.rawValue), \(options.model.rawValue) model · \(options.periodText) · "
            + options.currency.code
            + (sharesSpend ? "\nSpend: each campaign's spend shared over the channels of its visits in the period" : "")
    }

    var unattributedFields: [(String, OutputValue)] {
        // Shared by channel, the spend of campaigns with no visit in the period is here, so the column adds up.
        let delivery: [(String, OutputValue)] =
            sharesSpend
            ? fields(unattributed).filter { ["spend", "impressions", "reach", "clicks", "engagements"].contains($0.0) }
            : []
        return delivery + [
            ("leads", ReportNumber.count(micro: unattributed.leadsMicro)),
            ("deals", ReportNumber.count(micro: unattributed.dealsMicro)),
            ("won", ReportNumber.count(micro: unattributed.wonMicro)),
            ("revenue", ReportNumber.money(minor: unattributed.revenueMinor, in: options.currency)),
        ]
    }

    /// Every base figure and ratio, in the SPEC's order; ratios from unrounded figures, null on a zero denominator
    /// or where spend does not belong to the row.
    func fields(_ figures: Figures) -> [(String, OutputValue)] {
        let currency = options.currency
        func integer(_ value: Int64?) -> OutputValue { value.map(OutputValue.integer) ?? .null }
        let spend = figures.exact.spend
        // A cost per unit with no spend is unknown, not free: null (`—`), never 0.00.
        let cost = spend.flatMap { $0 == 0 ? nil : $0 }
        let clicks = figures.clicks.map(Double.init)
        let impressions = figures.impressions.map(Double.init)
        let reach = figures.reach.map(Double.init)
        let engagements = figures.engagements.map(Double.init)
        let leads = figures.exact.leads
        let won = figures.exact.won
        let revenue = figures.exact.revenue
        func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator else { return nil }
            return ReportNumber.divide(numerator, by: denominator)
        }
        // Spend and revenue are minor units; a cost per unit stays minor units, a return is a pure ratio.
        return [
            ("spend", figures.spendMinor.map { ReportNumber.money(minor: $0, in: currency) } ?? .null),
            ("impressions", integer(figures.impressions)), ("reach", integer(figures.reach)),
            ("clicks", integer(figures.clicks)), ("engagements", integer(figures.engagements)),
            ("touches", integer(figures.touches)),
            ("leads", ReportNumber.count(micro: figures.leadsMicro)),
            ("deals", ReportNumber.count(micro: figures.dealsMicro)),
            ("won", ReportNumber.count(micro: figures.wonMicro)),
            ("revenue", ReportNumber.money(minor: figures.revenueMinor, in: currency)),
            ("ctr", ReportNumber.ratio(ratio(clicks, impressions))),
            ("cpc", ReportNumber.money(ratio(cost, clicks), in: currency)),
            ("cpm", ReportNumber.money(ratio(cost, impressions).map { $0 * 1000 }, in: currency)),
            ("er", ReportNumber.ratio(ratio(engagements, reach))),
            ("cpl", ReportNumber.money(ratio(cost, leads), in: currency)),
            ("cac", ReportNumber.money(ratio(cost, won), in: currency)),
            ("roas", ReportNumber.ratio(ratio(revenue, spend))),
            ("romi", ReportNumber.ratio(ratio(spend.map { revenue - $0 }, spend))),
            ("aov", ReportNumber.money(ratio(revenue, won), in: currency)),
            ("lead_rate", ReportNumber.ratio(ratio(leads, clicks))),
            ("win_rate", ReportNumber.ratio(ratio(won, leads))),
        ]
    }
}
