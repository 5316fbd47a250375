import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

extension LeadCommand {
    /// `lead show ID`: the lead, its stage history with the first-response time, its journey and its deals.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a lead: contacts, stage history, speed-to-lead, journey and deals.")

        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "The lead id, or the person's phone (any written form, 10 digits or more) or email.") var lead: String

        func run() throws {
            let session = try Session(options)
            let detail = try session.store.leadDetail(id: try Self.leadID(lead, session: session))
            switch output.format {
            case .json: emit(Self.json(detail).prettyJSON + "\n")
            case .table, .csv: emit(Self.text(detail, zone: session.settings.timeZone))
            }
        }

        /// The id a lead is named by: its number, else the one lead with that phone or email. Several leads of one
        /// person are refused, listing their ids, stages and creation times.
        static func leadID(_ text: String, session: Session) throws -> Int64 {
            let trimmed = text.trimmingWhitespace()
            // A number as long as a phone (10 digits or more) is a phone: `9161234567`.
            if let id = Int64(trimmed), trimmed.count < 10 { return id }
            var query = LeadQuery()
            let contact: String
            if trimmed.contains("@") {
                let email = try Email(parsing: trimmed)
                query.email = email
                contact = "email \(email.normalized)"
            } else if trimmed.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) {
                let phone = try Phone(parsing: trimmed)
                query.phone = phone
                contact = "phone \(phone.e164)"
            } else {
                throw CommandError("'\(trimmed)' is not a lead id, a phone or an email")
            }
            let found = try session.store.leads(matching: LeadFilter(query: query))
            guard let first = found.first else { throw CommandError("no lead has \(contact)") }
            guard found.count == 1 else {
                let zone = session.settings.timeZone
                let listed = found.map { "lead \($0.id) (\($0.stage.rawValue), created \($0.createdAt.localMinute(in: zone)))" }
                throw CommandError(
                    "\(found.count) leads have \(contact): \(listed.joined(separator: ", ")); show one by its id")
            }
            return first.id
        }

        static func firstResponseSeconds(_ detail: LeadDetail) -> Int64? {
            detail.history.firstResponse.map { ($0.at.microseconds - detail.lead.createdAt.microseconds) / 1_000_000 }
        }

        static func json(_ detail: LeadDetail) -> OutputValue { .object(fields(detail)) }

        static func fields(_ detail: LeadDetail) -> [(String, OutputValue)] {
            let lead = detail.lead
            return [
                ("id", .integer(lead.id)), ("created_at", .time(lead.createdAt)), ("name", .text(lead.name)),
                ("phone", .text(lead.phone?.e164)), ("email", .text(lead.email?.normalized)),
                ("stage", .string(lead.stage.rawValue)), ("owner", .text(lead.owner)), ("form", .text(lead.form)),
                ("source", .text(lead.source)), ("external_id", .text(lead.externalID)),
                ("fields", lead.fieldsJSON.map { .decimal($0) } ?? .null),
                ("forgotten_at", .time(lead.forgottenAt)),
                ("first_response_at", .time(detail.history.firstResponse?.at)),
                ("first_response_seconds", firstResponseSeconds(detail).map(OutputValue.integer) ?? .null),
                (
                    "history",
                    .array(
                        detail.history.map {
                            .object([
                                ("from", .text($0.from?.rawValue)), ("to", .string($0.to.rawValue)),
                                ("at", .time($0.at)), ("by", .text($0.by)), ("kind", .string($0.kind.rawValue)),
                            ])
                        })
                ),
                ("visitors", .array(detail.visitors.map(OutputValue.string))),
                (
                    "journey",
                    .array(
                        detail.journey.map { touch in
                            .object([
                                ("at", .time(touch.at)), ("visitor", .string(touch.visitor)),
                                ("channel", .string(touch.channel.rawValue)), ("utm_source", .text(touch.utm.source)),
                                ("utm_medium", .text(touch.utm.medium)), ("utm_campaign", .text(touch.utm.campaign)),
                                ("utm_content", .text(touch.utm.content)), ("utm_term", .text(touch.utm.term)),
                                ("click_id", .text(touch.clickID.map { "\($0.parameter)=\($0.value)" })),
                                ("referrer", .text(touch.referrer)), ("url", .text(touch.url)),
                            ])
                        })
                ),
                ("deals", .array(detail.deals.map(DealCommand.List.json))),
                (
                    "events",
                    .array(
                        detail.events.map {
                            .object([("at", .time($0.at)), ("kind", .string($0.kind)), ("detail", .text($0.detail))])
                        })
                ),
            ]
        }

        static func text(_ detail: LeadDetail, zone: TimeZone) -> String {
            let lead = detail.lead
            var out =
                "Lead \(lead.id)" + (lead.name.map { " · \(Listing.visible($0))" } ?? "")
                + " (times in \(Listing.zoneName(zone)))\n"
            var facts: [(String, String)] = [
                ("phone", lead.phone?.e164 ?? "—"), ("email", lead.email?.normalized ?? "—"),
                ("stage", lead.stage.rawValue), ("owner", lead.owner ?? "—"),
                ("created", lead.createdAt.localMinute(in: zone)),
            ]
            if let form = lead.form { facts.append(("form", form)) }
            if let source = lead.source { facts.append(("source", source)) }
            if let external = lead.externalID { facts.append(("external id", external)) }
            if let fields = lead.fieldsJSON { facts.append(("fields", fields)) }
            if let forgotten = lead.forgottenAt { facts.append(("forgotten", forgotten.localMinute(in: zone))) }
            if let first = detail.history.firstResponse, let seconds = firstResponseSeconds(detail) {
                facts.append(("first response", "\(first.at.localMinute(in: zone)), \(SpeedReport.duration(seconds)) after creation"))
            } else {
                facts.append(("first response", lead.stage == .new ? "— (still new)" : "— (no move out of new)"))
            }
            let width = facts.map { DisplayWidth.of($0.0) }.max() ?? 0
            for (label, value) in facts {
                out +=
                    "  " + label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  "
                    + Listing.visible(value) + "\n"
            }
            out += "\nStage history\n"
            out += indent(
                Listing(
                    columns: ["at", "from", "to", "by", "kind"],
                    rows: detail.history.map {
                        [.string($0.at.localMinute(in: zone)), .string($0.from?.rawValue ?? "—"), .string($0.to.rawValue),
                         .text($0.by), .string($0.kind.rawValue)]
                    }
                ).table)
            out +=
                "\nVisitors: "
                + (detail.visitors.isEmpty ? "—" : Listing.visible(detail.visitors.joined(separator: ", "))) + "\n"
            out += "\nJourney (\(detail.journey.count) touch\(detail.journey.count == 1 ? "" : "es"))\n"
            out += indent(
                Listing(
                    columns: ["at", "channel", "source / medium", "campaign", "content", "visitor"],
                    rows: detail.journey.map { touch in
                        [
                            .string(touch.at.localMinute(in: zone)), .string(touch.channel.rawValue),
                            .string("\(touch.utm.source ?? "(none)") / \(touch.utm.medium ?? "(none)")"),
                            .text(touch.utm.campaign), .text(touch.utm.content), .string(touch.visitor),
                        ]
                    }
                ).table)
            out += "\nDeals\n" + indent(DealCommand.List.listing(detail.deals, zone: zone, json: false).table)
            if !detail.events.isEmpty {
                out += "\nEvents\n"
                out += indent(
                    Listing(
                        columns: ["at", "event", "detail"],
                        rows: detail.events.map { [.string($0.at.localMinute(in: zone)), .string($0.kind), .text($0.detail)] }
                    ).table)
            }
            return out
        }

        private static func indent(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 + "\n" }.joined()
        }
    }
}
