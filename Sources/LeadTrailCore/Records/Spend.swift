/// What one campaign cost on one calendar day, with its delivery figures.
public struct Spend: Hashable, Sendable {
    public var date: CalendarDate
    /// The campaign key (normalised `utm_campaign`).
    public var campaign: String
    public var amount: Money
    public var platform: Platform?
    /// The campaign's name as the file wrote it (`Весна 2026`), for a campaign the row creates; the key otherwise.
    public var campaignName: String?
    /// The platform a file's kind implies when its rows name none (a Meta export is Facebook's): it names a campaign
    /// the row creates, or one created automatically that nothing has placed yet (`other`), and never overrides.
    public var fallbackPlatform: Platform?
    public var impressions: Int64
    public var reach: Int64
    public var clicks: Int64
    /// Likes + comments + shares + saves.
    public var engagements: Int64

    public init(
        date: CalendarDate, campaign: String, amount: Money, platform: Platform? = nil, impressions: Int64 = 0,
        reach: Int64 = 0, clicks: Int64 = 0, engagements: Int64 = 0, campaignName: String? = nil,
        fallbackPlatform: Platform? = nil
    ) {
        self.campaignName = campaignName
        self.fallbackPlatform = fallbackPlatform
        self.date = date
        self.campaign = campaign
        self.amount = amount
        self.platform = platform
        self.impressions = impressions
        self.reach = reach
        self.clicks = clicks
        self.engagements = engagements
    }
}
