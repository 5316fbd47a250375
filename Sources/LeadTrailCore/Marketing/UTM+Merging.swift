extension UTM {
    /// True when none of the five values is present.
    public var isEmpty: Bool { fatalError("TODO") }

    /// These values with each field of `explicit` that is present (non-empty after trimming) taking precedence.
    public func overridden(by explicit: UTM) -> UTM { fatalError("TODO") }

    /// Each value trimmed and lowercased (Unicode-aware); empty values become nil. Used for matching and report keys.
    public var normalized: UTM { fatalError("TODO") }
}
