public import LeadTrailCore

/// `report funnel`: per campaign (or any dimension), impressions → clicks → touches → leads → qualified →
/// opportunity → won, with each step's rate and the share of junk leads.
///
/// Leads are the period's lead conversions credited by the model; a lead counts at every stage it has reached,
/// with the same credit, so the steps of one row are comparable. How far a lead got is its pipeline's (``LeadPipeline``):
/// its stage moves less those a correction took back, any deal counting as `opportunity`, and `won` while the lead is
/// won (a won deal, unless a later manual stage says otherwise). Junk counts the leads whose stage is junk.
public struct FunnelReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var key: String
        public var impressions: Int64?
        public var clicks: Int64?
        public var touches: Int64?
        /// Counts in millionths, apportioned per column so that rows plus unattributed equal the totals.
        public var leadsMicro: Int64
        public var qualifiedMicro: Int64
        public var opportunityMicro: Int64
        public var wonMicro: Int64
        public var junkMicro: Int64
    }

    public var options: ReportOptions
    /// Whether a `--by channel` report shares each campaign's impressions and clicks over the channels of its
    /// visits, as `report roas --by channel` shares spend (``ChannelDelivery``).
    public private(set) var sharesDelivery = false
    /// Sorted by leads descending, then key.
    public var rows: [Row]
    public var unattributed: Row
    public var totals: Row

    public static func scope(for options: ReportOptions) -> ReportScope {
        options.scope(needsPeriodTouches: true)
    }

    /// The steps a lead can reach, in order; `lost` and `junk` end a pipeline without advancing it.
    static func rank(_ stage: Stage) -> Int {
        switch stage {
        case .new: 0
        case .contacted: 1
        case .qualified: 2
        case .opportunity: 3
        case .won: 4
        case .lost, .junk: -1
        }
    }

    public init(data: ReportData, options: ReportOptions) throws(MissingExchangeRate) {
        try self.init(data: data, options: options, channelTouches: nil)
    }

    /// The report as `report funnel` and `leadtrail serve` build it: by channel, each campaign's impressions and
    /// clicks are shared over the channels of its touches in the period (`store.campaignChannelTouches`), as
    /// `report roas` shares them, so the rows add up to the totals.
    public static func assemble(
        options: ReportOptions, load: (ReportScope) throws -> ReportData,
        channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws -> FunnelReport {
        let scope = scope(for: options)
        let mix = options.dimension == .channel ? try channelTouches(scope) : nil
        return try FunnelReport(data: load(scope), options: options, channelTouches: mix)
    }

    public init(data: ReportData, options: ReportOptions, channelTouches: CampaignChannelTouches?)
        throws(MissingExchangeRate)
    {
        self.options = options
        let sharesDelivery = options.dimension == .channel && channelTouches != nil
        self.sharesDelivery = sharesDelivery
        let scope = Self.scope(for: options)
        var keys = data.keys
        let events = try ConversionEvent.events(of: .lead, in: data, options: options, scope: scope)
        // Where each lead got to: derived from its moves and its deals (LeadPipeline), as `lead list` shows it.
        let pipelines = data.pipelines()
        func reached(_ event: ConversionEvent) -> Int {
            guard let position = event.lead else { return 0 }
            return Self.rank(pipelines[position].furthest)
        }
        func ledger(_ keep: (ConversionEvent) -> Bool) -> CreditLedger {
            CreditLedger(
                events: events.filter(keep), data: data, keys: &keys, model: options.model, options: options)
        }
        let leads = ledger { _ in true }
        let qualified = ledger { reached($0) >= 2 }
        let opportunity = ledger { reached($0) >= 3 }
        let won = ledger { reached($0) >= 4 }
        let junk = ledger { $0.lead.map { pipelines[$0].stage == .junk } ?? false }

        let ownsSpend = options.dimension.ownsSpend
        var impressions: [Int32: Int64] = [:]
        var clicks: [Int32: Int64] = [:]
        var totalImpressions: Int64 = 0
        var totalClicks: Int64 = 0
        var shared = sharesDelivery ? channelTouches.map(ChannelDelivery.init(mix:)) : nil
        for row in data.spend {
            totalImpressions += row.impressions
            totalClicks += row.clicks
            if shared != nil {
                // Only the counts are shared here: the amount is not read, so no rate is needed.
                shared?.add(row, amount: 0, keys: &keys)
                continue
            }
            guard let spendKey = options.dimension.spendKey(of: row) else { continue }
            let key = keys.index(of: spendKey)
            impressions[key, default: 0] += row.impressions
            clicks[key, default: 0] += row.clicks
        }
        var touches: [Int32: Int64] = [:]
        for (key, count) in data.periodTouches?.touchesByKey ?? [:] { touches[key, default: 0] += count }

        var present = Set<Int32>()
        for (key, credit) in leads.byKey where credit.conversions != 0 { present.insert(key) }
        for (key, count) in touches where count > 0 { present.insert(key) }
        for (key, count) in impressions where count > 0 { present.insert(key) }
        for (key, count) in clicks where count > 0 { present.insert(key) }
        for (key, sums) in shared?.byKey ?? [:] where sums.contains(where: { $0 != 0 }) { present.insert(key) }
        // Key order, whatever the order the keys were met in: ties in rounding are settled by key.
        let order = present.sorted { ReportNumber.codePointsAscending(keys[$0], keys[$1]) }
        func apportion(_ ledger: CreditLedger) -> Apportioned {
            Apportioned(
                rows: order.map { ledger.byKey[$0]?.conversions ?? 0 }, unattributed: ledger.unattributed.conversions,
                total: ledger.totals.conversions, scale: ReportNumber.countScale)
        }
        let columns = [leads, qualified, opportunity, won, junk].map(apportion)
        let sharedImpressions = shared?.apportioned(.impressions, order: order, total: totalImpressions)
        let sharedClicks = shared?.apportioned(.clicks, order: order, total: totalClicks)
        rows = order.indices.map { index in
            let key = order[index]
            return Row(
                key: keys[key],
                impressions: sharedImpressions?.rows[index] ?? (ownsSpend ? impressions[key] ?? 0 : nil),
                clicks: sharedClicks?.rows[index] ?? (ownsSpend ? clicks[key] ?? 0 : nil), touches: touches[key] ?? 0,
                leadsMicro: columns[0].rows[index], qualifiedMicro: columns[1].rows[index],
                opportunityMicro: columns[2].rows[index], wonMicro: columns[3].rows[index],
                junkMicro: columns[4].rows[index])
        }
        rows.removeAll { row in
            (row.impressions ?? 0) == 0 && (row.clicks ?? 0) == 0 && (row.touches ?? 0) == 0 && row.leadsMicro == 0
                && row.qualifiedMicro == 0 && row.opportunityMicro == 0 && row.wonMicro == 0 && row.junkMicro == 0
        }
        // A day, week or month reads in time order (its keys sort so); other keys by leads.
        let chronological = options.dimension.isConversionTime
        rows.sort {
            $0.leadsMicro != $1.leadsMicro && !chronological
                ? $0.leadsMicro > $1.leadsMicro : ReportNumber.codePointsAscending($0.key, $1.key)
        }
        unattributed = Row(
            key: "(unattributed)", impressions: sharedImpressions?.unattributed, clicks: sharedClicks?.unattributed,
            touches: nil, leadsMicro: columns[0].unattributed,
            qualifiedMicro: columns[1].unattributed, opportunityMicro: columns[2].unattributed,
            wonMicro: columns[3].unattributed, junkMicro: columns[4].unattributed)
        totals = Row(
            key: "(total)", impressions: totalImpressions, clicks: totalClicks,
            touches: data.periodTouches?.touchCount ?? 0, leadsMicro: columns[0].total,
            qualifiedMicro: columns[1].total, opportunityMicro: columns[2].total, wonMicro: columns[3].total,
            junkMicro: columns[4].total)
    }

    /// The steps and their rates, in funnel order.
    private func fields(_ row: Row) -> [(String, OutputValue)] {
        func integer(_ value: Int64?) -> OutputValue { value.map(OutputValue.integer) ?? .null }
        func rate(_ numerator: Double?, _ denominator: Double?) -> OutputValue {
            guard let numerator, let denominator else { return .null }
            return ReportNumber.ratio(ReportNumber.divide(numerator, by: denominator))
        }
        let leads = Double(row.leadsMicro)
        return [
            ("impressions", integer(row.impressions)), ("clicks", integer(row.clicks)),
            ("visits", integer(row.touches)), ("leads", ReportNumber.count(micro: row.leadsMicro)),
            ("qualified", ReportNumber.count(micro: row.qualifiedMicro)),
            ("opportunity", ReportNumber.count(micro: row.opportunityMicro)),
            ("won", ReportNumber.count(micro: row.wonMicro)), ("junk", ReportNumber.count(micro: row.junkMicro)),
            ("click_rate", rate(row.clicks.map(Double.init), row.impressions.map(Double.init))),
            // Visits (touches) per platform click, and leads per visit: not `lead_rate`, which is leads per platform
            // click in every report (docs/reports.md, "One word, one meaning").
            ("visit_rate", rate(row.touches.map(Double.init), row.clicks.map(Double.init))),
            ("visit_lead_rate", rate(leads / ReportNumber.countScale, row.touches.map(Double.init))),
            ("qualified_rate", rate(Double(row.qualifiedMicro), leads)),
            ("opportunity_rate", rate(Double(row.opportunityMicro), Double(row.qualifiedMicro))),
            ("won_rate", rate(Double(row.wonMicro), Double(row.opportunityMicro))),
            ("junk_share", rate(Double(row.junkMicro), leads)),
        ]
    }

    public func rendered(as format: OutputFormat) -> String {
        let all = rows + [unattributed, totals]
        switch format {
        case .json:
            let object = OutputValue.object(
                options.header(report: "funnel", conversion: .lead, model: options.model)
                    + (sharesDelivery ? [("delivery_shared_by", .string("touches"))] : []) + [
                    ("rows", .array(rows.map { .object([("key", .string($0.key))] + fields($0)) })),
                    (
                        "unattributed",
                        .object(
                            fields(unattributed).filter {
                                !(sharesDelivery ? ["visits"] : ["impressions", "clicks", "visits"]).contains($0.0)
                            })
                    ),
                    ("totals", .object(fields(totals))),
                ])
            return object.prettyJSON + "\n"
        case .csv:
            return Listing(
                columns: [options.dimension.rawValue] + fields(totals).map(\.0),
                rows: all.map { [.string($0.key)] + fields($0).map(\.1) }
            ).csv
        case .table:
            let shown = [
                "impressions", "clicks", "visits", "leads", "qualified", "opportunity", "won", "visit_lead_rate",
                "qualified_rate", "won_rate", "junk_share",
            ]
            var listing = Listing(
                columns: [options.dimension.rawValue] + shown,
                rows: all.map { row in
                    let byName = Dictionary(fields(row), uniquingKeysWith: { first, _ in first })
                    return [.string(row.key)] + shown.map { ReportNumber.forTable(byName[$0] ?? .null, column: $0) }
                })
            listing.groupsThousands = true
            listing.nullMark = "—"
            return "Funnel by \(options.dimension.rawValue), leads credited by \(options.model.rawValue) · "
                + "\(options.periodText)"
                + (sharesDelivery
                    ? "\nImpressions and clicks: each campaign's shared over the channels of its visits in the period"
                    : "") + "\n\n" + listing.table
        }
    }
}
