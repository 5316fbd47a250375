#if Postgres
import LeadTrailJourneys
import LeadTrailStore

/// A kept visitor row as PostgreSQL's schema 18 writes it (`schema/postgres/0018_visitor_paths.sql`): its `path`, each
/// touch `channel:campaign_id` (the id empty for none), in journey order, joined by commas; its `touches`, each touch
/// `id:at:form` in the same order.
enum KeptPath {
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

    /// A kept touch's own columns, from the row's `touches` (`id:at:form`, form 1 or 0), in the order of its `path`.
    struct Stamp {
        var id: Int64
        var at: Int64
        var isForm: Bool
    }

    /// Replaces `stamps` with the touches of a row's `touches`. A list that is not in the kept form is refused.
    static func stamps(of touches: ArraySlice<UInt8>, into stamps: inout [Stamp], database: String) throws {
        stamps.removeAll(keepingCapacity: true)
        var fields: [Int64] = []
        var value: Int64 = 0
        var negative = false
        var digits = 0
        func malformed() -> StoreError {
            .databaseFailure(path: database, reason: "a kept visitor path cannot be read; run 'leadtrail migrate'")
        }
        func endField() throws {
            guard digits > 0 else { throw malformed() }
            fields.append(negative ? -value : value)
            value = 0
            negative = false
            digits = 0
        }
        for byte in touches {
            switch byte {
            case colon:
                try endField()
            case comma:
                try endField()
                guard fields.count == 3 else { throw malformed() }
                stamps.append(Stamp(id: fields[0], at: fields[1], isForm: fields[2] != 0))
                fields.removeAll(keepingCapacity: true)
            case UInt8(ascii: "-") where digits == 0 && !negative:
                negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overTimes) = value.multipliedReportingOverflow(by: 10)
                let (sum, overSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overTimes && !overSum else { throw malformed() }
                value = sum
                digits += 1
            default:
                throw malformed()
            }
        }
        try endField()
        guard fields.count == 3 else { throw malformed() }
        stamps.append(Stamp(id: fields[0], at: fields[1], isForm: fields[2] != 0))
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
