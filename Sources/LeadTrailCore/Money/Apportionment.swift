/// Rounds fractional shares to whole units that add up to an exact total (largest-remainder rounding).
///
/// Attribution hands out fractions of conversions and of money; a report prints whole kopecks (and counts scaled by
/// 10⁶). Rounding every row on its own would let the rows drift from the totals, so the rows are apportioned against
/// the separately rounded total instead, and `sum(rows) + unattributed = totals` holds to the last unit (SPEC
/// "Attribution").
public enum Apportionment {
    /// Rounds each value down or up so that the results sum to `total` exactly.
    ///
    /// Every value first gets its floor (`⌊−3.2⌋ = −4`, so refunds work too); the units still missing go one each to
    /// the largest fractional parts, ties to the lower index. A value with no fractional part gets a unit only after
    /// every value with one has had one. When `total` asks for more units than there are values, or fewer than the
    /// floors (floating-point noise or a caller's mistake), the same order keeps cycling — units are taken away
    /// starting from the smallest fractional parts — so the sum is still exact.
    ///
    /// ```swift
    /// Apportionment.rounded([3333.33, 3333.33, 3333.34], toTotal: 10_000)  // [3333, 3333, 3334]
    /// ```
    ///
    /// - Parameters:
    ///   - values: Finite amounts in the unit being rounded to (minor units, or counts × 10⁶).
    ///   - total: What the results must add up to; usually the rounded sum of the unrounded amounts.
    /// - Returns: One whole amount per value, in the same order; `[]` for no values.
    public static func rounded(_ values: [Double], toTotal total: Int64) -> [Int64] {
        guard !values.isEmpty else { return [] }
        var results = [Int64]()
        var remainders = [Double]()
        results.reserveCapacity(values.count)
        remainders.reserveCapacity(values.count)
        for value in values {
            precondition(value.isFinite, "cannot apportion a non-finite amount")
            let floor = value.rounded(.down)
            results.append(Int64(floor))
            remainders.append(value - floor)
        }
        // Largest fractional part first, ties to the lower index; whole values (remainder 0) come last.
        let order = remainders.indices.sorted { left, right in
            remainders[left] != remainders[right] ? remainders[left] > remainders[right] : left < right
        }
        let count = Int64(values.count)
        let missing = total - results.reduce(0, +)
        // Every value takes `rounds` whole units; `extra` more go to the head of the order (or leave from its tail).
        let rounds = missing / count
        let extra = Int(missing % count)
        if rounds != 0 {
            for index in results.indices { results[index] += rounds }
        }
        if extra > 0 {
            for index in order.prefix(extra) { results[index] += 1 }
        } else if extra < 0 {
            for index in order.suffix(-extra) { results[index] -= 1 }
        }
        return results
    }
}
