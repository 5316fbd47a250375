/// One move of a lead through the pipeline, kept forever in its stage history.
public struct StageChange: Hashable, Sendable {
    public var from: Stage?
    public var to: Stage
    public var at: Timestamp
    /// Who made the change: a rep's name, `import`, `deal`.
    public var by: String?

    public init(from: Stage?, to: Stage, at: Timestamp, by: String?) {
        self.from = from
        self.to = to
        self.at = at
        self.by = by
    }
}

extension [StageChange] {
    /// The lead's first response (speed-to-lead): the first move out of `new`.
    public var firstResponse: StageChange? { first { $0.from == .new } }
}
