#if Postgres
import LeadTrailJourneys
import LeadTrailStore

/// A visitor's kept touches as PostgreSQL's schema 18 writes them (`schema/postgres/0018_kept_visitor_touches.sql`), in
/// journey order, joined by commas: `visitor_path.path`, each touch `channel:campaign_id` (the id empty for none);
/// `visitor_touches.touches`, each touch `id:at:form:channel:campaign_id` (form 1 or 0); and a part of schema 21's
/// `lead_touches.touches`, each touch `id:at:form:channel:campaign_id:utm` (`utm`: 32 hex digits, the md5 of its raw
/// UTM values, ``UTMDigest``).
enum KeptPath {
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

    /// A touch of a row's `touches` (`id:at:form:channel:campaign_id`, form 1 or 0, then `:utm` in a lead's row).
    struct Touch {
        var id: Int64
        var at: Int64
        var isForm: Bool
        var key: RawTouchKey
        var utm: UTMDigest?
    }

    /// The md5 of a touch's five raw UTM values (`schema/postgres/0021_lead_touches.sql`): touches with one digest
    /// have the same values, so the same-session rule reads the values of one touch of each digest.
    struct UTMDigest: Hashable {
        var high: UInt64
        var low: UInt64
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

    /// The 64 bits of the 16 hex digits (lowercase, as md5 writes them) from `at`, `at` left after them.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>, at: inout Int) -> UInt64? {
        guard at + 16 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for _ in 0..<16 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
            at += 1
        }
        return value
    }

    /// Replaces `touches` with those of a row's `touches`. A list that is not in the kept form is refused.
    static func touches(
        of text: ArraySlice<UInt8>, channels: inout TouchKeys.ChannelPositions, into touches: inout [Touch],
        table: String = "visitor_touches", database: String
    ) throws {
        touches.removeAll(keepingCapacity: true)
        let malformed = malformed(table, database: database)
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
                var utm: UTMDigest?
                if at < bytes.count && bytes[at] == colon {
                    at += 1
                    guard let high = hex(bytes, at: &at), let low = hex(bytes, at: &at) else { throw malformed }
                    utm = UTMDigest(high: high, low: low)
                }
                touches.append(
                    Touch(
                        id: id, at: time, isForm: form != 0,
                        key: RawTouchKey(channelPosition: channel, campaignID: campaign), utm: utm))
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
