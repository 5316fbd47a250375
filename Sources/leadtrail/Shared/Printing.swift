import Foundation
import LeadTrailCore
import LeadTrailReports

/// Writes to standard output exactly as given.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
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
