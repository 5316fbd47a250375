internal import LeadTrailCore

/// Remembers the channel of each marketing context seen in one file.
///
/// A clicks file repeats a handful of UTM/referrer combinations thousands of times, and `Channel.classify`
/// (normalising, matching site lists) costs more than everything else a click needs. The channel depends on the
/// click id's parameter only, never its value, so the key leaves the value out. Bounded: cleared past 50,000 keys.
final class ChannelCache {
    private struct Key: Hashable {
        var utm: UTM
        var referrer: String?
        var clickParameter: String?
    }

    private var channels: [Key: Channel] = [:]

    func channel(utm: UTM, referrer: String?, clickID: ClickID?) -> Channel {
        let key = Key(utm: utm, referrer: referrer, clickParameter: clickID?.parameter)
        if let known = channels[key] { return known }
        // Classify with a value-free click id so the cached answer cannot depend on the value.
        let probe = clickID.map { ClickID(parameter: $0.parameter, value: "x") }
        let channel = Channel.classify(utm: utm, referrer: referrer, clickID: probe)
        if channels.count >= 50_000 { channels.removeAll(keepingCapacity: true) }
        channels[key] = channel
        return channel
    }
}
