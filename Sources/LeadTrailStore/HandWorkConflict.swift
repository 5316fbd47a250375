public import Foundation
public import LeadTrailCore

/// A deals file's record that would overturn work done by hand on its deal: a close, a reopen or a refund recorded
/// from the CLI (`deal won|lost|reopen|refund`) that the file does not agree with.
///
/// A re-export from the CRM is often older than what a rep did since: importing it must never silently reopen a deal
/// the rep closed, nor leave an open or lost deal with refunds. The record is refused (or set aside with
/// `--skip-invalid`) and the deal stays as the rep left it. A file whose status is the one set by hand, and whose
/// amount covers the refunds, is no conflict: its other values apply.
public struct HandWorkConflict: Sendable, Hashable, LocalTimeDescribable {
    /// The deal's external id (the file's `id`) and its number.
    public var externalID: String
    public var deal: Int64
    /// What the file says.
    public var fileStatus: DealStatus
    public var fileAmount: Money
    public var fileClosedAt: Timestamp?
    /// The status a rep set by hand and its close time; nil when the deal's status is an import's.
    public var handStatus: DealStatus?
    public var handClosedAt: Timestamp?
    /// The refunds recorded by hand, with their numbers.
    public var handRefunds: [StoredRefund]
    /// The field of the record the refusal names: `status`, or `amount` / `currency` when only the refunds do not
    /// fit.
    public var field: String

    public init(
        externalID: String, deal: Int64, fileStatus: DealStatus, fileAmount: Money, fileClosedAt: Timestamp?,
        handStatus: DealStatus?, handClosedAt: Timestamp?, handRefunds: [StoredRefund], field: String
    ) {
        self.externalID = externalID
        self.deal = deal
        self.fileStatus = fileStatus
        self.fileAmount = fileAmount
        self.fileClosedAt = fileClosedAt
        self.handStatus = handStatus
        self.handClosedAt = handClosedAt
        self.handRefunds = handRefunds
        self.field = field
    }

    public var description: String { description(in: nil) }

    /// `deal amo-1 (deal 1) was won by hand (closed 2026-12-06 15:00) and refunded by hand (refund 1: 1000.00 RUB at
    /// 2026-12-06 16:00), Europe/Moscow time; the file says open, 25500.00 RUB: …`, then how to go on.
    public func description(in zone: TimeZone?) -> String {
        func time(_ instant: Timestamp) -> String { zone.map { instant.localText(in: $0) } ?? instant.rfc3339 }
        func money(_ amount: Money) -> String { "\(amount.amountText) \(amount.currency.code)" }
        var hand: [String] = []
        switch handStatus {
        case .open?: hand.append("reopened by hand")
        case let status?:
            hand.append("\(status.rawValue) by hand" + (handClosedAt.map { " (closed \(time($0)))" } ?? ""))
        case nil: break
        }
        if !handRefunds.isEmpty {
            let listed = handRefunds.map { refund in
                "refund \(refund.id): \(money(refund.refund.amount)) at \(time(refund.refund.at))"
            }
            hand.append("refunded by hand (\(listed.joined(separator: "; ")))")
        }
        var file = "\(fileStatus.rawValue), \(money(fileAmount))"
        if let fileClosedAt { file += ", closed \(time(fileClosedAt))" }
        let zoneNote = zone.map { ", \(Timestamp.zoneName($0)) time" } ?? ""
        var text = "deal \(ValidationError.shown(externalID)) (deal \(deal)) was \(hand.joined(separator: " and "))"
        text += "\(zoneNote); the file says \(file): a re-export never overwrites work done by hand, so the deal "
        text += "stays as it is — leave this record out with --skip-invalid, or make the deal agree with the file "
        text += "by hand first (\(steps.joined(separator: ", then "))) and import again"
        return text
    }

    /// The commands that take the hand work back so that the file's record applies.
    var steps: [String] {
        var steps: [String] = []
        // Refunds need a won deal whose amount, in their currency, covers them.
        if fileStatus != .won || field != "status" {
            steps += handRefunds.map(\.id).map { "'leadtrail deal refund \(deal) --remove \($0)'" }
        }
        if let handStatus, handStatus != fileStatus {
            if handStatus != .open { steps.append("'leadtrail deal reopen \(deal)'") }
            if fileStatus != .open {
                steps.append(
                    "'leadtrail deal \(fileStatus.rawValue) \(deal) --at \(fileClosedAt?.rfc3339 ?? "…")'")
            }
        }
        return steps
    }
}
