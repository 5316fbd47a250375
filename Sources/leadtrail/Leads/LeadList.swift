import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension LeadCommand {
    /// `lead list`: a rep's view of the pipeline — find a lead by what the person said, newest first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List leads, newest first (50 unless --limit or --all).",
            discussion: """
                --search finds a lead by part of its name, email or external id (ignoring case), or by its phone \
                in any written form: '8 (916) 123-45-67', '+79161234567' and '9161234567' find the same lead. The \
                campaign and channel columns are those of the lead's first touch in the lookback window (90 days).
                """)

        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions
        @Option(help: "Name, email, phone (any form) or external id.") var search: String?
        @Option(help: "Created on or after this day (YYYY-MM-DD, configured zone).") var from: String?
        @Option(help: "Created on or before this day (YYYY-MM-DD, configured zone).") var to: String?
        @Option(help: "Only leads whose first touch is of this campaign key; '(none)' for none.") var campaign: String?
        @Option(
            help:
                "Only leads whose first touch is in this channel: \(Channel.allCases.map(\.rawValue).joined(separator: ", "))."
        )
        var channel: String?
        @Option(help: "Only leads in this stage; repeatable.") var stage: [Stage] = []
        @Option(help: "Only leads of this owner (ignoring case).") var owner: String?
        @Option(parsing: .unconditional, help: "At most this many leads (default \(LeadListRequest.defaultLimit)).")
        var limit: String?
        @Flag(help: "Every lead that matches, however many.") var all = false

        func validate() throws {
            do { _ = try request(from: nil, to: nil, timeZone: .gmt) } catch {
                throw ValidationError(error.description)
            }
        }

        /// The words as the shared rule reads them, `--search` and all.
        func request(from: CalendarDate?, to: CalendarDate?, timeZone: TimeZone) throws(LeadListRequest.Refusal)
            -> LeadListRequest
        {
            try LeadListRequest(
                search: search, from: from, to: to, stages: stage, owner: owner, campaign: campaign, channel: channel,
                limit: limit, all: all, timeZone: timeZone, name: { "--\($0)" })
        }

        func run() throws {
            let session = try Session(options)
            let zone = session.settings.timeZone
            let request: LeadListRequest
            do {
                request = try self.request(
                    from: try from.map { try session.date($0, field: "--from") },
                    to: try to.map { try session.date($0, field: "--to") }, timeZone: zone)
            } catch let refusal as LeadListRequest.Refusal { throw CommandError(refusal.description) }
            // A database behind this build's schema is read as it is (reads never migrate), without the columns
            // that need the journey tables of later schemas.
            let current = try session.store.schemaVersion() >= SQLiteStore.knownSchemaVersion
            if !current { warn("campaign and channel need the current schema; run 'leadtrail migrate'") }
            let store = session.store
            let found: LeadListRequest.Result
            do {
                found = try request.run(
                    timeZone: zone, sources: current,
                    fetch: { query, limit in try store.leads(matching: LeadFilter(query: query, limit: limit)) },
                    load: store.reportData)
            } catch let refusal as LeadListRequest.Refusal { throw CommandError(refusal.description) }
            let listing = Listing.leads(
                found.leads, sources: found.sources, timeZone: zone, format: output.format.format)
            emit(listing.rendered(as: output.format.format))
            if found.more, let limit = request.limit {
                let leads = limit == 1 ? "lead that matches" : "\(limit) leads that match"
                warn("showing the newest \(leads); --limit N shows more, --all every one")
            }
        }
    }
}
