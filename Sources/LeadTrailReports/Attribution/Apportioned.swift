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
    init(rows values: [Double], unattributed: Double, total: Double, scale: Double = 1) {
        let target = Money.roundedMinorUnits(total * scale)
        let rounded = Apportionment.rounded((values + [unattributed]).map { $0 * scale }, toTotal: target)
        rows = Array(rounded.dropLast())
        self.unattributed = rounded.last ?? 0
        self.total = target
    }
}
