public import Foundation
public import LeadTrailCore

extension Timestamp {
    /// `2026-10-01 12:30` in the zone: how tables and CSV print a time, under a column that names the zone
    /// (``Listing/localTimeColumn(_:in:json:)``).
    public func localMinute(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(microseconds) / 1_000_000))
        let shifted = Timestamp(microseconds: microseconds + Int64(offset) * 1_000_000).rfc3339
        // Up to the minutes: everything before the seconds' colon (a year may have five digits).
        let minutes = shifted.lastIndex(of: ":").map { shifted[..<$0] } ?? shifted[...]
        return String(minutes).replacingOccurrences(of: "T", with: " ")
    }
}

extension Listing {
    /// The name of a column of local times: in a table or CSV it says the zone (`created_at (Europe/Moscow)`), so
    /// no one reads a bare local time as another zone's; JSON keeps the plain name, its times being RFC 3339 UTC.
    public static func localTimeColumn(_ name: String, in zone: TimeZone, json: Bool) -> String {
        json ? name : "\(name) (\(zoneName(zone)))"
    }

    /// The zone as people set it: `Europe/Moscow`, and `UTC` rather than Foundation's `GMT`.
    public static func zoneName(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? "UTC" : zone.identifier
    }
}
