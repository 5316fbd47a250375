public import Foundation
public import LeadTrailCore

/// What `lead list` and `leadtrail serve`'s `GET /api/leads` are asked, read by one rule: the same filters, the same
/// limit of 50 unless told otherwise, the same campaign and channel of the attributed first touch. Each shell reads
/// its own words (`--search` on the command line, `search=` in a URL) and names them in the one-line refusals.
public struct LeadListRequest: Sendable {
    /// How many leads a listing shows unless a limit or "all" is given.
    public static let defaultLimit = 50

    public var query: LeadQuery
    /// The first touch's campaign key, normalised; `(none)` for leads without one.
    public var campaign: String?
    public var channel: Channel?
    /// At most this many leads; nil: every one.
    public var limit: Int?

    /// A request the words cannot make, in one line that names the word (`--limit must be …`).
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Reads the filters as given. `name` spells an option as the shell's user wrote it (`--search`, or `search`).
    public init(
        search: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, stages: [Stage] = [],
        owner: String? = nil, campaign: String? = nil, channel: String? = nil, limit: String? = nil, all: Bool = false,
        timeZone: TimeZone, name: (String) -> String
    ) throws(Refusal) {
        if let from, let to, to < from { throw Refusal(description: "\(name("to")) \(to) is before \(name("from")) \(from)") }
        let calendar = LocalCalendar(timeZone: timeZone)
        query = LeadQuery(
            search: search.flatMap(LeadSearch.init), createdFrom: from.map(calendar.startOfDay),
            createdBefore: to.map { calendar.startOfDay(CalendarDate(dayNumber: $0.dayNumber + 1)) },
            stages: Set(stages))
        if search != nil && query.search == nil { throw Refusal(description: "\(name("search")) is empty") }
        if let owner {
            let trimmed = owner.trimmingWhitespace()
            if trimmed.isEmpty { throw Refusal(description: "\(name("owner")) is empty") }
            query.owner = trimmed
        }
        self.campaign = campaign.map { Normalize.key($0) ?? ReportDimension.noneKey }
        if let channel {
            guard let value = Channel(rawValue: Normalize.key(channel) ?? "") else {
                throw Refusal(
                    description:
                        "unknown channel '\(channel)' (expected one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            self.channel = value
        }
        if all && limit != nil {
            throw Refusal(description: "\(name("limit")) and \(name("all")) contradict each other; give one")
        }
        if all {
            self.limit = nil
        } else if let limit {
            guard let value = Int(limit.trimmingWhitespace()), value > 0 else {
                throw Refusal(
                    description:
                        "\(name("limit")) must be a whole number of leads from 1 up, not '\(limit)' (\(name("all")) lists every lead)"
                )
            }
            self.limit = value
        } else {
            self.limit = Self.defaultLimit
        }
    }

    /// The leads found, newest first, with their first touch's campaign and channel.
    public struct Result: Sendable {
        public var leads: [Lead]
        public var sources: [Int64: LeadSource]
        /// Whether more leads match than the limit let through.
        public var more: Bool
    }

    /// Runs the request: `fetch` reads leads of a query, newest first, at most a count; `load` reads report data for
    /// the first touches. Without `sources` (a database behind the schema the journey tables need) the campaign and
    /// channel columns stay empty, and filtering by them is refused.
    public func run(
        timeZone: TimeZone, sources withSources: Bool = true, fetch: (LeadQuery, Int?) throws -> [Lead],
        load: (ReportScope) throws -> ReportData
    ) throws -> Result {
        let bySource = campaign != nil || channel != nil
        if bySource && !withSources {
            throw Refusal(description: "campaign and channel need the current schema; run 'leadtrail migrate'")
        }
        // One more than the limit tells whether some were left out.
        var leads = try fetch(query, bySource ? nil : limit.map { $0 + 1 })
        var more = false
        if !bySource, let limit, leads.count > limit {
            leads.removeLast(leads.count - limit)
            more = true
        }
        var sources = withSources ? try LeadSource.of(leads, timeZone: timeZone, load: load) : [:]
        if bySource {
            leads = leads.filter { lead in
                let source = sources[lead.id]
                if let campaign, (source?.campaign ?? ReportDimension.noneKey) != campaign { return false }
                if let channel, source?.channel != channel { return false }
                return true
            }
            if let limit, leads.count > limit {
                leads = Array(leads.prefix(limit))
                more = true
            }
            let kept = Set(leads.map(\.id))
            sources = sources.filter { kept.contains($0.key) }
        }
        return Result(leads: leads, sources: sources, more: more)
    }
}
