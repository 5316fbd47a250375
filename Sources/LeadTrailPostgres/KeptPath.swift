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

    /// The error for a row not in the kept form: only a row written outside leadtrail can be one, since every write
    /// of touches rewrites its visitors' rows from the touch table as it commits.
    static func malformed(_ table: String, database: String) -> StoreError {
        .databaseFailure(
            path: database,
            reason: "a row of \(table) is not in the form leadtrail keeps (changed outside leadtrail?); the report "
                + "reads no further")
    }

    /// The integer of `bytes` from `at` up to the next colon or comma (or the end), `at` left on that separator;
    /// nil for none when `optional`. Digits and a leading minus only, within 64 bits.
    private static func integer(
        _ bytes: UnsafeBufferPointer<UInt8>, at: inout Int, optional: Bool = false, malformed: StoreError
    ) throws -> Int64? {
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

    /// Replaces `touches` with those of a row's `touches`. A list that is not in the kept form is refused.
    static func touches(
        of text: ArraySlice<UInt8>, channels: inout TouchKeys.ChannelPositions, into touches: inout [Touch],
        database: String
    ) throws {
        touches.removeAll(keepingCapacity: true)
        let malformed = malformed("visitor_touches", database: database)
        try text.withUnsafeBufferPointer { bytes in
            var at = 0
            func skip(_ separator: UInt8) throws {
                guard at < bytes.count && bytes[at] == separator else { throw malformed }
                at += 1
            }
            while true {
                guard let id = try integer(bytes, at: &at, malformed: malformed) else { throw malformed }
                try skip(colon)
                guard let time = try integer(bytes, at: &at, malformed: malformed) else { throw malformed }
                try skip(colon)
                guard let form = try integer(bytes, at: &at, malformed: malformed) else { throw malformed }
                try skip(colon)
                let channelStart = at
                while at < bytes.count && bytes[at] != colon { at += 1 }
                guard at > channelStart else { throw malformed }
                let channel = channels.position(of: UnsafeBufferPointer(rebasing: bytes[channelStart..<at]))
                try skip(colon)
                let campaign = try integer(bytes, at: &at, optional: true, malformed: malformed)
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
        let malformed = malformed("visitor_path", database: database)
        try path.withUnsafeBufferPointer { bytes in
            var at = 0
            while at < bytes.count {
                let channelStart = at
                while at < bytes.count && bytes[at] != colon && bytes[at] != comma { at += 1 }
                guard at < bytes.count && bytes[at] == colon && at > channelStart else { throw malformed }
                let channel = channels.position(of: UnsafeBufferPointer(rebasing: bytes[channelStart..<at]))
                at += 1
                let campaign = try integer(bytes, at: &at, optional: true, malformed: malformed)
                guard campaign.map({ $0 >= 0 }) ?? true else { throw malformed }
                steps.append(RawTouchKey(channelPosition: channel, campaignID: campaign))
                if at < bytes.count {
                    guard bytes[at] == comma, at + 1 < bytes.count else { throw malformed }
                    at += 1
                }
            }
        }
        guard !steps.isEmpty else { throw malformed }
    }
}
#endif
