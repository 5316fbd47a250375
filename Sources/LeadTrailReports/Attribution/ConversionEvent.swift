import LeadTrailCore

/// One thing that converted in the period, or a refund, with where its journey lies.
struct ConversionEvent {
    /// The position of its lead in `ReportData.leads`; nil for a deal whose lead has not arrived.
    var lead: Int?
    var at: Timestamp
    /// The journey is the lead's touches with time in `(journeyStart, journeyEnd]`.
    var journeyStart: Timestamp
    var journeyEnd: Timestamp
    /// 1 for a conversion, 0 for a refund (a value-only sale event).
    var count: Double
    /// In the report currency's minor units, unrounded; negative for a refund.
    var value: Double
}

extension ConversionEvent {
    /// The conversions of one kind in the period, with sale values converted at the close (or refund) date.
    ///
    /// Leads convert at their created time; deals at theirs; sales at the won deal's close time, worth its amount.
    /// A refund is a sale event at its own time worth −amount, over the sale's journey. The journey of a deal or a
    /// sale starts the lookback window before its lead's created time.
    static func events(
        of kind: ConversionKind, in data: ReportData, options: ReportOptions, scope: ReportScope
    ) throws(MissingExchangeRate) -> [ConversionEvent] {
        // Deals find their lead's position; lead events have it.
        var leadPositions: [Int64: Int] = [:]
        if kind != .lead {
            leadPositions.reserveCapacity(data.leads.count)
            for position in data.leads.indices { leadPositions[data.leads[position].id] = position }
        }
        var calendar = LocalCalendar(timeZone: options.timeZone)
        let lookback = scope.lookback
        func event(lead leadID: Int64?, at: Timestamp, count: Double, value: Double, end: Timestamp) -> ConversionEvent
        {
            let position = leadID.flatMap { leadPositions[$0] }
            let createdAt = position.map { data.leads[$0].createdAt } ?? at
            return ConversionEvent(
                lead: position, at: at, journeyStart: Timestamp(microseconds: createdAt.microseconds - lookback),
                journeyEnd: end, count: count, value: value)
        }
        var events: [ConversionEvent] = []
        switch kind {
        case .lead:
            // By position, not by element: copying each lead retained its strings and arrays (a month's ten
            // thousand leads, for every kind of conversion).
            for position in data.leads.indices {
                let createdAt = data.leads[position].createdAt
                guard scope.contains(createdAt) else { continue }
                events.append(
                    ConversionEvent(
                        lead: position, at: createdAt,
                        journeyStart: Timestamp(microseconds: createdAt.microseconds - lookback),
                        journeyEnd: createdAt, count: 1, value: 0))
            }
        case .deal:
            for deal in data.deals where kind.counts(deal, in: scope) {
                events.append(event(lead: deal.leadID, at: deal.createdAt, count: 1, value: 0, end: deal.createdAt))
            }
        case .sale:
            for deal in data.deals where kind.counts(deal, in: scope) {
                guard let closedAt = deal.closedAt else { continue }
                if scope.contains(closedAt) {
                    let value = try data.rates.convert(
                        deal.amount, to: options.currency, on: calendar.date(of: closedAt))
                    events.append(event(lead: deal.leadID, at: closedAt, count: 1, value: value, end: closedAt))
                }
                for refund in deal.refunds where scope.contains(refund.at) {
                    let value = try data.rates.convert(
                        refund.amount, to: options.currency, on: calendar.date(of: refund.at))
                    events.append(event(lead: deal.leadID, at: refund.at, count: 0, value: -value, end: closedAt))
                }
            }
        }
        return events
    }
}
