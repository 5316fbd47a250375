#if Postgres
import LeadTrailJourneys
import LeadTrailStore

/// A visitor's kept touches as PostgreSQL's schema 18 writes them (`schema/postgres/0018_kept_visitor_touches.sql`), in
/// journey order, joined by commas: `visitor_path.path`, each touch `channel:campaign_id` (the id empty for none);
/// `visitor_touches.touches`, each touch `id:at:form:channel:campaign_id` (form 1 or 0).
enum KeptPath {
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

    /// A touch of a row's `touches` (`id:at:form:channel:campaign_id`, form 1 or 0).
    struct Touch {
        var id: Int64
        var at: Int64
        var isForm: Bool
        var key: RawTouchKey
    }

    /// Replaces `touches` with those of a row's `touches`. A list that is not in the kept form is refused.
    static func touches(
        of text: ArraySlice<UInt8>, channels: inout TouchKeys.ChannelPositions, into touches: inout [Touch],
        database: String
    ) throws {
        touches.removeAll(keepingCapacity: true)
        let malformed = StoreError.databaseFailure(
            path: database, reason: "a kept visitor path cannot be read; run 'leadtrail migrate'")
        try text.withUnsafeBufferPointer { bytes in
            var at = 0
            /// The integer up to the next colon (or comma, or the end when `last`), the colon passed.
            func integer(optional: Bool = false) throws -> Int64? {
                var value: Int64 = 0
                var negative = false
                var digits = 0
                while at < bytes.count && bytes[at] != colon && bytes[at] != comma {
                    let byte = bytes[at]
                    if byte == UInt8(ascii: "-") && digits == 0 && !negative {
                        negative = true
                    } else {
                        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw malformed }
                        let (times, overTimes) = value.multipliedReportingOverflow(by: 10)
                        let (sum, overSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                        guard !overTimes && !overSum else { throw malformed }
                        value = sum
                        digits += 1
                    }
                    at += 1
                }
                guard digits > 0 else {
                    if optional && !negative { return nil }
                    throw malformed
                }
                return negative ? -value : value
            }
            func skip(_ separator: UInt8) throws {
                guard at < bytes.count && bytes[at] == separator else { throw malformed }
                at += 1
            }
            while true {
                guard let id = try integer() else { throw malformed }
                try skip(colon)
                guard let time = try integer() else { throw malformed }
                try skip(colon)
                guard let form = try integer() else { throw malformed }
                try skip(colon)
                let channelStart = at
                while at < bytes.count && bytes[at] != colon { at += 1 }
                guard at > channelStart else { throw malformed }
                let channel = channels.position(of: UnsafeBufferPointer(rebasing: bytes[channelStart..<at]))
                try skip(colon)
                let campaign = try integer(optional: true)
                touches.append(
                    Touch(
                        id: id, at: time, isForm: form != 0,
                        key: RawTouchKey(channelPosition: channel, campaignID: campaign)))
                if at == bytes.count { break }
                try skip(comma)
            }
        }
    }

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
