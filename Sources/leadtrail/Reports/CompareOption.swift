public import ArgumentParser
import Foundation
import LeadTrailCore
public import LeadTrailReports

extension ComparisonPeriod: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased().replacingOccurrences(of: "_", with: "-")) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `--compare previous|year-ago`, for the reports that can set their period against another.
struct CompareOption: ParsableArguments {
    @Option(help: "Set every figure against the previous period or the same period a year ago: previous, year-ago.")
    var compare: ComparisonPeriod?
}

extension ReportRun {
    /// The same options over the period `--compare` names.
    func options(comparedWith base: ComparisonPeriod) -> ReportOptions {
        var earlier = options
        (earlier.from, earlier.to) = base.period(from: options.from, to: options.to)
        return earlier
    }
}
