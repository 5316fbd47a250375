public import Foundation

extension Timestamp {
    /// This instant as a clock in `zone` shows it, the way a user types it: `2026-10-04 10:00`; seconds only when they
    /// are not zero (`10:00:30`, `10:00:00.5`).
    ///
    /// Errors about times a user gave (`--at`, a file's `closed_at`) quote them so, in the configured zone, never in
    /// UTC: a rep in Moscow who typed `15:00` must not read `12:00Z` back.
    public func localText(in zone: TimeZone) -> String {
        let seconds = CivilCalendar.floorDivide(microseconds, by: 1_000_000).quotient
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        let (shifted, overflow) = microseconds.addingReportingOverflow(offset * 1_000_000)
        guard !overflow else { return rfc3339 }
        var text = Timestamp(microseconds: shifted).rfc3339
        text.removeLast()  // the `Z`: the time is local now
        if let separator = text.firstIndex(of: "T") { text.replaceSubrange(separator...separator, with: " ") }
        if text.hasSuffix(":00"), !text.contains(".") { text.removeLast(3) }
        return text
    }

    /// The zone as people set it: `Europe/Moscow`, and `UTC` rather than Foundation's `GMT`.
    public static func zoneName(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? "UTC" : zone.identifier
    }
}
