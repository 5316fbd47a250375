extension Stage {
    /// Parses a stage name, ignoring case and surrounding spaces.
    public init(parsing text: String) throws(ValidationError) { fatalError("TODO") }

    /// Whether a lead in this stage may move to `next`.
    ///
    /// Open stages move forward (skipping is allowed: new → qualified) or out to won, lost or junk;
    /// won, lost and junk are final; no stage follows itself; nothing moves back.
    public func canMove(to next: Stage) -> Bool { fatalError("TODO") }

    /// True for won, lost and junk.
    public var isFinal: Bool { fatalError("TODO") }
}
