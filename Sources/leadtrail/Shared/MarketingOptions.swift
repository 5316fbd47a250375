import ArgumentParser
import LeadTrailCore

/// The marketing context of a visit or a request: a landing URL and explicit UTM values (explicit values win).
struct MarketingOptions: ParsableArguments {
    @Option(help: "The landing page URL; its UTM tags and click id are read.") var url: String?
    @Option(help: "The referring page or host.") var referrer: String?
    @Option(name: .customLong("utm-source")) var source: String?
    @Option(name: .customLong("utm-medium")) var medium: String?
    @Option(name: .customLong("utm-campaign")) var campaign: String?
    @Option(name: .customLong("utm-content")) var content: String?
    @Option(name: .customLong("utm-term")) var term: String?

    /// The URL's values, each overridden by an explicit option.
    var tracked: TrackedURL {
        var tracked = url.map(TrackedURL.init(parsing:)) ?? TrackedURL(parsing: "")
        tracked.utm = tracked.utm.overridden(
            by: UTM(source: source, medium: medium, campaign: campaign, content: content, term: term))
        return tracked
    }

    var referrerValue: String? { referrer.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() } }
}
