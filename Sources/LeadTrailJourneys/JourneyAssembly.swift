public import LeadTrailCore

/// How a lead's journey and a period's touches are put together from one visitor's touches at a time (SPEC "Time",
/// "Same-session rule"): the same steps for every store, so that every store gives the same report.
///
/// A store hands each visitor's touches in the order it reads them (time, then record key in its own text order),
/// answers for record keys of tied touches and for whether two touches are of one session, and gets back what a
/// report holds.
public enum JourneyAssembly {
    /// One visitor's touches in journey order (ties by record key in code-point order, SQLite's `BINARY` and
    /// PostgreSQL's `"C"`), without the form touches the same-session rule drops.
    ///
    /// - Parameters:
    ///   - recordKey: a touch's record key; asked only for touches of one instant.
    ///   - isSameSession: whether two touches have the same five normalised UTM values (``SessionRule/values(_:)``).
    @inlinable
    public static func visitorTouches(
        _ touches: [StoredTouch], recordKey: (StoredTouch) throws -> String,
        isSameSession: (_ earlier: StoredTouch, _ form: StoredTouch) throws -> Bool
    ) rethrows -> [StoredTouch] {
        var ordered = touches
        try TouchOrder.order(&ordered, at: \.at, id: \.id, recordKey: recordKey, byRecordKey: TouchOrder.binaryOrder)
        guard ordered.contains(where: \.isForm) else { return ordered }
        let kept = try SessionRule.kept(ordered, at: \.at, isForm: \.isForm) { earlier, form in
            try isSameSession(ordered[earlier], ordered[form])
        }
        return kept.map { ordered[$0] }
    }

    /// A lead's journey from its visitors' kept touches (``visitorTouches(_:recordKey:isSameSession:)``): merged in
    /// time order, touches of one instant by record key as Swift orders strings, whatever the visitors.
    @inlinable
    public static func journey(
        _ touches: [StoredTouch], recordKey: (StoredTouch) throws -> String
    ) rethrows -> [StoredTouch] {
        var merged = touches
        try TouchOrder.order(&merged, at: \.at, id: \.id, recordKey: recordKey, byRecordKey: <)
        return merged
    }

    /// Sets a report lead's touches to a journey (``journey(_:recordKey:)``).
    public static func setTouches(_ journey: [StoredTouch], of lead: inout ReportLead) {
        lead.touches = journey.map { JourneyTouch(at: Timestamp(microseconds: $0.at), isDirect: $0.isDirect, key: $0.key) }
        lead.touchIDs = journey.map(\.id)
    }

    /// Adds one visitor's kept touches (``visitorTouches(_:recordKey:isSameSession:)``) dated from `start` on to a
    /// period's touches; touches before it were read only for the same-session rule.
    public static func appendPeriodTouches(_ kept: [StoredTouch], from start: Int64, to result: inout PeriodTouches) {
        var added = false
        for touch in kept where touch.at >= start {
            result.ids.append(touch.id)
            result.keys.append(touch.key)
            added = true
        }
        if added { result.visitorEnds.append(result.ids.count) }
    }
}
