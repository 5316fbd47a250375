public import ArgumentParser
public import LeadTrailCore
import LeadTrailReports

/// The output format as a command-line value.
enum OutputFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    var format: OutputFormat { OutputFormat(rawValue: rawValue)! }
}

extension Stage: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Platform: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Objective: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension DealStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CSVDialect: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// A person named on the command line (`--owner`, `--by`, `lead list --owner`), trimmed at the door.
///
/// `--owner " иван "` stored as typed would be a second rep beside `иван` in `lead list --owner` and in every
/// history; a name that is only spaces is refused, never stored blank.
func personName(_ value: String?, option: String) throws -> String? {
    guard let value else { return nil }
    let name = value.trimmingWhitespace()
    guard !name.isEmpty else { throw CommandError("\(option) is empty: give a name, or leave \(option) out") }
    return name
}
