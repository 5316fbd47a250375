import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

extension LeadCommand {
    /// `lead list`: a rep's view of the pipeline — find a lead by what the person said, newest first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List leads, newest first (50 unless --limit or --all).",
            discussion: """
                --search finds a lead by part of its name, email or external id (ignoring case), or by its phone \
                in any written form: '8 (916) 123-45-67', '+79161234567' and '9161234567' find the same lead. The \
                campaign and channel columns are those of the lead's first touch in the lookback window (90 days).
                """)

        static let defaultLimit = 50

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
        @Option(parsing: .unconditional, help: "At most this many leads (default \(List.defaultLimit)).") var limit:
            String?
        @Flag(help: "Every lead that matches, however many.") var all = false

        func validate() throws {
            if all && limit != nil { throw ValidationError("--limit and --all contradict each other; give one") }
            _ = try limitValue()
            _ = try channelValue()
        }

        func limitValue() throws -> Int? {
            if all { return nil }
            guard let limit else { return Self.defaultLimit }
            guard let value = Int(limit.trimmingWhitespace()), value > 0 else {
                throw ValidationError(
                    "--limit must be a whole number of leads from 1 up, not '\(limit)' (--all lists every lead)")
            }
            return value
        }

        func channelValue() throws -> Channel? {
            guard let channel else { return nil }
            guard let value = Channel(rawValue: Normalize.key(channel) ?? "") else {
                throw ValidationError(
                    "unknown channel '\(channel)' (expected one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            return value
        }

        func run() throws {
            let session = try Session(options)
            let calendar = LocalCalendar(timeZone: session.settings.timeZone)
            let fromDay = try from.map { try session.date($0, field: "--from") }
            let toDay = try to.map { try session.date($0, field: "--to") }
            if let fromDay, let toDay, toDay < fromDay {
                throw CommandError("--to \(toDay) is before --from \(fromDay)")
            }
            var query = LeadQuery(
                search: search.flatMap(LeadSearch.init), createdFrom: fromDay.map(calendar.startOfDay),
                createdBefore: toDay.map { calendar.startOfDay(CalendarDate(dayNumber: $0.dayNumber + 1)) },
                stages: Set(stage), owner: owner)
            if search != nil && query.search == nil { throw CommandError("--search is empty") }
            if owner?.trimmingWhitespace().isEmpty == true { throw CommandError("--owner is empty") }
            query.owner = owner?.trimmingWhitespace()
            let limit = try limitValue()
            let channel = try channelValue()
            let wantsSource = campaign != nil || channel != nil
            // One more than the limit tells whether some were left out.
            var leads = try session.store.leads(
                matching: LeadFilter(query: query, limit: wantsSource ? nil : limit.map { $0 + 1 }))
            var more = false
            if !wantsSource, let limit, leads.count > limit {
                leads.removeLast(leads.count - limit)
                more = true
            }
            // A database behind this build's schema is read as it is (reads never migrate), without the columns
            // that need the journey tables of later schemas.
            let current = try session.store.schemaVersion() >= SQLiteStore.knownSchemaVersion
            var sources =
                current
                ? try LeadSource.of(leads, timeZone: session.settings.timeZone, load: session.store.reportData) : [:]
            if !current { warn("campaign and channel need the current schema; run 'leadtrail migrate'") }
            if wantsSource {
                let campaignKey = campaign.map { Normalize.key($0) ?? ReportDimension.noneKey }
                leads = leads.filter { lead in
                    let source = sources[lead.id]
                    if let campaignKey, (source?.campaign ?? ReportDimension.noneKey) != campaignKey { return false }
                    if let channel, source?.channel != channel { return false }
                    return true
                }
                if let limit, leads.count > limit {
                    leads = Array(leads.prefix(limit))
                    more = true
                }
                sources = sources.filter { id, _ in leads.contains { $0.id == id } }
            }
            let listing = Listing.leads(
                leads, sources: sources, timeZone: session.settings.timeZone, format: output.format.format)
            emit(listing.rendered(as: output.format.format))
            if more, let limit {
                warn("showing the newest \(limit) leads that match; --limit N shows more, --all every one")
            }
        }
    }
}
