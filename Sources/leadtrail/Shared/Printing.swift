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

extension Timestamp {
    /// `2026-10-01 12:30` in the zone: for tables.
    func local(in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(microseconds) / 1_000_000))
        let shifted = Timestamp(microseconds: microseconds + Int64(offset) * 1_000_000).rfc3339
        return String(shifted.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}

extension OutputValue {
    static func time(_ value: Timestamp?) -> OutputValue { value.map { .string($0.rfc3339) } ?? .null }
    static func money(_ value: Money?) -> OutputValue { value.map { .decimal($0.amountText) } ?? .null }
}
