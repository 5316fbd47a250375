public import Foundation

/// An error that quotes times a user gave (`--at`, a file's `closed_at`, a refund's time): a caller that knows the
/// configured zone says them in it, as they were typed, instead of in UTC.
public protocol LocalTimeDescribable: Error, CustomStringConvertible {
    /// The message with its times as a clock in `zone` shows them (`2026-10-04 10:00`); RFC 3339 UTC without one.
    func description(in zone: TimeZone?) -> String
}
