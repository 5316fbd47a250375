/// One move of a lead through the pipeline, kept forever in its stage history.
public struct StageChange: Hashable, Sendable {
    /// What made a change: a move along the pipeline, a correction of an earlier move, or a deal's outcome.
    public enum Kind: String, Hashable, Sendable {
        /// A move forward, out to won, lost or junk, or the lead's first stage.
        case move
        /// A move back recorded with `lead stage --correct`: it takes back the move it corrects.
        case correction
        /// Not stored: the stage the lead's deals give it, shown in its history at the deal's time.
        case deal
    }

    public var from: Stage?
    public var to: Stage
    public var at: Timestamp
    /// Who made the change: a rep's name, `import`, `deal 4`.
    public var by: String?
    public var kind: Kind

    public init(from: Stage?, to: Stage, at: Timestamp, by: String?, kind: Kind = .move) {
        self.from = from
        self.to = to
        self.at = at
        self.by = by
        self.kind = kind
    }

    /// True for a move back recorded with `--correct`.
    public var isCorrection: Bool { kind == .correction }
}

extension [StageChange] {
    /// The lead's first response (speed-to-lead): the first move out of `new` made by a person, not by a deal.
    public var firstResponse: StageChange? { first { $0.from == .new && $0.kind != .deal } }
}
