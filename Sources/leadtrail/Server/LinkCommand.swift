#if Server
import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail link add|list`: tracked links that `leadtrail serve` answers at `/r/{slug}`.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Tracked links: /r/SLUG redirects to the target with the link's UTM.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a tracked link.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The path after /r/: letters, digits, '-' and '_', at most 64.") var slug: String
        @Option(help: "The http or https URL to redirect to; its own parameters are kept.") var to: String
        @Option(help: "The campaign key: utm_campaign of every click.") var campaign: String
        @Option(help: "utm_source.") var source: String?
        @Option(help: "utm_medium.") var medium: String?
        @Option(help: "utm_content.") var content: String?
        @Option(help: "utm_term.") var term: String?

        func run() throws {
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
            guard !slug.isEmpty, slug.count <= 64, slug.allSatisfy(allowed.contains) else {
                throw CommandError("SLUG: use 1 to 64 letters, digits, '-' or '_', not '\(slug)'")
            }
            guard let url = URLComponents(string: to), let scheme = url.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
                !to.contains(where: { $0.isWhitespace })
            else { throw CommandError("--to: expected an absolute http or https URL, not '\(to)'") }
            func value(_ text: String?, _ name: String) throws -> String? {
                guard let text else { return nil }
                let trimmed = text.trimmingWhitespace()
                guard !trimmed.isEmpty else { throw CommandError("\(name) is empty") }
                return trimmed
            }
            guard let key = try value(campaign, "--campaign") else { throw CommandError("--campaign is empty") }
            let session = try Session(store)
            let link = TrackedLink(
                slug: slug, target: to,
                utm: UTM(
                    source: try value(source, "--source"), medium: try value(medium, "--medium"), campaign: key,
                    content: try value(content, "--content"), term: try value(term, "--term")),
                createdAt: .now())
            try session.store.addLink(link)
            emit("Added link /r/\(slug) → \(to) (campaign \(key))\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tracked links.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(store)
            let listing = Listing(
                columns: ["slug", "target", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"],
                rows: try session.store.links().map { link in
                    [
                        .string(link.slug), .string(link.target), .text(link.utm.source), .text(link.utm.medium),
                        .text(link.utm.campaign), .text(link.utm.content), .text(link.utm.term),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }
}
#endif
