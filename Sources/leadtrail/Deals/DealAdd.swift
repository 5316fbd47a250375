import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

extension DealCommand {
    /// `deal add LEAD AMOUNT [CURRENCY]`: an open deal with a lead.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Open a deal with a lead.")

        @OptionGroup var options: StoreOptions
        @Argument(help: "The lead id.") var lead: Int64
        @Argument(help: "The amount in major units, e.g. 12500.00 or 12500,00.") var amount: String
        @Argument(help: "ISO 4217 currency code; the base currency by default.") var currency: String?
        @Option(help: "When the deal was created (2026-10-01 12:30, or with an offset); now by default.")
        var at: String?
        @Option(name: .customLong("id"), help: "The deal's id in another system.") var externalID: String?
        @Flag(help: "Open it even though a deal with the same lead, amount and time exists (a genuine second sale).")
        var again = false
        @Option(help: "table (a sentence) or json (the deal made, as 'deal list --format json' prints one).")
        var format: OutputFormatArgument = .table

        func validate() throws {
            guard format != .csv else { throw ValidationError("deal add prints --format table or json, not csv") }
        }

        func run() throws {
            let session = try Session(options)
            let money = try Money.parse(typed: amount, currency: try session.currency(currency))
            let new = NewDeal(
                externalID: externalID, leadID: lead, amount: money, createdAt: try session.time(at), again: again)
            let deal = try session.inLocalTime { try session.store.addDeal(new) }
            if format == .json {
                emit(List.json(deal).prettyJSON + "\n")
            } else {
                emit("Deal \(deal.id) opened: \(money.amountText) \(money.currency) with lead \(lead)\n")
            }
        }
    }

    /// What `deal won` and `deal lost` share: which deal, and when it closed.
    struct Closing: ParsableArguments {
        @OptionGroup var options: StoreOptions
        @Argument(help: "The deal number or its external id.") var deal: String
        @Option(help: "When it closed (2026-10-01 12:30, or with an offset); now by default.") var at: String?

        /// Closes the deal and says where its lead stands after it, as `deal reopen` does: `; lead 1 is now won`,
        /// or why it did not follow (a later move by hand, another deal) and how to move it.
        func close(as status: DealStatus) throws -> (deal: Deal, lead: String) {
            let session = try Session(options)
            let time = try session.time(at)
            let closed = try session.inLocalTime { try session.store.closeDeal(deal, as: status, at: time) }
            guard let lead = closed.leadID else { return (closed, "; its lead is not known yet") }
            let detail = try session.store.leadDetail(id: lead)
            return (closed, "; " + Self.leadLine(detail, after: status, zone: session.settings.timeZone))
        }

        /// `lead 1 is now won`, or `lead 1 stays lost: a later move by hand (2026-11-10 12:00) wins; …`.
        static func leadLine(_ detail: LeadDetail, after status: DealStatus, zone: TimeZone) -> String {
            let lead = detail.lead
            let wanted: Stage = status == .won ? .won : .lost
            if lead.stage == wanted { return "lead \(lead.id) is now \(lead.stage.rawValue)" }
            let stays = "lead \(lead.id) stays \(lead.stage.rawValue)"
            // A lost deal moves the lead only when every deal of it is lost.
            if status == .lost, let other = detail.deals.first(where: { $0.status != .lost }) {
                return stays + ": its deal \(other.id) is \(other.status.rawValue)"
            }
            let correct = lead.stage.canMove(to: wanted) ? "" : " --correct"
            let move = "move it with 'leadtrail lead stage \(lead.id) \(wanted.rawValue)\(correct)'"
            guard let manual = detail.history.last(where: { $0.from != nil && $0.kind != .deal }) else {
                return stays + "; " + move
            }
            return stays + ": a later move by hand (\(manual.at.localMinute(in: zone))) wins; " + move
        }
    }

    /// `deal won ID`: revenue, recognised at the close time; the lead moves to won unless a later move by hand says
    /// otherwise.
    struct Won: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "won", abstract: "Mark a deal won; its lead moves to won too.",
            discussion: """
                A move of the lead by hand dated after the close (lead stage, lead junk) wins over the deal: the lead \
                stays where the rep put it, and the command says so and how to move it.
                """)
        @OptionGroup var closing: Closing

        func run() throws {
            let (closed, lead) = try closing.close(as: .won)
            emit("Deal \(closed.id) won: \(closed.amount.amountText) \(closed.amount.currency)\(lead)\n")
        }
    }

    /// `deal lost ID`.
    struct Lost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lost", abstract: "Mark a deal lost; its lead moves to lost when all its deals are lost.",
            discussion: """
                A move of the lead by hand dated after the close wins over the deal; the command says where the lead \
                stands.
                """)
        @OptionGroup var closing: Closing

        func run() throws {
            let (closed, lead) = try closing.close(as: .lost)
            emit("Deal \(closed.id) lost\(lead)\n")
        }
    }
}
