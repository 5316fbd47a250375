public import LeadTrailCore

/// One day of one campaign's spend, validated, ready for the store (keyed by date and normalised campaign).
///
/// Generic fields: **`date`** (YYYY-MM-DD), **`campaign`**, **`amount`**, **`currency`**, `platform`,
/// `impressions`, `reach`, `clicks`, `engagements` (whole numbers ≥ 0, 0 when absent), `campaign_id` (the platform's
/// own id of the campaign, as text).
public struct SpendRecord: Hashable, Sendable {
    /// The calendar day of the spend.
    public var date: CalendarDate
    /// The campaign as written, trimmed (for display and an auto-created campaign's name).
    public var campaign: String
    /// The campaign key: the normalised (trimmed, lowercased) campaign.
    public var campaignKey: String
    /// Exact, non-negative.
    public var amount: Money
    /// The platform, when the row names one; it overrides an auto-created campaign's guess.
    public var platform: Platform?
    /// The platform the file's kind implies when the row names none (see ``Spend/fallbackPlatform``).
    public var fallbackPlatform: Platform?
    /// Impressions, 0 when absent.
    public var impressions: Int64
    /// Unique reach, 0 when absent.
    public var reach: Int64
    /// Clicks (link clicks for Meta), 0 when absent.
    public var clicks: Int64
    /// Likes + comments + shares + saves, 0 when absent.
    public var engagements: Int64
    /// The ad platform's own id of the campaign, when the file carries one (`CampaignId`, `ID кампании`, `Campaign
    /// ID`): a renamed campaign's days stored under its old name are told by it (docs/presets.md).
    public var platformCampaignID: String?

    /// The longest platform campaign id kept (Meta's are 18 digits, Google's and Yandex's 8–11).
    static let maxCampaignIDLength = 64

    /// Validates a generic-format spend object.
    ///
    /// - Parameter isTable: the record is a CSV/TSV row: the Russian number forms `1 234,50` and `1 234` and the
    ///   day forms `01.10.2026` and `01/10/2026` (in the order the file or `--date-order` decides) are accepted.
    public init(generic object: JSONObject, options: ImportOptions, isTable: Bool = false) throws(RecordError) {
        let dateText = try object.requiredText("date")
        do {
            // A table's cell may be written as Excel writes days (`01.10.2026`, `01/10/2026`), as a preset's are.
            date = try CalendarDate(parsing: isTable ? SpendRow.isoDate(dateText, options) : dateText)
        } catch {
            throw RecordError(field: "date", error)
        }
        campaign = try object.requiredText("campaign")
        campaignKey = Normalize.key(campaign) ?? campaign
        guard let amountText = try object.amountText("amount") else { throw .missing("amount") }
        let currency = try object.recordCurrency(options)
        do {
            amount = try Money.parse(amountText, currency: currency, allowsLocaleForms: isTable)
        } catch {
            throw RecordError(field: "amount", error)
        }
        if let text = try object.text("platform") {
            guard let parsed = Platform(rawValue: text.lowercased()) else {
                throw RecordError(
                    field: "platform",
                    ValidationError.unknownValue(text, field: "platform", allowed: Platform.allCases.map(\.rawValue)))
            }
            platform = parsed
        } else if let given = options.platform {
            // `import spend --platform`: the platform of every row of a file that names none (a generic export).
            platform = given
        }
        impressions = try object.count("impressions", allowsSpaces: isTable)
        reach = try object.count("reach", allowsSpaces: isTable)
        clicks = try object.count("clicks", allowsSpaces: isTable)
        engagements = try object.count("engagements", allowsSpaces: isTable)
        if let id = try object.text("campaign_id"), id != "--" {
            guard id.count <= Self.maxCampaignIDLength else {
                throw RecordError(
                    field: "campaign_id",
                    message: "longer than \(Self.maxCampaignIDLength) characters: not a platform's campaign id")
            }
            platformCampaignID = id
        }
    }

    /// The spend row this record stores.
    public var spend: Spend {
        Spend(
            date: date, campaign: campaignKey, amount: amount, platform: platform, impressions: impressions,
            reach: reach, clicks: clicks, engagements: engagements, campaignName: campaign,
            fallbackPlatform: platform == nil ? fallbackPlatform : nil, platformCampaignID: platformCampaignID)
    }
}
