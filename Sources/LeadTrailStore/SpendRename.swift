public import LeadTrailCore

/// Days of one ad platform's campaign stored under one name that a file names otherwise: the campaign was renamed in
/// the platform, whose exports name every day by the campaign's current name (docs/presets.md, "A renamed campaign").
///
/// Spend is keyed by day and campaign name, so without the platform's campaign id those days would be stored a second
/// time under the new name and counted twice.
public struct SpendRename: Sendable, Equatable {
    /// The platform's own id of the campaign (Yandex Direct `CampaignId`, VK Ads `ID кампании`, Meta `Campaign ID`).
    public var platformCampaignID: String
    /// The platform the days are stored with.
    public var platform: String
    /// The campaign's name the days are stored under, as the campaign keeps it.
    public var storedName: String
    /// The campaign key the days are stored under.
    public var storedKey: String
    /// The name the file gives the campaign, as it writes it.
    public var newName: String
    /// The campaign key the file's rows are stored under.
    public var newKey: String
    /// The days stored under the old name that the file has too, in order (`YYYY-MM-DD`).
    public var days: [String]

    public init(
        platformCampaignID: String, platform: String, storedName: String, storedKey: String, newName: String,
        newKey: String, days: [String]
    ) {
        self.platformCampaignID = platformCampaignID
        self.platform = platform
        self.storedName = storedName
        self.storedKey = storedKey
        self.newName = newName
        self.newKey = newKey
        self.days = days
    }

    /// The import summary's line for a rename the user accepted.
    public var note: String {
        "campaign \(platformCampaignID) renamed '\(storedName)' → '\(newName)': \(days.count) stored"
            + " \(days.count == 1 ? "day" : "days") replaced (\(Self.ranges(days)))"
    }

    /// The one-line refusal of renames not accepted: the first campaign's id, both names and days, and what to do.
    static func refusal(_ renames: [SpendRename]) -> String {
        guard let first = renames.first else { return "a campaign of the file is stored under another name" }
        let days = first.days.count == 1 ? "1 day" : "\(first.days.count) days"
        let others = renames.count - 1
        let more = others == 0 ? "" : " (and \(others) more renamed \(others == 1 ? "campaign" : "campaigns"))"
        return "campaign \(first.platformCampaignID) (\(first.platform)) has \(days) of spend stored as"
            + " '\(first.storedName)' (\(ranges(first.days))) and this file names it '\(first.newName)': importing it"
            + " would count those days twice\(more); if the campaign was renamed, give --accept-renames to move the days"
            + " to '\(first.newName)' (touches tagged utm_campaign '\(first.storedKey)' then get none of that spend),"
            + " else undo the import that stored them (imports list)"
    }

    /// The days as runs: `2026-10-01…2026-10-14, 2026-10-20`; more than six runs end with `…`.
    static func ranges(_ days: [String]) -> String {
        var runs: [(first: String, last: String)] = []
        var previous: Int?
        for day in days {
            let number = (try? CalendarDate(parsing: day))?.dayNumber
            if let number, let previous, number == previous + 1, !runs.isEmpty {
                runs[runs.count - 1].last = day
            } else {
                runs.append((day, day))
            }
            previous = number
        }
        let shown = runs.prefix(6).map { $0.first == $0.last ? $0.first : "\($0.first)…\($0.last)" }
        return shown.joined(separator: ", ") + (runs.count > 6 ? ", …" : "")
    }
}
