extension Stage {
    /// Parses a stage name, ignoring case and surrounding spaces.
    public init(parsing text: String) throws(ValidationError) {
        guard let key = Normalize.key(text), let stage = Stage(rawValue: key) else { throw .unknownStage(text) }
        self = stage
    }

    /// Whether a lead in this stage may move forward to `next`.
    ///
    /// Open stages move forward (skipping is allowed: new → qualified) or out to won, lost or junk;
    /// won, lost and junk are final; no stage follows itself. Every other move is a move back: a correction
    /// (``StageMove``).
    public func canMove(to next: Stage) -> Bool {
        guard !isFinal, next != self else { return false }
        if next.isFinal { return true }
        return next.openOrder > openOrder
    }

    /// True for won, lost and junk.
    public var isFinal: Bool {
        switch self {
        case .won, .lost, .junk: true
        case .new, .contacted, .qualified, .opportunity: false
        }
    }

    /// The position of an open stage along the pipeline.
    private var openOrder: Int {
        switch self {
        case .new: 0
        case .contacted: 1
        case .qualified: 2
        case .opportunity: 3
        case .won, .lost, .junk: 4
        }
    }
}
