/// The order of a journey's touches (SPEC "Time"): by time, touches of one instant by their record key in code-point
/// order, so that import order never matters.
///
/// Times are in microseconds, so ties are rare: record keys are asked for (`recordKey`) only for tied touches.
public enum TouchOrder {
    /// Puts touches in time order, touches of one instant by record key under `byRecordKey` (a store's own collation
    /// for one visitor's rows, code-point order for a merged journey); touches out of time order are first sorted by
    /// `(time, id)`.
    @inlinable
    public static func order<Touch>(
        _ touches: inout [Touch], at: (Touch) -> Int64, id: (Touch) -> Int64, recordKey: (Touch) throws -> String,
        byRecordKey areInIncreasingOrder: (String, String) -> Bool
    ) rethrows {
        var isOrdered = true
        var hasTies = false
        for index in touches.indices.dropFirst() {
            let (previous, current) = (at(touches[index - 1]), at(touches[index]))
            if current < previous { isOrdered = false }
            if current == previous { hasTies = true }
        }
        if !isOrdered { touches.sort { (at($0), id($0)) < (at($1), id($1)) } }
        guard hasTies || !isOrdered else { return }
        var start = 0
        while start < touches.count {
            var end = start + 1
            while end < touches.count && at(touches[end]) == at(touches[start]) { end += 1 }
            if end - start > 1 {
                let tied = try touches[start..<end].map { ($0, try recordKey($0)) }
                    .sorted { areInIncreasingOrder($0.1, $1.1) }
                touches.replaceSubrange(start..<end, with: tied.map(\.0))
            }
            start = end
        }
    }

    /// Code-point order of UTF-8 text, which is also SQLite's `BINARY` collation: how one visitor's rows of one instant
    /// come from an index.
    @inlinable
    public static func binaryOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
