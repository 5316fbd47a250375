/// How many touches each campaign had on each channel in a period: what allots a campaign's spend to channels.
///
/// The SPEC keeps spend per campaign (and its platform) only, so a channel goal on a spend-based metric shares each
/// campaign's spend and delivery among channels in proportion to the campaign's touches on each channel.
public struct CampaignChannelTouches: Sendable, Equatable {
    /// Campaign key → channel → touches.
    public var counts: [String: [Channel: Int]]

    public init(_ counts: [String: [Channel: Int]] = [:]) {
        self.counts = counts
    }

    /// The share of a campaign's touches that were on a channel; nil when the campaign had no touch at all.
    public func share(of channel: Channel, inCampaign campaign: String) -> Double? {
        guard let byChannel = counts[campaign] else { return nil }
        let total = byChannel.values.reduce(0, +)
        guard total > 0 else { return nil }
        return Double(byChannel[channel] ?? 0) / Double(total)
    }
}
