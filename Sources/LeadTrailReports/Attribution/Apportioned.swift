import LeadTrailCore

/// Report rows, the unattributed row and the totals rounded so that they add up exactly.
///
/// Each figure is rounded once: the total and the unattributed row each half away from zero, and the rows share
/// (total − unattributed) by the largest remainder, so that finance can add up any column and get the total to the
/// kopeck (SPEC "Money").
struct Apportioned {
    /// Rounded figures of each row, in the order given.
    var rows: [Int64]
    var unattributed: Int64
    var total: Int64

    /// `values` are the rows' unrounded figures; `scale` turns them into the printed unit (1 for minor units, a
    /// million for counts).
    ///
    /// Callers pass the rows in key order (code point), so that equal remainders are settled by key. Each figure is
    /// first snapped to an exact count of ten-thousandths of the printed unit: sums of the same credits added in
    /// another order (another import order) differ in the last bits, and must not decide a rounding; from there on
    /// the rounding is integer arithmetic, so two rows whose figures agree to the ten-thousandth tie exactly. Figures
    /// beyond a report's exact range (``Limits/maxReportSum``, checked before a report is built) are held at the
    /// bounds of `Int64` rather than trap.
    init(rows values: [Double], unattributed: Double, total: Double, scale: Double = 1) {
        func parts(_ value: Double) -> Int128 { Apportionment.tenThousandths(of: value, scale: scale) ?? 0 }
        let total = Apportionment.roundedHalfAwayFromZero(tenThousandths: parts(total))
        // The unattributed figure is rounded on its own, so that it prints the same under every model; the rows
        // share the rest.
        let unattributed = Apportionment.roundedHalfAwayFromZero(tenThousandths: parts(unattributed))
        self.total = Int64(clamping: total)
        self.unattributed = Int64(clamping: unattributed)
        rows = Apportionment.rounded(tenThousandths: values.map(parts), toTotal: total - unattributed).map {
            Int64(clamping: $0)
        }
    }
}
