public import LeadTrailCore

/// `report speed`: speed-to-lead by owner — the median and 90th percentile from a lead's creation to its first
/// response (its first move out of `new`) — and the median times from click to lead and from lead to won.
///
/// The leads are those created in the period. Click → lead runs from the first touch of the lead's journey (the
/// lookback window before it) to the lead; lead → won, over the leads whose stage is won, from the lead to the close
/// of its first won deal (or, won by hand, to that move); a lead won before it was logged (an imported deal of a
/// returning customer, linked to the lead later) is left out and counted as such, never a negative time. The
/// median of an even count is the mean of the middle two; the 90th percentile is the nearest rank.
public struct SpeedReport: Sendable {
    public struct Row: Sendable, Equatable {
        /// The owner, or `(unassigned)`.
        public var owner: String
        public var leads: Int
        public var responded: Int
        public var medianSeconds: Int64?
        public var p90Seconds: Int64?
    }

    /// A median over some leads.
    public struct Median: Sendable, Equatable {
        public var leads: Int
        public var medianSeconds: Int64?
        /// Leads left out because the end came before the lead was logged: a returning customer whose earlier deal
        /// (imported from a CRM) closed before this lead was created measures no speed.
        public var leftOut = 0
    }

    public var options: ReportOptions
    /// Sorted by leads descending, then owner.
    public var rows: [Row]
    public var totals: Row
    public var clickToLead: Median
    public var leadToWon: Median

    public static func scope(for options: ReportOptions) -> ReportScope {
        options.scope(needsPeriodTouches: false)
    }

    public init(data: ReportData, options: ReportOptions) {
        self.options = options
        let scope = Self.scope(for: options)
        let leads = data.leads.filter { scope.contains($0.createdAt) }
        var responses: [String: [Int64]] = [:]
        var counts: [String: Int] = [:]
        var all: [Int64] = []
        var toLead: [Int64] = []
        // Won as `lead list --stage won` shows it: the lead's pipeline, from its deals and its manual moves.
        var wonAt: [Int64: Timestamp] = [:]
        for (lead, pipeline) in zip(data.leads, data.pipelines()) {
            if let at = pipeline.wonAt { wonAt[lead.id] = at }
        }
        var toWon: [Int64] = []
        var wonBeforeLogged = 0
        for lead in leads {
            let owner = lead.owner ?? "(unassigned)"
            counts[owner, default: 0] += 1
            if let response = lead.history.firstResponse {
                let seconds = (response.at.microseconds - lead.createdAt.microseconds) / 1_000_000
                responses[owner, default: []].append(seconds)
                all.append(seconds)
            }
            let journey = lead.journeyRange(
                after: Timestamp(microseconds: lead.createdAt.microseconds - scope.lookback), through: lead.createdAt)
            if let first = journey.first {
                toLead.append((lead.createdAt.microseconds - lead.touches[first].at.microseconds) / 1_000_000)
            }
            if let won = wonAt[lead.id] {
                if won < lead.createdAt {
                    wonBeforeLogged += 1
                } else {
                    toWon.append((won.microseconds - lead.createdAt.microseconds) / 1_000_000)
                }
            }
        }
        rows = counts.map { owner, count in
            let times = responses[owner] ?? []
            return Row(
                owner: owner, leads: count, responded: times.count, medianSeconds: Self.median(times),
                p90Seconds: Self.percentile90(times))
        }
        rows.sort { $0.leads != $1.leads ? $0.leads > $1.leads : ReportNumber.codePointsAscending($0.owner, $1.owner) }
        totals = Row(
            owner: "(all)", leads: leads.count, responded: all.count, medianSeconds: Self.median(all),
            p90Seconds: Self.percentile90(all))
        clickToLead = Median(leads: toLead.count, medianSeconds: Self.median(toLead))
        leadToWon = Median(leads: toWon.count, medianSeconds: Self.median(toWon), leftOut: wonBeforeLogged)
    }

    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return Money.roundedMinorUnits((Double(sorted[middle - 1]) + Double(sorted[middle])) / 2)
    }

    static func percentile90(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = (sorted.count * 9 + 9) / 10  // ceil(0.9 × n)
        return sorted[max(0, rank - 1)]
    }

    public func rendered(as format: OutputFormat) -> String {
        func seconds(_ value: Int64?) -> OutputValue { value.map(OutputValue.integer) ?? .null }
        func fields(_ row: Row) -> [(String, OutputValue)] {
            [
                ("leads", .integer(Int64(row.leads))), ("responded", .integer(Int64(row.responded))),
                ("median_response_seconds", seconds(row.medianSeconds)),
                ("p90_response_seconds", seconds(row.p90Seconds)),
            ]
        }
        func median(_ value: Median) -> OutputValue {
            .object(
                [("leads", .integer(Int64(value.leads))), ("median_seconds", seconds(value.medianSeconds))]
                    + (value.leftOut > 0 ? [("won_before_logged", .integer(Int64(value.leftOut)))] : []))
        }
        func over(_ value: Median) -> String {
            "median \(value.medianSeconds.map(Self.duration) ?? "—") over \(value.leads) lead\(value.leads == 1 ? "" : "s")"
                + (value.leftOut > 0
                    ? " (\(value.leftOut) won before \(value.leftOut == 1 ? "it was" : "they were") logged, left out)"
                    : "")
        }
        switch format {
        case .json:
            let object = OutputValue.object([
                ("report", .string("speed")), ("from", .string(options.from.description)),
                ("to", .string(options.to.description)), ("timezone", .string(options.timeZoneName)),
                ("lookback_days", .integer(Int64(options.lookbackDays))),
                ("rows", .array(rows.map { .object([("owner", .string($0.owner))] + fields($0)) })),
                ("totals", .object(fields(totals))), ("click_to_lead", median(clickToLead)),
                ("lead_to_won", median(leadToWon)),
            ])
            return object.prettyJSON + "\n"
        case .csv:
            return Listing(
                columns: ["owner", "leads", "responded", "median_response_seconds", "p90_response_seconds"],
                rows: (rows + [totals]).map { [.string($0.owner)] + fields($0).map(\.1) }
            ).csv
        case .table:
            func human(_ value: Int64?) -> OutputValue { value.map { .string(Self.duration($0)) } ?? .null }
            var listing = Listing(
                columns: ["owner", "leads", "responded", "median response", "p90 response"],
                rows: (rows + [totals]).map {
                    [
                        .string($0.owner), .integer(Int64($0.leads)), .integer(Int64($0.responded)),
                        human($0.medianSeconds), human($0.p90Seconds),
                    ]
                })
            listing.nullMark = "—"
            return "Speed to lead · \(options.from) … \(options.to) (\(options.timeZoneName))\n\n" + listing.table
                + "\nclick → lead: \(over(clickToLead))\n" + "lead → won:   \(over(leadToWon))\n"
        }
    }

    /// A duration as people say it: `2h 5m`, `3d 4h`, `45s` (also what `lead show` prints for a first response).
    public static func duration(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = seconds.magnitude
        let days = total / 86_400
        let hours = total % 86_400 / 3_600
        let minutes = total % 3_600 / 60
        if days > 0 { return "\(sign)\(days)d \(hours)h" }
        if hours > 0 { return "\(sign)\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(sign)\(minutes)m" }
        return "\(sign)\(total)s"
    }
}
