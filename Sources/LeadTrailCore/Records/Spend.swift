/// What one campaign cost on one calendar day, with its delivery figures.
public struct Spend: Hashable, Sendable {
    public var date: CalendarDate
    /// The campaign key (normalised `utm_campaign`).
    public var campaign: String
    public var amount: Money
    /// The platform the day of spend is stored with: the row's own, else the one its file's kind implies.
    public var platform: Platform?
    /// The campaign's name as the file wrote it (`Весна 2026`), for a campaign the row creates; the key otherwise.
    public var campaignName: String?
    /// The platform a file's kind implies when its rows name none (a Meta export is Facebook's): the day is stored with
    /// it (so a VK or Yandex row of the same campaign and day is refused as for any platform), but for the campaign it
    /// only names one the row creates, or one created automatically that nothing has placed yet (`other`).
    public var fallbackPlatform: Platform?
    public var impressions: Int64
    public var reach: Int64
    public var clicks: Int64
    /// Likes + comments + shares + saves.
    public var engagements: Int64
    /// The ad platform's own id of the campaign (Yandex Direct `CampaignId`, VK Ads `ID кампании`, Meta `Campaign ID`),
    /// when the export carries one: it tells a renamed campaign's days stored under its old name from new ones.
    public var platformCampaignID: String?

    /// The platform the row names itself, which overrides an auto-created campaign's guess: nil when the row names
    /// none or only the one its file implies (``fallbackPlatform``).
    public var namedPlatform: Platform? { fallbackPlatform == nil ? platform : nil }

    public init(
        date: CalendarDate, campaign: String, amount: Money, platform: Platform? = nil, impressions: Int64 = 0,
        reach: Int64 = 0, clicks: Int64 = 0, engagements: Int64 = 0, campaignName: String? = nil,
        fallbackPlatform: Platform? = nil, platformCampaignID: String? = nil
    ) {
        self.platformCampaignID = platformCampaignID
        self.campaignName = campaignName
        self.fallbackPlatform = fallbackPlatform
        self.date = date
        self.campaign = campaign
        self.amount = amount
        self.platform = platform ?? fallbackPlatform
        self.impressions = impressions
        self.reach = reach
        self.clicks = clicks
        self.engagements = engagements
    }
}
