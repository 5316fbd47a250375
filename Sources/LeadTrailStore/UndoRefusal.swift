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

    /// How many dependents the refusal names; the rest are counted. `--force` lists every one it removes.
    public static let named = 5

    /// One line: `batch 3 has manual work: lead 12 stage contacted by ivan, deal 4 added by hand; undo with --force to
    /// remove it`. A batch that sales have worked for weeks has hundreds: the first ``named`` and `and 197 more` (the
    /// demo's forms named all 202, four kilobytes on one line).
    public var description: String {
        let shown = dependents.prefix(Self.named).joined(separator: ", ")
        let more = dependents.count > Self.named ? " and \(dependents.count - Self.named) more" : ""
        return "batch \(batch) has manual work: \(shown)\(more); undo with --force to remove it"
    }
}
