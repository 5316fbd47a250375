/// What a report groups credit by: `--by campaign|channel|platform|source|source_medium|content|term|month|week|day`.
public enum ReportDimension: String, CaseIterable, Hashable, Sendable {
    case campaign, channel, platform, source
    case sourceMedium = "source_medium"
    /// `utm_content`: the creative.
    case content
    case term
    case month, week, day

    /// True for `month`, `week` and `day`, whose key is the conversion's date rather than a property of the touch.
    public var isConversionTime: Bool {
        switch self {
        case .month, .week, .day: true
        default: false
        }
    }

    /// The key every report prints for a touch with no value in the dimension.
    public static let noneKey = "(none)"

    /// The key of a touch outside the one campaign a scope is limited to (``ReportScope/onlyCampaign``).
    public static let otherCampaignsKey = "(other campaigns)"

    /// Between a campaign and a value in the keys of a scope split by campaign (``ReportScope/splitByCampaign``): the
    /// unit separator, which no normalised key contains.
    public static let campaignSeparator: Character = "\u{1F}"

    /// The key of a calendar date in a time dimension: `2026-10`, ISO `2026-W40`, `2026-10-05`; nil for the others.
    public func key(of date: CalendarDate) -> String? {
        switch self {
        case .day: return date.description
        case .month: return String(date.description.prefix(7))
        case .week:
            let week = date.isoWeek
            return "\(week.year)-W\(week.week < 10 ? "0" : "")\(week.week)"
        default: return nil
        }
    }

    /// Whether rows of this dimension own spend and delivery (impressions, reach, clicks, engagements): a campaign
    /// and a platform own theirs, and a day, week or month owns that of its days (finance's "ROAS by month"). Other
    /// dimensions carry them in totals (or, `--by channel` in `report roas`, share them over touches).
    public var ownsSpend: Bool { spendKey(of: nil) != nil }

    /// The row a day's spend of a campaign belongs to, nil for a dimension whose rows own no spend (``ownsSpend``).
    public func spendKey(of spend: Spend) -> String? { spendKey(of: .some(spend)) }

    private func spendKey(of spend: Spend?) -> String? {
        switch self {
        case .campaign: spend.map(\.campaign) ?? ""
        case .platform: spend.map { $0.platform?.rawValue ?? Self.noneKey } ?? ""
        case .month, .week, .day: spend.map { key(of: $0.date) ?? Self.noneKey } ?? ""
        case .channel, .source, .sourceMedium, .content, .term: nil
        }
    }

    /// The key of a touch's own values: campaign, channel, platform and the UTM fields, normalised.
    ///
    /// `source` is `utm_source` only, never the referrer host; `source_medium` joins two parts with `(none)` for a
    /// missing one. Time dimensions use ``key(of:)`` on the conversion's date instead.
    public func key(campaign: String?, platform: Platform?, channel: Channel, utm: UTM) -> String {
        switch self {
        case .campaign: Normalize.key(campaign) ?? Self.noneKey
        case .channel: channel.rawValue
        case .platform: platform?.rawValue ?? Self.noneKey
        case .source: Normalize.key(utm.source) ?? Self.noneKey
        case .sourceMedium:
            "\(Normalize.key(utm.source) ?? Self.noneKey) / \(Normalize.key(utm.medium) ?? Self.noneKey)"
        case .content: Normalize.key(utm.content) ?? Self.noneKey
        case .term: Normalize.key(utm.term) ?? Self.noneKey
        case .month, .week, .day: Self.noneKey
        }
    }
}
