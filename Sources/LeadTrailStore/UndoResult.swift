/// What `imports undo` did: the batch, now marked undone, and the work by hand it removed (only with `--force`).
public struct UndoResult: Sendable {
    /// The batch as `imports list` now shows it.
    public var batch: ImportBatch
    /// The work by hand that went with it, one phrase each (empty unless forced over it).
    public var removed: [String]
    /// Deals added by hand whose lead went with the batch: unlinked now, to be relinked with `deal link`.
    public var strandedDeals: [Int64]

    public init(batch: ImportBatch, removed: [String], strandedDeals: [Int64]) {
        self.batch = batch
        self.removed = removed
        self.strandedDeals = strandedDeals
    }
}
