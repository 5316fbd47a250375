extension LeadPipeline {
    /// When the lead became qualified for good: the start of the stretch, lasting until now, in which it has reached
    /// qualified along the pipeline (a move to qualified or beyond, or a deal, which makes it at least an
    /// opportunity); nil when it has not reached qualified now.
    ///
    /// What a correction takes back never counts: a lead qualified by mistake and moved back is not qualified, and
    /// one qualified again later counts from that later move. This is what a conversion export reports as the
    /// "qualified" event, so an ad platform is never told of a qualification the team withdrew.
    public static func qualifiedAt(history: [StageChange], deals: [Deal]) -> Timestamp? {
        var times = Set(history.filter { $0.kind != .deal }.map(\.at))
        for deal in deals {
            times.insert(deal.createdAt)
            if let closed = deal.closedAt { times.insert(closed) }
        }
        var since: Timestamp?
        for time in times.sorted() {
            if asOf(time, history: history, deals: deals).reached(.qualified) {
                if since == nil { since = time }
            } else {
                since = nil
            }
        }
        return since
    }
}
