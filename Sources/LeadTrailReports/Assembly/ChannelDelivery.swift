public import LeadTrailCore

/// A campaign's delivery in the period shared over the channels of its touches (SPEC "Spend"): the one rule behind
/// `report roas --by channel` and `report funnel --by channel`.
///
/// Each spend row's figures (amount in the report's currency, impressions, reach, clicks, engagements) go to the
/// channels of the campaign's touches dated in the period, in proportion to their count; a campaign with no touch
/// in the period puts them in ``unattributed``, so each column adds up to the totals. Figures stay fractional here:
/// the reports apportion them (whole numbers and minor units by largest remainder).
struct ChannelDelivery {
    /// The figures in ``Figure`` order.
    typealias Figures = [Double]

    /// Where each figure sits in ``Figures``.
    enum Figure: Int, CaseIterable {
        case spend, impressions, reach, clicks, engagements
    }

    /// Channel key index → its share of every campaign's figures.
    private(set) var byKey: [Int32: Figures] = [:]
    /// The figures of campaigns with no touch in the period.
    private(set) var unattributed: Figures = Array(repeating: 0, count: Figure.allCases.count)

    private let mix: CampaignChannelTouches

    init(mix: CampaignChannelTouches) {
        self.mix = mix
    }

    /// Shares out one spend row; `amount` is its money already converted to the report's currency.
    mutating func add(_ row: Spend, amount: Double, keys: inout KeyTable) {
        let figures = [
            amount, Double(row.impressions), Double(row.reach), Double(row.clicks), Double(row.engagements),
        ]
        let byChannel = mix.counts[row.campaign] ?? [:]
        let total = byChannel.values.reduce(0, +)
        guard total > 0 else {
            for index in figures.indices { unattributed[index] += figures[index] }
            return
        }
        for (channel, count) in byChannel where count > 0 {
            let key = keys.index(of: channel.rawValue)
            let share = Double(count) / Double(total)
            var sums = byKey[key] ?? Array(repeating: 0, count: figures.count)
            for index in figures.indices { sums[index] += figures[index] * share }
            byKey[key] = sums
        }
    }

    /// A channel's share of one figure.
    func value(_ figure: Figure, of key: Int32) -> Double { byKey[key]?[figure.rawValue] ?? 0 }

    /// Whole numbers of a count (impressions, reach, clicks, engagements) for `order`'s rows and the unattributed
    /// row, adding up to `total` by largest remainder.
    func apportioned(_ figure: Figure, order: [Int32], total: Int64) -> Apportioned {
        Apportioned(
            rows: order.map { value(figure, of: $0) }, unattributed: unattributed[figure.rawValue], total: Double(total))
    }
}
