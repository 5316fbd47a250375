#if Server
import ArgumentParser
import Foundation
import LeadTrailServer
import LeadTrailStore

extension HookCommand {
    /// `leadtrail hook fetch-meta`: the leads a Meta webhook kept, fetched from the Graph API and added.
    struct FetchMeta: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch-meta",
            abstract: "Fetch the leads a Meta webhook kept from the Graph API and add them as the webhooks do.",
            discussion: """
                The page access token is read from $\(tokenVariable) and never printed. One line per lead id; an \
                id that could not be fetched or read stays pending for the next run, and the command then exits 1.
                """)
        static let tokenVariable = "LEADTRAIL_META_TOKEN"

        @OptionGroup var store: StoreOptions
        @Option(help: "The meta webhook source whose lead ids to fetch (see hook list).") var source: String
        @Option(help: "The Graph API's address, https (plain http only to 127.0.0.1).")
        var graphURL = MetaGraphClient.defaultGraphURL

        func run() throws {
            let token = (ProcessInfo.processInfo.environment[Self.tokenVariable] ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw CommandError(
                    "set \(Self.tokenVariable) to the page access token (it is read from there only)")
            }
            let client: MetaGraphClient
            do { client = try MetaGraphClient(graphURL: graphURL, token: token) } catch {
                throw CommandError(error.description)
            }
            let session = try Session(store)
            guard let hook = try session.store.webhookSources().first(where: { $0.name == source }) else {
                throw CommandError("--source: no webhook source '\(source)' (hook list shows them)")
            }
            guard hook.format == .meta else {
                throw CommandError("--source: '\(source)' is a \(hook.format.rawValue) webhook, not a meta one")
            }
            let summary = try MetaLeadFetch.run(
                source: hook, store: session.store, client: client, timeZone: session.settings.timeZone,
                report: { emit($0 + "\n") })
            if summary.fetched == 0 && summary.failed == 0 {
                emit("nothing to fetch: no lead id of '\(source)' is pending\n")
                return
            }
            emit("\(summary.fetched) fetched, \(summary.failed) left pending\n")
            if summary.failed > 0 {
                throw CommandError("\(summary.failed) lead id(s) left pending (reasons above): run it again later")
            }
        }
    }
}
#endif
