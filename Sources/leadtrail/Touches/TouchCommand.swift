import ArgumentParser
import LeadTrailCore
import LeadTrailStore

/// `leadtrail touch add URL`: one click, from a URL with UTM tags.
struct TouchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touch", abstract: "Record visits.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record one click from its landing URL; UTM tags and click ids are read from it.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The landing URL.") var url: String
        @Option(help: "The visitor id (site cookie, platform user).") var visitor: String?
        @Option(help: "The lead the visit belongs to, when there is no visitor id.") var lead: Int64?
        @Option(help: "When the visit happened (2026-10-01 12:30, or with an offset); now by default.") var at: String?
        @Option(name: .customLong("id"), help: "The click's own id; a content hash by default.") var id: String?
        @Option(help: "The referring page or host.") var referrer: String?
        @Option(name: .customLong("utm-source")) var source: String?
        @Option(name: .customLong("utm-medium")) var medium: String?
        @Option(name: .customLong("utm-campaign")) var campaign: String?
        @Option(name: .customLong("utm-content")) var content: String?
        @Option(name: .customLong("utm-term")) var term: String?

        func run() throws {
            let session = try Session(options)
            let visitorID: String
            if let visitor = visitor?.trimmingWhitespace(), !visitor.isEmpty {
                visitorID = visitor
            } else if let lead {
                _ = try session.store.leadDetail(id: lead)
                visitorID = "lead:\(lead)"
            } else {
                throw CommandError("a touch needs --visitor or --lead to know whose visit it was")
            }
            var tracked = TrackedURL(parsing: url)
            tracked.utm = tracked.utm.overridden(
                by: UTM(source: source, medium: medium, campaign: campaign, content: content, term: term))
            let time = try session.time(at)
            let referrerValue = referrer.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            let key =
                id ?? ContentHash.of([
                    String(time.microseconds), visitorID, url, tracked.utm.source, tracked.utm.medium,
                    tracked.utm.campaign, tracked.utm.content, tracked.utm.term, referrerValue,
                ])
            let touch = Touch(
                key: key, at: time, visitor: visitorID, url: url, utm: tracked.utm, clickID: tracked.clickID,
                referrer: referrerValue,
                channel: Channel.classify(utm: tracked.utm, referrer: referrerValue, clickID: tracked.clickID))
            if try session.store.addTouch(touch) {
                if let lead { try session.store.linkVisitor(visitorID, toLead: lead) }
                emit("Touch recorded: \(touch.channel.rawValue)"
                    + (tracked.utm.campaign.map { ", campaign \(Normalize.key($0) ?? $0)" } ?? "") + "\n")
            } else {
                emit("Touch \(key) was already recorded; nothing changed\n")
            }
        }
    }
}
