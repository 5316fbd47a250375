import ArgumentParser
import LeadTrailCore
import LeadTrailStore
import LeadTrailReports

/// `leadtrail campaign …`: the campaigns touches and spend rows name by `utm_campaign`.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Add, list, show and update campaigns.",
        subcommands: [Add.self, List.self, Show.self, Update.self])

    /// The fields `campaign add` and `campaign update` share.
    struct Fields: ParsableArguments {
        @Option(help: "Display name; the key by default.") var name: String?
        @Option(help: "vk, instagram, facebook, telegram, tiktok, youtube, linkedin, yandex, google, email, other.")
        var platform: Platform?
        @Option(help: "awareness, engagement, leads or sales.") var objective: Objective?
        @Option(help: "Budget in major units.") var budget: String?
        @Option(help: "Budget currency; the base currency by default.") var currency: String?
        @Option(help: "First day (YYYY-MM-DD).") var start: String?
        @Option(help: "Last day (YYYY-MM-DD).") var end: String?

        func change(_ session: Session) throws -> CampaignChange {
            let money = try budget.map { try Money.parse(typed: $0, currency: try session.currency(currency)) }
            let starts = try start.map { try session.date($0, field: "--start") }
            let ends = try end.map { try session.date($0, field: "--end") }
            if let starts, let ends, ends < starts { throw CommandError("--end \(ends) is before --start \(starts)") }
            return CampaignChange(
                name: name, platform: platform, objective: objective, budget: money, starts: starts, ends: ends)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a campaign by its utm_campaign key.",
            discussion: "A key that exists (added before, or created when data first named it) is an error: change "
                + "its fields with 'campaign update'.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The utm_campaign value that names it (matched trimmed and lowercased).") var key: String
        @OptionGroup var fields: Fields

        func run() throws {
            guard let normalized = Normalize.key(key) else { throw CommandError("campaign key is empty") }
            let session = try Session(options)
            let change = try fields.change(session)
            try session.store.addCampaign(
                Campaign(
                    key: normalized, name: change.name ?? key.trimmingWhitespace(), platform: change.platform ?? .other,
                    objective: change.objective, budget: change.budget, starts: change.starts, ends: change.ends))
            emit("Campaign \(normalized) added\n")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Change a campaign's fields.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The campaign key.") var key: String
        @OptionGroup var fields: Fields

        func run() throws {
            let session = try Session(options)
            let campaign = try session.store.updateCampaign(key: key, with: try fields.change(session))
            emit("Campaign \(campaign.key) updated\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List campaigns; auto-created ones are flagged.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let campaigns = try Session(options).store.campaigns()
            let listing = Listing(
                columns: ["key", "name", "platform", "objective", "budget", "currency", "start", "end", "auto_created"],
                rows: campaigns.map { campaign in
                    [
                        .string(campaign.key), .string(campaign.name), .string(campaign.platform.rawValue),
                        .text(campaign.objective?.rawValue), .money(campaign.budget), .text(campaign.budget?.currency.code),
                        .text(campaign.starts?.description), .text(campaign.ends?.description),
                        .bool(campaign.isAutoCreated),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a campaign with its touches and spend.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "The campaign key.") var key: String

        func run() throws {
            let session = try Session(options)
            let detail = try session.store.campaignDetail(key: key)
            let campaign = detail.campaign
            let value = OutputValue.object([
                ("key", .string(campaign.key)), ("name", .string(campaign.name)),
                ("platform", .string(campaign.platform.rawValue)), ("objective", .text(campaign.objective?.rawValue)),
                ("budget", .money(campaign.budget)), ("currency", .text(campaign.budget?.currency.code)),
                ("start", .text(campaign.starts?.description)), ("end", .text(campaign.ends?.description)),
                ("auto_created", .bool(campaign.isAutoCreated)), ("touches", .integer(Int64(detail.touches))),
                ("first_touch", .time(detail.firstTouch)), ("last_touch", .time(detail.lastTouch)),
                ("spend_days", .integer(Int64(detail.spendDays))),
                (
                    "spend",
                    .array(detail.spend.map { .object([("amount", .money($0)), ("currency", .string($0.currency.code))]) })
                ),
            ])
            if output.format == .json {
                emit(value.prettyJSON + "\n")
                return
            }
            guard case .object(let pairs) = value else { return }
            let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
            for (label, field) in pairs {
                let text: String =
                    if case .array(let items) = field {
                        items.compactMap {
                            if case .object(let money) = $0 { "\(money[0].1.plainText) \(money[1].1.plainText)" } else { nil }
                        }.joined(separator: ", ")
                    } else { field.plainText }
                emit(label + String(repeating: " ", count: width - DisplayWidth.of(label)) + "  "
                    + (text.isEmpty ? "—" : Listing.visible(text)) + "\n")
            }
        }
    }
}
