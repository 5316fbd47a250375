public import Foundation
public import LeadTrailCore

/// `goal status`: every goal's actual against its target on a day, with the share of its period elapsed, a pace
/// projection to the period's end and a ``GoalStatus``.
///
/// A goal's actual is `report roas` over `[from, min(as-of, to)]` with the chosen model (last non-direct by
/// default): the totals for a goal on everything, the campaign's row of a by-campaign report, the channel's row of
/// a by-channel report. Money is converted into the goal's currency (a missing rate marks that goal "no rate", naming
/// the pair and the date; the other goals are still judged); ratio goals are computed in the base currency.
///
/// The SPEC keeps spend (and impressions, reach, clicks, engagements) per campaign only, so for a channel goal on a
/// metric that needs them each campaign's spend rows are allotted to channels in proportion to the campaign's
/// touches on each channel over the same days (``CampaignChannelTouches``); a campaign with no touch in those days
/// gives its spend to no channel.
///
/// ```swift
/// let report = try GoalStatusReport(
///     goals: try store.goals(), asOf: today, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
///     baseCurrency: settings.currency, load: store.reportData, channelTouches: store.campaignChannelTouches)
/// for row in report.rows where row.status == .offTrack { print(row.scopeText, row.metric.rawValue) }
/// ```
public struct GoalStatusReport: Sendable {
    public var asOf: CalendarDate
    public var timeZoneName: String
    public var model: AttributionModel
    /// One per goal, in the order given.
    public var rows: [GoalProgress]

    /// Evaluates every goal on `asOf`.
    ///
    /// - Parameters:
    ///   - load: what the store loads for a report scope (`store.reportData`); called once per distinct period and
    ///     dimension, not once per goal.
    ///   - channelTouches: each campaign's touches per channel in a scope's period
    ///     (`store.campaignChannelTouches`); called only for channel goals on spend-based metrics.
    /// A goal whose money needs a rate that was never set does not stop the others: its row has the status
    /// ``GoalStatus/noRate`` and the missing pair in ``GoalProgress/missingRate`` (``missingRates`` gathers them).
    ///
    /// - Throws: ``ReportSumError`` when the period's sums leave the exact range, or what the closures throw.
    public init(
        goals: [Goal], asOf: CalendarDate, timeZone: TimeZone, timeZoneName: String, baseCurrency: Currency,
        model: AttributionModel = .lastNonDirect, load: (ReportScope) throws -> ReportData,
        channelTouches: (ReportScope) throws -> CampaignChannelTouches
    ) throws {
        self.asOf = asOf
        self.timeZoneName = timeZoneName
        self.model = model
        struct Period: Hashable {
            var from: Int
            var to: Int
            var channel: Bool
        }
        var loaded: [Period: ReportData] = [:]
        var mixes: [Period: CampaignChannelTouches] = [:]
        var rows: [GoalProgress] = []
        for goal in goals {
            let currency = goal.target.currency ?? baseCurrency
            let through = min(asOf, goal.to)
            let started = asOf >= goal.from
            let ended = asOf >= goal.to
            let digits = goal.metric.isMoney ? currency.minorDigits : 6
            let elapsedDays = min(max(asOf.dayNumber - goal.from.dayNumber + 1, 0), goal.days)
            let share = Double(elapsedDays) / Double(goal.days)

            var actual: Double?
            var unbounded = false
            var missingRate: MissingExchangeRate?
            if started {
                do {
                    let isChannel: Bool
                    if case .channel = goal.scope { isChannel = true } else { isChannel = false }
                    let options = ReportOptions(
                        from: goal.from, to: through, timeZone: timeZone, timeZoneName: timeZoneName, model: model,
                        dimension: isChannel ? .channel : .campaign, conversion: .sale, currency: currency)
                    let period = Period(from: goal.from.dayNumber, to: through.dayNumber, channel: isChannel)
                    let scope = RoasReport.scope(for: options)
                    let data: ReportData
                    if let known = loaded[period] {
                        data = known
                    } else {
                        data = try load(scope)
                        loaded[period] = data
                    }
                    try data.checkSums(in: currency, timeZone: timeZone)
                    let report = try RoasReport(data: data, options: options)
                    var inputs: MetricInputs
                    switch goal.scope {
                    case .all:
                        inputs = report.totals.metricInputs
                    case .campaign(let key):
                        inputs = report.rows.first { $0.key == key }?.figures.metricInputs ?? .zero
                    case .channel(let channel):
                        inputs = report.rows.first { $0.key == channel.rawValue }?.figures.metricInputs ?? .zero
                        if goal.metric.needsDelivery {
                            let mix: CampaignChannelTouches
                            if let known = mixes[period] {
                                mix = known
                            } else {
                                mix = try channelTouches(scope)
                                mixes[period] = mix
                            }
                            try Self.allot(
                                data.spend, to: channel, by: mix, in: currency, rates: data.rates, into: &inputs)
                        }
                    }
                    actual = inputs.value(of: goal.metric)
                    unbounded = actual == nil && goal.metric.isCost && (inputs.spend ?? 0) > 0
                } catch let missing as MissingExchangeRate {
                    missingRate = missing
                }
            }

            // Judged as printed: money in minor units, anything else in millionths.
            func scaled(_ value: Double) -> Int64 {
                goal.metric.isMoney
                    ? Money.roundedMinorUnits(ReportNumber.snapped(value)) : GoalProgress.scaled(value, digits: 6)
            }
            let target: Int64 =
                switch goal.target {
                case .money(let money): money.minorUnits
                case .decimal: GoalProgress.scaled(goal.target.value, digits: 6)
                }
            let actualScaled = actual.map(scaled)
            let projectionScaled = actual.map { value in
                goal.metric.isAdditive && !ended && elapsedDays > 0
                    ? scaled(value * Double(goal.days) / Double(elapsedDays)) : scaled(value)
            }
            let status =
                missingRate == nil
                ? GoalStatus.judge(
                    metric: goal.metric, target: target, actual: actualScaled, projection: projectionScaled,
                    started: started, ended: ended, unbounded: unbounded) : .noRate
            rows.append(
                GoalProgress(
                    goal: goal, currency: goal.metric.isMoney ? currency : nil, through: started ? through : nil,
                    target: GoalProgress.unscaled(target, digits: digits),
                    actual: actualScaled.map { GoalProgress.unscaled($0, digits: digits) }, elapsedShare: share,
                    projection: projectionScaled.map { GoalProgress.unscaled($0, digits: digits) }, status: status,
                    unbounded: unbounded, missingRate: missingRate))
        }
        self.rows = rows
    }

    /// The goals that could not be judged for want of an exchange rate, as one error naming them, or nil.
    public var missingRates: GoalRatesMissing? {
        let missing = rows.compactMap { row in row.missingRate.map { (row.goal.id, $0) } }
        guard let first = missing.first else { return nil }
        return GoalRatesMissing(first: first.1, goals: missing.map(\.0))
    }

    /// Adds each campaign's spend and delivery, in `currency`, to a channel's figures in proportion to the
    /// campaign's touches on the channel.
    static func allot(
        _ spend: [Spend], to channel: Channel, by mix: CampaignChannelTouches, in currency: Currency,
        rates: ExchangeRates, into inputs: inout MetricInputs
    ) throws(MissingExchangeRate) {
        var amount = 0.0
        var impressions = 0.0
        var reach = 0.0
        var clicks = 0.0
        var engagements = 0.0
        for row in spend {
            guard let share = mix.share(of: channel, inCampaign: row.campaign), share > 0 else { continue }
            amount += try rates.convert(row.amount, to: currency, on: row.date) * share
            impressions += Double(row.impressions) * share
            reach += Double(row.reach) * share
            clicks += Double(row.clicks) * share
            engagements += Double(row.engagements) * share
        }
        inputs.spend = amount
        inputs.impressions = impressions
        inputs.reach = reach
        inputs.clicks = clicks
        inputs.engagements = engagements
    }
}

/// `goal status` or the summary judged every goal it could, but some needed an exchange rate that was never set:
/// one line naming the first missing pair and every goal it left unjudged.
public struct GoalRatesMissing: Error, Sendable, CustomStringConvertible {
    /// The first goal's missing rate.
    public var first: MissingExchangeRate
    /// The ids of every goal left without a status.
    public var goals: [Int64]

    public var description: String {
        let which = goals.count == 1 ? "goal \(goals[0])" : "goals \(goals.map(String.init).joined(separator: ", "))"
        return "\(which) could not be judged: \(first)"
    }
}
