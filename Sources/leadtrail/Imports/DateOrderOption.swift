import ArgumentParser
import LeadTrailCore

/// `--date-order dmy|mdy`: how a table writes dates like `06/12/2026`, for the imports that read tables.
struct DateOrderOption: ParsableArguments {
    @Option(
        name: .customLong("date-order"),
        help: "dmy or mdy: how dates like 06/12/2026 are written in a table (default: decided by the file).")
    var dateOrder: String?

    /// Day first (dmy), month first (mdy), or nil to let the file decide.
    func dayFirst() throws -> Bool? {
        switch dateOrder?.lowercased() {
        case nil: nil
        case "dmy": true
        case "mdy": false
        case let other?:
            throw LeadTrailCore.ValidationError.unknownValue(other, field: "date-order", allowed: ["dmy", "mdy"])
        }
    }
}
