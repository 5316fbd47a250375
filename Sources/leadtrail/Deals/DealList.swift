import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

extension DealCommand {
    /// `deal list`: deals with their status; a deal whose lead has not arrived yet shows as unlinked.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List deals, oldest first.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Only deals of this lead.") var lead: Int64?
        @Option(help: "Only deals with this status: open, won or lost.") var status: DealStatus?

        func run() throws {
            let session = try Session(options)
            let deals = try session.store.deals(matching: DealFilter(leadID: lead, status: status))
            if output.format == .json {
                emit(OutputValue.array(deals.map(Self.json)).prettyJSON + "\n")
            } else {
                emit(Self.listing(deals, zone: session.settings.timeZone, json: false).rendered(as: output.format.format))
            }
        }

        static func refunded(_ deal: Deal) -> Money {
            Money(minorUnits: deal.refunds.reduce(0) { $0 + $1.amount.minorUnits }, currency: deal.amount.currency)
        }

        static func json(_ deal: Deal) -> OutputValue {
            .object([
                ("id", .integer(deal.id)), ("external_id", .text(deal.externalID)),
                ("lead", deal.leadID.map(OutputValue.integer) ?? .null), ("amount", .money(deal.amount)),
                ("currency", .string(deal.amount.currency.code)), ("status", .string(deal.status.rawValue)),
                ("created_at", .time(deal.createdAt)), ("closed_at", .time(deal.closedAt)),
                ("refunded", .money(refunded(deal))),
                (
                    "refunds",
                    .array(deal.refunds.map { .object([("amount", .money($0.amount)), ("at", .time($0.at))]) })
                ),
            ])
        }

        static func listing(_ deals: [Deal], zone: TimeZone, json: Bool) -> Listing {
            Listing(
                columns: [
                    "id", "external_id", "lead", "amount", "currency", "status",
                    Listing.localTimeColumn("created_at", in: zone, json: json),
                    Listing.localTimeColumn("closed_at", in: zone, json: json), "refunded",
                ],
                rows: deals.map { deal in
                    [
                        .integer(deal.id), .text(deal.externalID),
                        deal.leadID.map(OutputValue.integer) ?? .string("(unlinked)"), .money(deal.amount),
                        .string(deal.amount.currency.code), .string(deal.status.rawValue),
                        .string(deal.createdAt.localMinute(in: zone)), .text(deal.closedAt?.localMinute(in: zone)),
                        deal.refunds.isEmpty ? .null : .money(refunded(deal)),
                    ]
                })
        }
    }
}
