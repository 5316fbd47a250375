import Foundation
import LeadTrailCore
import LeadTrailReports

/// Writes to standard output exactly as given (after ``StandardOutput/prefix``, once).
func emit(_ text: String) {
    let prefix = StandardOutput.prefix
    StandardOutput.prefix = ""
    FileHandle.standardOutput.write(Data((prefix + text).utf8))
}

/// What the next write to standard output starts with: the byte order mark of an `excel-ru` CSV.
enum StandardOutput {
    /// The CLI writes from one thread, so a plain static is enough.
    nonisolated(unsafe) static var prefix = ""
}

/// Writes one line to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

extension OutputValue {
    static func time(_ value: Timestamp?) -> OutputValue { value.map { .string($0.rfc3339) } ?? .null }

    /// A time in a column named by `Listing.localTimeColumn(_:in:json:)`: RFC 3339 UTC in JSON, the zone's minute
    /// otherwise; nil is null.
    static func localTime(_ value: Timestamp?, in zone: TimeZone, json: Bool) -> OutputValue {
        json ? .time(value) : .text(value?.localMinute(in: zone))
    }
    static func money(_ value: Money?) -> OutputValue { value.map { .decimal($0.amountText) } ?? .null }
}
