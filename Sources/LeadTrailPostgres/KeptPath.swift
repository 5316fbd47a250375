#if Postgres
import LeadTrailJourneys
import LeadTrailStore

/// A kept visitor path as PostgreSQL's schema 18 writes it (`schema/postgres/0018_visitor_paths.sql`): each touch
/// `channel:campaign_id` (the id empty for none), in journey order, joined by commas.
enum KeptPath {
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

    /// Replaces `steps` with the touches of `path` as the columns a report keys them by. A path that is not in the
    /// kept form is refused, naming the database.
    static func steps(
        of path: ArraySlice<UInt8>, channels: inout TouchKeys.ChannelPositions, into steps: inout [RawTouchKey],
        database: String
    ) throws {
        steps.removeAll(keepingCapacity: true)
        let malformed = StoreError.databaseFailure(
            path: database, reason: "a kept visitor path cannot be read; run 'leadtrail migrate'")
        try path.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != comma { end += 1 }
                guard let colonAt = bytes[start..<end].firstIndex(of: colon), colonAt > start else { throw malformed }
                let channel = channels.position(of: UnsafeBufferPointer(rebasing: bytes[start..<colonAt]))
                var campaign: Int64?
                if colonAt + 1 < end {
                    var value: Int64 = 0
                    for byte in bytes[(colonAt + 1)..<end] {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw malformed }
                        let (times, overTimes) = value.multipliedReportingOverflow(by: 10)
                        let (sum, overSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                        guard !overTimes && !overSum else { throw malformed }
                        value = sum
                    }
                    campaign = value
                }
                steps.append(RawTouchKey(channelPosition: channel, campaignID: campaign))
                start = end + 1
            }
        }
        guard !steps.isEmpty else { throw malformed }
    }
}
#endif
