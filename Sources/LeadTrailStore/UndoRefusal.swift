/// Why `imports undo` refused: the batch carries work done by hand that undoing it would remove.
public struct UndoRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The batch that was not undone.
    public var batch: Int64
    /// What depends on it, one phrase each: `lead 12 stage contacted by ivan`, `deal 4 added by hand`.
    public var dependents: [String]

    public init(batch: Int64, dependents: [String]) {
        self.batch = batch
        self.dependents = dependents
    }

    /// One line: `batch 3 has manual work: lead 12 stage contacted by ivan, deal 4 added by hand; undo with --force to
    /// remove it`.
    public var description: String {
        "batch \(batch) has manual work: \(dependents.joined(separator: ", ")); undo with --force to remove it"
    }
}
