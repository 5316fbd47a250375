import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension DealCommand {
    /// `deal show REF`: one deal with where it came from and every refund with its id, so that a refund entered twice
    /// can be named to `deal refund REF --remove ID`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a deal: its status, where it came from, and its refunds with their ids.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String
        @Option(help: "table or json.") var format: OutputFormatArgument = .table

        func validate() throws {
            guard format != .csv else { throw ValidationError("deal show prints --format table or json, not csv") }
        }

        func run() throws {
            let session = try Session(options)
            let detail = try session.store.dealDetail(deal)
            let deal = detail.deal
            let files = Dictionary(
                try session.store.importBatches().compactMap { batch in batch.id.map { ($0, batch.fileName) } },
                uniquingKeysWith: { first, _ in first })
            if format == .json {
                emit(Self.json(detail, files: files).prettyJSON + "\n")
                return
            }
            let zone = session.settings.timeZone
            func origin(_ batch: Int64?) -> String {
                guard let batch else { return "by hand" }
                return "import batch \(batch)" + (files[batch].map { " (\($0))" } ?? "")
            }
            var text = "Deal \(deal.id)" + (deal.externalID.map { " (\($0))" } ?? "") + ", "
            text += deal.leadID.map { "lead \($0)" } ?? "no lead yet (unlinked)"
            text += ": \(deal.amount.amountText) \(deal.amount.currency.code), \(deal.status.rawValue)\n"
            text += "Times in \(Listing.zoneName(zone)): created \(deal.createdAt.localMinute(in: zone))"
            text += deal.closedAt.map { ", closed \($0.localMinute(in: zone))" } ?? ""
            text += "\nFrom: " + (detail.importBatch == nil ? "added by hand" : origin(detail.importBatch)) + "\n"
            if detail.refunds.isEmpty {
                text += "Refunds: none\n"
            } else {
                text += "Refunds:\n"
                for stored in detail.refunds {
                    let refund = stored.refund
                    text +=
                        "  refund \(stored.id): \(refund.amount.amountText) "
                        + "\(refund.amount.currency.code) at \(refund.at.localMinute(in: zone)), "
                        + "\(origin(stored.importBatch))\n"
                }
            }
            emit(text)
        }

        /// `deal list --format json`'s object, its refunds with their ids and origin, and the deal's own.
        static func json(_ detail: DealDetail, files: [Int64: String]) -> OutputValue {
            let deal = detail.deal
            func origin(_ batch: Int64?) -> [(String, OutputValue)] {
                [
                    ("import_batch", batch.map(OutputValue.integer) ?? .null),
                    ("file", batch.flatMap { files[$0] }.map(OutputValue.string) ?? .null),
                ]
            }
            guard case .object(var fields) = List.json(deal) else { return List.json(deal) }
            fields.removeAll { $0.0 == "refunds" }
            fields += origin(detail.importBatch)
            fields.append(
                (
                    "refunds",
                    .array(
                        detail.refunds.map { stored in
                            .object(
                                [
                                    ("id", .integer(stored.id)), ("amount", .money(stored.refund.amount)),
                                    ("at", .time(stored.refund.at)),
                                ] + origin(stored.importBatch))
                        })
                ))
            return .object(fields)
        }
    }
}
