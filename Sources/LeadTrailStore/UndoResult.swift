/// What `imports undo` did: the batch, now marked undone, the work by hand it removed (only with `--force`) and the
/// work by hand on its records that stays.
public struct UndoResult: Sendable {
    /// The batch as `imports list` now shows it.
    public var batch: ImportBatch
    /// The work by hand that went with it, one phrase each (empty unless forced over it).
    public var removed: [String]
    /// Deals added by hand whose lead went with the batch: unlinked now, to be relinked with `deal link`.
    public var strandedDeals: [Int64]
    /// The work by hand on the batch's records that stays: it came before the batch, and the undo gives the records
    /// back as they were then (a deal closed or refunded by hand that the batch only updated).
    public var kept: [String]

    public init(batch: ImportBatch, removed: [String], strandedDeals: [Int64], kept: [String] = []) {
        self.batch = batch
        self.removed = removed
        self.strandedDeals = strandedDeals
        self.kept = kept
    }
}
