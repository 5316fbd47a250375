/// An ad platform that can be told which leads became customers, so that it bids for buyers, not form-fillers.
public enum ConversionPlatform: String, CaseIterable, Sendable {
    /// Yandex Metrica's offline conversions CSV (which Yandex Direct optimises on).
    case yandexMetrica = "yandex-metrica"
    /// Meta's Conversions API events, one JSON object a line.
    case meta
    /// Google Ads' offline click conversions CSV.
    case googleAds = "google-ads"
    /// VK Ads' offline events for its pixel (the Top.Mail.Ru counter).
    case vk

    /// The days after its click (or visit) within which the platform still accepts a conversion, counted both to the
    /// conversion and to the upload (`--as-of`): Google refuses a click older than its click-through window (90 days
    /// at most) at import, and Metrica adds conversions to a visit for 21 days after it. Nil when the platform
    /// documents none. Meta's limit counts back from the upload to the event instead (see ``uploadWindowDays``).
    public var clickWindowDays: Int? {
        switch self {
        case .yandexMetrica: 21
        case .googleAds: 90
        case .meta, .vk: nil
        }
    }

    /// The days before the upload within which an event must have happened; nil when the platform has no such rule.
    public var uploadWindowDays: Int? {
        self == .meta ? 7 : nil
    }
}

/// What is reported back as a conversion.
public enum ExportEvent: String, CaseIterable, Sendable {
    /// A lead was created (at its creation time).
    case lead
    /// A lead first reached `qualified` or a later stage, or won a deal (at that moment).
    case qualified
    /// A deal was won (at its close, with its amount).
    case won

    /// The event's name on a platform unless `--name` gives another: Meta's standard events where they exist.
    public func defaultName(on platform: ConversionPlatform) -> String {
        switch (platform, self) {
        case (.meta, .lead): "Lead"
        case (.meta, .qualified): "QualifiedLead"
        case (.meta, .won): "Purchase"
        default: rawValue
        }
    }
}

/// Which Yandex identifier a Metrica file carries: Metrica takes one kind per upload.
public enum YandexIdentifier: String, CaseIterable, Sendable {
    case clientID = "client-id"
    case yclid
}
