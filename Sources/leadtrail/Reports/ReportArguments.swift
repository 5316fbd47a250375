public import ArgumentParser
import Foundation
public import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension AttributionModel: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_")) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ReportDimension: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_")) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ConversionKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The options every report shares: `--from --to --model --by --conversion --currency --lookback-days
/// --half-life-days`.
struct ReportArguments: ParsableArguments {
    @Option(help: "First day of the period (YYYY-MM-DD, inclusive); the first of this month by default.")
    var from: String?
    @Option(help: "Last day of the period (YYYY-MM-DD, inclusive); the end of --from's month by default.")
    var to: String?
    @Option(help: "Attribution model: \(AttributionModel.allValueStrings.joined(separator: ", ")).")
    var model: AttributionModel = .lastNonDirect
    @Option(help: "Group by: \(ReportDimension.allValueStrings.joined(separator: ", ")).")
    var by: ReportDimension = .campaign
    @Option(help: "What converts: lead, deal or sale.")
    var conversion: ConversionKind = .sale
    @Option(help: "Report currency (ISO 4217); the configured base currency by default.")
    var currency: String?
    // Unconditional parsing reads `-1` as the value (and then refuses it) rather than as an unknown option.
    @Option(parsing: .unconditional, help: "How many days before the lead a touch can count (0 to 3650).")
    var lookbackDays: Int = 90
    @Option(parsing: .unconditional, help: "time_decay's half-life in days (above 0, at most 3650).")
    var halfLifeDays: Double = 7

    func validate() throws {
        let days = Limits.lookbackDays
        guard days.contains(lookbackDays) else {
            throw ValidationError(
                "--lookback-days must be from \(days.lowerBound) to \(days.upperBound) (ten years), "
                    + "not \(lookbackDays)")
        }
        guard halfLifeDays > 0, halfLifeDays <= Limits.maxHalfLifeDays else {
            throw ValidationError(
                "--half-life-days must be a positive number of days up to \(Int(Limits.maxHalfLifeDays)), "
                    + "not \(halfLifeDays)")
        }
    }

    /// The options in the session's zone and currency; the default period is the current month.
    func options(in session: Session) throws -> ReportOptions {
        let settings = session.settings
        let today = Timestamp.now().calendarDate(in: settings.timeZone)
        let (start, end) = ReportOptions.period(
            from: try from.map { try session.date($0, field: "--from") },
            to: try to.map { try session.date($0, field: "--to") }, today: today)
        guard start <= end else { throw CommandError("--from \(start) is after --to \(end)") }
        return ReportOptions(
            from: start, to: end, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName, model: model,
            dimension: by, conversion: conversion, currency: try session.currency(currency),
            lookbackDays: lookbackDays, halfLifeDays: halfLifeDays)
    }
}
