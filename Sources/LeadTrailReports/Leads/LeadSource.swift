public import Foundation
public import LeadTrailCore

/// Where a lead came from, as `lead list` shows it: the campaign and channel of its attributed first touch — the
/// first touch of its journey in the lookback window before it, the touch `first_touch` credits, found by the same
/// journey engine as every report (identity, same-session rule).
public struct LeadSource: Sendable, Hashable {
    /// The campaign key, or nil when the first touch has none.
    public var campaign: String?
    public var channel: Channel

    public init(campaign: String?, channel: Channel) {
        self.campaign = campaign
        self.channel = channel
    }

    /// The source of each lead that has a touch in its lookback window, by lead id.
    ///
    /// `load` is any store's `reportData`; it is asked twice (by campaign, by channel) over the days the leads were
    /// created in.
    public static func of(
        _ leads: [Lead], timeZone: TimeZone, lookbackDays: Int = 90, load: (ReportScope) throws -> ReportData
    ) throws -> [Int64: LeadSource] {
        guard let first = leads.map(\.createdAt).min(), let last = leads.map(\.createdAt).max() else { return [:] }
        let wanted = Set(leads.map(\.id))
        func firstTouchKeys(_ dimension: ReportDimension) throws -> [Int64: String] {
            let data = try load(
                ReportScope(
                    dimension: dimension, from: first.calendarDate(in: timeZone), to: last.calendarDate(in: timeZone),
                    timeZone: timeZone, lookbackDays: lookbackDays, needsPeriodTouches: false))
            let lookback = Int64(lookbackDays) * 86_400_000_000
            var keys: [Int64: String] = [:]
            for lead in data.leads where wanted.contains(lead.id) {
                let journey = lead.journeyRange(
                    after: Timestamp(microseconds: lead.createdAt.microseconds - lookback), through: lead.createdAt)
                if let position = journey.first { keys[lead.id] = data.keys[lead.touches[position].key] }
            }
            return keys
        }
        let campaigns = try firstTouchKeys(.campaign)
        var sources: [Int64: LeadSource] = [:]
        for (id, key) in try firstTouchKeys(.channel) {
            guard let channel = Channel(rawValue: key) else { continue }
            let campaign = campaigns[id].flatMap { $0 == ReportDimension.noneKey ? nil : $0 }
            sources[id] = LeadSource(campaign: campaign, channel: channel)
        }
        return sources
    }
}
