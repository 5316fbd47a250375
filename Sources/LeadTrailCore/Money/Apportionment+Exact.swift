extension Apportionment {
    /// How many parts of a printed unit an exact figure keeps: ten-thousandths.
    public static let partsPerUnit: Int64 = 10_000

    /// Rounds exact figures, counted in ten-thousandths of the printed unit, to whole units that add up to `total`.
    ///
    /// The same largest-remainder rule as ``rounded(_:toTotal:)``, on integers: every figure gets its floor, and the
    /// units still missing go one each to the largest remainders, **equal remainders to the lower index** — callers
    /// pass their rows in key order (code point), so a tie goes to the key that comes first. Remainders are compared
    /// as integers, so two figures that are equal to the ten-thousandth tie exactly, whatever floating-point noise
    /// their sums carried (`33333333.3333` and `4853333.3333` both keep a remainder of 3333).
    ///
    /// ```swift
    /// Apportionment.rounded(tenThousandths: [333_333_333_333, 48_533_333_333], toTotal: 38_186_667)
    /// // [33_333_334, 4_853_333]: the one missing unit goes to the first key
    /// ```
    ///
    /// - Parameters:
    ///   - parts: Figures in ten-thousandths of the unit being rounded to (minor units, or counts × 10⁶).
    ///   - total: What the results must add up to; usually the rounded sum of the figures.
    /// - Returns: One whole amount per figure, in the same order; `[]` for no figures.
    public static func rounded(tenThousandths parts: [Int128], toTotal total: Int128) -> [Int128] {
        guard !parts.isEmpty else { return [] }
        let unit = Int128(partsPerUnit)
        var results = [Int128]()
        var remainders = [Int128]()
        results.reserveCapacity(parts.count)
        remainders.reserveCapacity(parts.count)
        for part in parts {
            // Floor division, so that refunds (negative figures) round downwards too: ⌊−3.2⌋ = −4.
            var floor = part / unit
            var remainder = part % unit
            if remainder < 0 {
                floor -= 1
                remainder += unit
            }
            results.append(floor)
            remainders.append(remainder)
        }
        let order = remainders.indices.sorted { left, right in
            remainders[left] != remainders[right] ? remainders[left] > remainders[right] : left < right
        }
        let count = Int128(parts.count)
        let missing = total - results.reduce(0, +)
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

    /// A computed figure as an exact count of ten-thousandths of a unit: `value × scale` snapped to the nearest
    /// ten-thousandth, so that sums of the same credits added in another order agree.
    ///
    /// Returns nil for a figure that is not finite or too large to print (beyond ±10³⁰ units).
    public static func tenThousandths(of value: Double, scale: Double = 1) -> Int128? {
        let snapped = (value * scale * Double(partsPerUnit)).rounded(.toNearestOrAwayFromZero)
        guard snapped.isFinite, snapped.magnitude < 1e34 else { return nil }
        return Int128(snapped)
    }

    /// Ten-thousandths rounded to a whole unit, half away from zero (2.5 → 3, −2.5 → −3).
    public static func roundedHalfAwayFromZero(tenThousandths parts: Int128) -> Int128 {
        let unit = Int128(partsPerUnit)
        let half = unit / 2
        return parts >= 0 ? (parts + half) / unit : -((-parts + half) / unit)
    }
}
