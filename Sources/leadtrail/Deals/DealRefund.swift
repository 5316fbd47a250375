import ArgumentParser
import LeadTrailCore
import LeadTrailStore

extension DealCommand {
    /// `deal refund REF AMOUNT`: negative revenue at its own time; `--remove ID` takes back one recorded by hand.
    struct RefundDeal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund", abstract: "Record money returned on a won deal, or take a refund back (--remove).",
            discussion: """
                The same refund twice (same deal, amount and time) is refused as a repeat: give --again for a genuine \
                second one. 'deal refund REF --remove ID' takes back a refund recorded by hand ('deal show REF' lists \
                them with their ids); a refund that came with an import goes with that import.
                """)
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String
        @Argument(help: "The amount returned, in the deal's currency.") var amount: String?
        @Argument(help: "The currency; the deal's own by default.") var currency: String?
        @Option(help: "When the money went back (2026-10-01 12:30, or with an offset); now by default.")
        var at: String?
        @Flag(help: "Record it even though the deal has a refund of the same amount at the same time.") var again =
            false
        @Option(name: .customLong("remove"), help: "Take back the refund with this id (see 'deal show').")
        var remove: Int64?

        func validate() throws {
            if remove != nil {
                guard amount == nil, currency == nil, at == nil, !again else {
                    throw ValidationError("--remove takes back a refund: give the deal and --remove ID only")
                }
            } else if amount == nil {
                throw ValidationError(
                    "Missing expected argument '<amount>': give the amount returned, or --remove ID to take a refund back"
                )
            }
        }

        func run() throws {
            let session = try Session(options)
            if let remove {
                let refund = try session.store.dealDetail(deal).refunds.first { $0.id == remove }?.refund
                let left = try session.inLocalTime { try session.store.removeRefund(deal, refund: remove) }
                let what = refund.map { " (\($0.amount.amountText) \($0.amount.currency.code))" } ?? ""
                emit("Deal \(left.id): refund \(remove)\(what) removed\n")
                return
            }
            let existing = try session.store.deal(deal)
            let currency = try currency.map { code throws(LeadTrailCore.ValidationError) in try Currency(code: code) }
            let money = try Money.parse(typed: amount ?? "", currency: currency ?? existing.amount.currency)
            let time = try session.time(at)
            let refunded = try session.inLocalTime {
                try session.store.refundDeal(deal, amount: money, at: time, again: again)
            }
            let id =
                try session.store.dealDetail("#\(refunded.id)").refunds.map(\.id).max().map { " (refund \($0))" } ?? ""
            emit("Deal \(refunded.id): refund of \(money.amountText) \(money.currency) recorded\(id)\n")
        }
    }

    /// `deal remove REF`: takes back a deal added by hand (entered twice, or by mistake), with its refunds.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a deal added by hand (entered twice or by mistake).",
            discussion: """
                Its refunds go with it and its number is never given again; the lead's stage and every report follow. \
                A deal that came with an import is removed by undoing that import ('imports undo BATCH').
                """)
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String

        func run() throws {
            let removed = try Session(options).store.removeDeal(deal)
            let refunds = removed.refunds.count
            let with = refunds == 0 ? "" : " with its \(refunds) refund\(refunds == 1 ? "" : "s")"
            let lead = removed.leadID.map { " of lead \($0)" } ?? ""
            emit(
                "Deal \(removed.id)\(lead) removed\(with): \(removed.amount.amountText) \(removed.amount.currency.code)"
                    + ", \(removed.status.rawValue)\n")
        }
    }
}
