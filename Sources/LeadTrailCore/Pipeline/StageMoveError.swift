public import Foundation

/// Why a lead cannot move to a stage: said in a rep's words, naming the lead, the stages and the flag that helps.
public enum StageMoveError: Error, Equatable, Sendable, LocalTimeDescribable {
    /// The lead is in that stage already.
    case alreadyThere(lead: Int64, stage: Stage)
    /// A move back, asked without `--correct`.
    case needsCorrection(lead: Int64, from: Stage, to: Stage)
    /// `--correct` on a move forward.
    case notACorrection(lead: Int64, from: Stage, to: Stage)
    /// A move dated before the lead's last recorded move.
    case beforeLastMove(lead: Int64, at: Timestamp, last: Timestamp)

    public var description: String { description(in: nil) }

    /// The message with its times as a clock in `zone` shows them, as the user typed them; in UTC without a zone.
    public func description(in zone: TimeZone?) -> String {
        func time(_ instant: Timestamp) -> String { zone.map { instant.localText(in: $0) } ?? instant.rfc3339 }
        let note = zone.map { ", \(Timestamp.zoneName($0)) time" } ?? ""
        return switch self {
        case .alreadyThere(let lead, let stage): "lead \(lead) is already \(stage.rawValue)"
        case .needsCorrection(let lead, let from, let to):
            "lead \(lead): stage \(to.rawValue) cannot follow \(from.rawValue); to undo a mistake, move it back with "
                + "--correct (recorded in its history as a correction)"
        case .notACorrection(let lead, let from, let to):
            "lead \(lead): \(from.rawValue) → \(to.rawValue) is a move forward, not a correction; drop --correct"
        case .beforeLastMove(let lead, let at, let last):
            "lead \(lead): a stage change at \(time(at)) is before its last one (\(time(last))\(note)); give a later --at"
        }
    }
}
