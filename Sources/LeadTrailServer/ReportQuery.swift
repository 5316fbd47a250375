#if Server
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// The report API's query (`from`, `to`, `model`, `by`, `conversion`, `currency`) as the CLI's report options.
enum ReportQuery {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// Refuses a parameter outside `known` and one given twice (except those in `repeatable`), as the CLI refuses
    /// `--modle` and an option given twice: `?stgae=won` or `?model=linear&model=first_touch` silently read as
    /// something else is worse than a 400 that names it.
    static func refuseUnknown(
        _ query: FlatDictionary<Substring, Substring>, known: Set<String>, repeatable: Set<String> = []
    ) throws(Invalid) {
        var seen: Set<Substring> = []
        for (name, _) in query {
            guard known.contains(String(name)) else {
                let names = known.sorted().joined(separator: ", ")
                throw Invalid(description: "unknown parameter '\(name)': use \(names)")
            }
            if !seen.insert(name).inserted, !repeatable.contains(String(name)) {
                throw Invalid(description: "parameter '\(name)' is given more than once")
            }
        }
    }

    static func options(_ query: FlatDictionary<Substring, Substring>, settings: Settings) throws -> ReportOptions {
        func date(_ name: String) throws -> CalendarDate? {
            guard let text = query[Substring(name)] else { return nil }
            do { return try CalendarDate(parsing: String(text)) } catch { throw Invalid(description: "\(name): \(error)") }
        }
        let today = Timestamp.now().calendarDate(in: settings.timeZone)
        let (from, to) = ReportOptions.period(from: try date("from"), to: try date("to"), today: today)
        guard from <= to else { throw Invalid(description: "from \(from) is after to \(to)") }
        var options = ReportOptions(
            from: from, to: to, timeZone: settings.timeZone, timeZoneName: settings.timeZoneName,
            currency: settings.currency)
        if let text = query["model"] {
            guard let model = AttributionModel(rawValue: text.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw Invalid(description: "model: unknown model '\(text)'")
            }
            options.model = model
        }
        if let text = query["by"] {
            guard let dimension = ReportDimension(rawValue: text.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw Invalid(description: "by: unknown dimension '\(text)'")
            }
            options.dimension = dimension
        }
        if let text = query["conversion"] {
            guard let conversion = ConversionKind(rawValue: text.lowercased()) else {
                throw Invalid(description: "conversion: use lead, deal or sale, not '\(text)'")
            }
            options.conversion = conversion
        }
        if let text = query["currency"] {
            do { options.currency = try Currency(code: String(text)) } catch { throw Invalid(description: "currency: \(error)") }
        }
        return options
    }
}
#endif
