public import Foundation
public import LeadTrailCore

/// Why a deal or refund entered by hand is refused: an exact repeat of one recorded already, or a removal of what an
/// import brought (which only undoing that import takes back).
public enum DealEntryError: Error, Equatable, Sendable, LocalTimeDescribable {
    /// `deal add` with the lead, amount, currency and creation time of deal `earlier`.
    case repeatedDeal(earlier: Int64, lead: Int64, amount: Money, createdAt: Timestamp)
    /// `deal refund` with the amount and time of refund `earlier` of the same deal.
    case repeatedRefund(deal: Int64, earlier: Int64, amount: Money, at: Timestamp)
    /// `deal remove` of a deal an import brought.
    case importedDeal(deal: Int64, batch: Int64, file: String)
    /// `deal refund --remove` of a refund an import brought.
    case importedRefund(deal: Int64, refund: Int64, batch: Int64, file: String)
    /// `deal refund --remove` of a number that is not one of the deal's refunds.
    case unknownRefund(deal: Int64, refund: Int64)

    public var description: String { description(in: nil) }

    public func description(in zone: TimeZone?) -> String {
        func time(_ instant: Timestamp) -> String {
            zone.map { "\(instant.localText(in: $0)) \(Timestamp.zoneName($0))" } ?? instant.rfc3339
        }
        switch self {
        case .repeatedDeal(let earlier, let lead, let amount, let createdAt):
            return "deal \(earlier) already has lead \(lead), \(amount.amountText) \(amount.currency.code) and "
                + "creation time \(time(createdAt)): this would record it twice; give --again to open a second deal, "
                + "or 'leadtrail deal remove \(earlier)' to take back the first"
        case .repeatedRefund(let deal, let earlier, let amount, let at):
            return "deal \(deal) has refund \(earlier) of \(amount.amountText) \(amount.currency.code) at \(time(at)) "
                + "already: this would record it twice; give --again to record a second refund, or "
                + "'leadtrail deal refund \(deal) --remove \(earlier)' to take back the first"
        case .importedDeal(let deal, let batch, let file):
            return "deal \(deal) came with import batch \(batch) (\(ValidationError.shown(file))): "
                + "only a deal added by hand is removed so; 'leadtrail imports undo \(batch)' takes back that import"
        case .importedRefund(let deal, let refund, let batch, let file):
            return "refund \(refund) of deal \(deal) came with import batch \(batch) (\(ValidationError.shown(file))) "
                + "as the deal's refunded_amount: correct the file and import it again, or "
                + "'leadtrail imports undo \(batch)'"
        case .unknownRefund(let deal, let refund):
            return "deal \(deal) has no refund \(refund) (see 'leadtrail deal show \(deal)')"
        }
    }
}
