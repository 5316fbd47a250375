/// Where a lead stands, derived when read from its recorded stage moves and its deals — never written by an import,
/// so the order in which leads and deals arrive does not matter.
///
/// The deals speak first: a won deal makes the lead won; when every deal is lost, the lead is lost (an open deal
/// leaves the stage to the reps). A manual stage (a move or a correction) recorded later than the deals' last word
/// wins over them: a rep who marks a won lead lost after its deal closed is believed.
///
/// ```swift
/// let pipeline = LeadPipeline(recorded: .new, history: history, deals: [wonDeal])
/// pipeline.stage  // .won
/// ```
public struct LeadPipeline: Sendable, Equatable {
    /// The stage the lead is in.
    public var stage: Stage
    /// When set, the lead's deals decided its stage: the stage they give it, at the time they gave it.
    public var dealMove: StageChange?
    /// The furthest stage of new → contacted → qualified → opportunity → won the lead has reached: the moves a
    /// correction takes back do not count, a deal counts as opportunity, and won only while the lead is won.
    public var furthest: Stage
    /// When the lead was won (its first won deal's close, else its last move to won); nil unless it is won.
    public var wonAt: Timestamp?

    /// Derives the stage.
    ///
    /// - Parameters:
    ///   - recorded: the stage the last manual move left (the store's column).
    ///   - history: the recorded moves, oldest first (the first, `from` nil, is the lead's creation).
    ///   - deals: the lead's deals.
    public init(recorded: Stage, history: [StageChange], deals: [Deal]) {
        let moves = history.filter { $0.from != nil && $0.kind != .deal }
        let manualAt = moves.last?.at
        var evidence: (stage: Stage, at: Timestamp, deal: Int64)?
        let closes = deals.compactMap { deal in deal.closedAt.map { (status: deal.status, at: $0, deal: deal.id) } }
        let wins = closes.filter { $0.status == .won }
        let latest = {
            (
                lhs: (status: DealStatus, at: Timestamp, deal: Int64),
                rhs: (status: DealStatus, at: Timestamp, deal: Int64)
            ) in
            (lhs.at, lhs.deal) < (rhs.at, rhs.deal)
        }
        if let last = wins.max(by: latest) {
            evidence = (.won, last.at, last.deal)
        } else if !deals.isEmpty, closes.count == deals.count, closes.allSatisfy({ $0.status == .lost }),
            let last = closes.max(by: latest)
        {
            evidence = (.lost, last.at, last.deal)
        }
        if let evidence, manualAt.map({ evidence.at >= $0 }) ?? true, evidence.stage != recorded {
            stage = evidence.stage
            dealMove = StageChange(
                from: recorded, to: evidence.stage, at: evidence.at, by: "deal \(evidence.deal)", kind: .deal)
        } else {
            stage = recorded
            dealMove = nil
        }

        var path: [Stage] = [.new]
        for move in moves {
            if move.kind == .correction {
                if move.to.isFinal {
                    while let top = path.last, top.isFinal, path.count > 1 { path.removeLast() }
                } else {
                    while let top = path.last, path.count > 1, top.isFinal || top.pathRank > move.to.pathRank {
                        path.removeLast()
                    }
                }
            }
            if path.last != move.to { path.append(move.to) }
        }
        // A stage recorded without a move in the history (data from before histories were complete) still counts.
        if path.last != recorded { path.append(recorded) }
        var furthest = path.filter { !$0.isFinal || $0 == .won }.max { $0.pathRank < $1.pathRank } ?? .new
        if !deals.isEmpty, furthest.pathRank < Stage.opportunity.pathRank { furthest = .opportunity }
        if stage == .won {
            furthest = .won
        } else if furthest == .won {
            furthest = .opportunity
        }
        self.furthest = furthest

        if stage == .won {
            if dealMove != nil {
                wonAt = wins.map(\.at).min()
            } else {
                wonAt = moves.last { $0.to == .won }?.at ?? manualAt
            }
        } else {
            wonAt = nil
        }
    }

    /// The history as `lead show` prints it: the recorded moves, then the stage the deals gave the lead, in time order.
    public func shown(_ history: [StageChange]) -> [StageChange] {
        guard let dealMove else { return history }
        var all = history
        let index = all.firstIndex { $0.at > dealMove.at } ?? all.endIndex
        all.insert(dealMove, at: index)
        return all
    }

    /// Whether the lead has got as far as `step` along new → contacted → qualified → opportunity → won.
    public func reached(_ step: Stage) -> Bool {
        !step.isFinal || step == .won ? furthest.pathRank >= step.pathRank : stage == step
    }
}

extension Stage {
    /// The position along new → contacted → qualified → opportunity → won; lost and junk end a pipeline without a
    /// position of their own.
    public var pathRank: Int {
        switch self {
        case .new: 0
        case .contacted: 1
        case .qualified: 2
        case .opportunity: 3
        case .won: 4
        case .lost, .junk: -1
        }
    }
}

extension LeadPipeline {
    /// The pipeline as it stood at `time`: the moves recorded by then, and the deals as they were then (a deal
    /// created later left out, one closed later still open).
    ///
    /// A move is judged from the stage the lead was in when it happened, so a rep's move dated before a deal closed
    /// is a move forward even if the deal has since made the lead won.
    public static func asOf(_ time: Timestamp, history: [StageChange], deals: [Deal]) -> LeadPipeline {
        let then = history.filter { $0.at <= time && $0.kind != .deal }
        let dealsThen = deals.compactMap { deal -> Deal? in
            guard deal.createdAt <= time else { return nil }
            guard let closed = deal.closedAt, closed > time else { return deal }
            var open = deal
            open.status = .open
            open.closedAt = nil
            return open
        }
        return LeadPipeline(recorded: then.last?.to ?? .new, history: then, deals: dealsThen)
    }
}
