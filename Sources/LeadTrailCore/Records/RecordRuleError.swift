public import Foundation

/// A record that is well formed field by field but impossible as a whole: a deal closed before it was created, a
/// refund larger than the deal, a stage change before its lead existed.
///
/// The same rule refuses the record on import and on the CLI; the caller adds where it came from (file and record,
/// or the command's argument).
public enum RecordRuleError: Error, Equatable, Sendable, LocalTimeDescribable {
    /// `closed_at` (or `deal won|lost --at`) before the deal's `created_at`.
    case closedBeforeCreated(closedAt: Timestamp, createdAt: Timestamp)
    /// An open deal that carries a close time.
    case openWithCloseTime
    /// Refunds (this one plus the earlier ones) would return more than the deal's amount.
    case refundExceedsAmount(refunds: Money, amount: Money)
    /// A stage change dated before the lead was created.
    case stageBeforeLead(lead: Int64, at: Timestamp, createdAt: Timestamp)

    public var description: String { description(in: nil) }

    /// The message with its times as a clock in `zone` shows them (`2026-10-04 10:00`, then the zone's name), as
    /// the user typed them; in UTC (RFC 3339) without a zone.
    public func description(in zone: TimeZone?) -> String {
        func time(_ instant: Timestamp) -> String { zone.map { instant.localText(in: $0) } ?? instant.rfc3339 }
        let note = zone.map { ", \(Timestamp.zoneName($0)) time" } ?? ""
        return switch self {
        case .closedBeforeCreated(let closedAt, let createdAt):
            "closed at \(time(closedAt)), before the deal was created (\(time(createdAt))\(note))"
        case .openWithCloseTime:
            "an open deal has no close time; give status won or lost, or leave 'closed_at' out"
        case .refundExceedsAmount(let refunds, let amount):
            "refunds of \(refunds.amountText) \(refunds.currency.code) would exceed the deal's amount "
                + "(\(amount.amountText) \(amount.currency.code))"
        case .stageBeforeLead(let lead, let at, let createdAt):
            "lead \(lead): a stage change at \(time(at)) is before the lead was created (\(time(createdAt))\(note))"
        }
    }
}
