import LeadTrailCore

/// Report rows, the unattributed row and the totals rounded so that they add up exactly.
///
/// Each figure is rounded once: the total half away from zero, and the rows plus the unattributed row by the
/// largest remainder, so that finance can add up any column and get the total to the kopeck.
struct Apportioned {
    /// Rounded figures of each row, then the unattributed row last.
    var rows: [Int64]
    var unattributed: Int64
    var total: Int64

    /// `values` are the rows' unrounded figures; `scale` turns them into the printed unit (1 for minor units, a
    /// million for counts).
    ///
    /// Callers pass the rows in key order, so that equal remainders are settled by key. Each figure is first snapped
    /// to a ten-thousandth of the printed unit: sums of the same credits added in another order (another import
    /// order) differ in the last bits, and must not decide a rounding.
    init(rows values: [Double], unattributed: Double, total: Double, scale: Double = 1) {
        func snapped(_ value: Double) -> Double { (value * scale * 10_000).rounded() / 10_000 }
        self.total = Money.roundedMinorUnits(snapped(total))
        // The unattributed figure is rounded on its own, so that it prints the same under every model; the rows
        // share the rest.
        self.unattributed = Money.roundedMinorUnits(snapped(unattributed))
        rows = Apportionment.rounded(values.map(snapped), toTotal: self.total - self.unattributed)
    }
}
