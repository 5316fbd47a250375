public import ArgumentParser
import Foundation
public import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension AttributionModel: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ReportDimension: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension ConversionKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The options every report shares: `--from --to --model --by --conversion --currency --lookback-days
/// --half-life-days`. A report refuses the ones it does not use (``refuse(unusedBy:uses:)``), so that
/// `report speed --model markov` is an error rather than a silently ignored word.
struct ReportArguments: ParsableArguments {
    @Option(help: "First day of the period (YYYY-MM-DD, inclusive); alone, the period runs to today.")
    var from: String?
    @Option(help: "Last day of the period (YYYY-MM-DD, inclusive); alone, the period is its calendar month.")
    var to: String?
    @Option(
        help:
            "Attribution model: \(AttributionModel.allValueStrings.joined(separator: ", ")) (default: last_non_direct)."
    )
    var model: AttributionModel?
    @Option(help: "Group by: \(ReportDimension.allValueStrings.joined(separator: ", ")) (default: campaign).")
    var by: ReportDimension?
    @Option(help: "What converts: lead, deal or sale (default: sale).")
    var conversion: ConversionKind?
    @Option(help: "Report currency (ISO 4217); the configured base currency by default.")
    var currency: String?
    // Unconditional parsing reads `-1` as the value (and then refuses it) rather than as an unknown option.
    @Option(parsing: .unconditional, help: "How many days before the lead a touch can count (0 to 3650; default: 90).")
    var lookbackDays: Int?
    @Option(parsing: .unconditional, help: "time_decay's half-life in days (above 0, at most 3650; default: 7).")
    var halfLifeDays: Double?

    /// A shared option a report may not use.
    enum Shared: String {
        case model = "--model"
        case by = "--by"
        case conversion = "--conversion"
        case currency = "--currency"
        case lookbackDays = "--lookback-days"
        case halfLifeDays = "--half-life-days"
    }

    func validate() throws {
        let days = Limits.lookbackDays
        if let lookbackDays, !days.contains(lookbackDays) {
            throw ValidationError(
                "--lookback-days must be from \(days.lowerBound) to \(days.upperBound) (ten years), "
                    + "not \(lookbackDays)")
        }
        if let halfLifeDays, !(halfLifeDays > 0 && halfLifeDays <= Limits.maxHalfLifeDays) {
            throw ValidationError(
                "--half-life-days must be a positive number of days up to \(Int(Limits.maxHalfLifeDays)), "
                    + "not \(halfLifeDays)")
        }
    }

    /// Refuses a shared option the report does not read; `--half-life-days` is read only by `time_decay`, unless the
    /// report runs every model (`report models`).
    func refuse(unusedBy command: String, uses: Set<Shared>, runsEveryModel: Bool = false) throws {
        let given: [(Shared, Bool)] = [
            (.model, model != nil), (.by, by != nil), (.conversion, conversion != nil), (.currency, currency != nil),
            (.lookbackDays, lookbackDays != nil), (.halfLifeDays, halfLifeDays != nil),
        ]
        for (option, present) in given where present && !uses.contains(option) {
            throw ValidationError("\(command) does not use \(option.rawValue): leave it out")
        }
        if halfLifeDays != nil, uses.contains(.halfLifeDays), !runsEveryModel, (model ?? .lastNonDirect) != .timeDecay {
            throw ValidationError("--half-life-days applies to --model time_decay only")
        }
    }

    /// The options in the session's zone and currency; the default period is the current month.
    func options(in session: Session) throws -> ReportOptions {
        let settings = session.settings
        let today = Timestamp.now().calendarDate(in: settings.timeZone)
        let first = try from.map { try session.date($0, field: "--from") }
        let last = try to.map { try session.date($0, field: "--to") }
        if let first, last == nil, first > today {
            throw CommandError("--from \(first) is after today (\(today)); give --to as well for a future period")
        }
        let (start, end) = ReportOptions.period(from: first, to: last, today: today)
        guard start <= end else { throw CommandError("--from \(start) is after --to \(end)") }
        return ReportOptions(
            from: start, to: end, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
            model: model ?? .lastNonDirect, dimension: by ?? .campaign, conversion: conversion ?? .sale,
            currency: try session.currency(currency), lookbackDays: lookbackDays ?? 90, halfLifeDays: halfLifeDays ?? 7)
    }
}
