import LeadTrailCore

/// A report whose sums would leave the exact range (``Limits/maxReportSum``): it fails in one line rather than
/// print a wrong figure or trap on an overflow.
public struct ReportSumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What adds up too far: `spend in RUB`, `impressions`, `deal amounts in RUB`.
    public var figure: String

    public init(figure: String) { self.figure = figure }

    public var description: String {
        "the period's \(figure) add up to more than \(Int64(Limits.maxReportSum)), beyond what a report computes "
            + "exactly; check the imported figures (see docs/reports.md, Limits)"
    }
}
