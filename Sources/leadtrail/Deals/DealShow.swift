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
            let deal = try session.store.deal(deal)
            let files = Dictionary(
                try session.store.importBatches().compactMap { batch in batch.id.map { ($0, batch.fileName) } },
                uniquingKeysWith: { first, _ in first })
            if format == .json {
                emit(Self.json(deal, files: files).prettyJSON + "\n")
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
            text += "\nFrom: " + (deal.importBatch == nil ? "added by hand" : origin(deal.importBatch)) + "\n"
            if deal.refunds.isEmpty {
                text += "Refunds: none\n"
            } else {
                text += "Refunds:\n"
                for refund in deal.refunds {
                    text +=
                        "  refund \(refund.id.map(String.init) ?? "?"): \(refund.amount.amountText) "
                        + "\(refund.amount.currency.code) at \(refund.at.localMinute(in: zone)), "
                        + "\(origin(refund.importBatch))\n"
                }
            }
            emit(text)
        }

        /// `deal list --format json`'s object, its refunds with their ids and origin, and the deal's own.
        static func json(_ deal: Deal, files: [Int64: String]) -> OutputValue {
            func origin(_ batch: Int64?) -> [(String, OutputValue)] {
                [
                    ("import_batch", batch.map(OutputValue.integer) ?? .null),
                    ("file", batch.flatMap { files[$0] }.map(OutputValue.string) ?? .null),
                ]
            }
            guard case .object(var fields) = List.json(deal) else { return List.json(deal) }
            fields.removeAll { $0.0 == "refunds" }
            fields += origin(deal.importBatch)
            fields.append(
                (
                    "refunds",
                    .array(
                        deal.refunds.map { refund in
                            .object(
                                [
                                    ("id", refund.id.map(OutputValue.integer) ?? .null),
                                    ("amount", .money(refund.amount)), ("at", .time(refund.at)),
                                ] + origin(refund.importBatch))
                        })
                ))
            return .object(fields)
        }
    }
}
