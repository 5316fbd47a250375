/// What kind of move a stage change is: forward along the pipeline, or back as a correction of a mistake.
///
/// Forward: an open stage to a later open stage (skipping is allowed: new → qualified), or out to won, lost or junk.
/// Back (a correction): an open stage to an earlier one (qualified → contacted), or anything out of won, lost or junk
/// (won → lost, junk → new). A correction is allowed only when asked for (`lead stage --correct`), so a misclick
/// cannot silently rewrite the pipeline; a forward move asked as a correction is refused too, as it corrects nothing.
public enum StageMove: String, Sendable, Hashable {
    case forward
    case correction

    /// The kind of the move from `current` to `next`.
    ///
    /// `current` is the lead's stage as shown (derived from its moves and its deals), so a lead that a won deal made
    /// won needs `--correct` to go back, like one moved to won by hand.
    public static func check(
        lead: Int64, from current: Stage, to next: Stage, correcting: Bool
    ) throws(StageMoveError) -> StageMove {
        guard current != next else { throw .alreadyThere(lead: lead, stage: next) }
        let move: StageMove = current.canMove(to: next) ? .forward : .correction
        switch (move, correcting) {
        case (.forward, false): return .forward
        case (.correction, true): return .correction
        case (.correction, false): throw .needsCorrection(lead: lead, from: current, to: next)
        case (.forward, true): throw .notACorrection(lead: lead, from: current, to: next)
        }
    }

    /// Refuses a move dated before the lead's last recorded move: the history is kept in the order it happened.
    public static func checkOrder(lead: Int64, at time: Timestamp, history: [StageChange]) throws(StageMoveError) {
        guard let last = history.last(where: { $0.from != nil && $0.kind != .deal }), time < last.at else { return }
        throw .beforeLastMove(lead: lead, at: time, last: last.at)
    }
}
