/// What counts as a conversion in a report: `--conversion lead|deal|sale`.
public enum ConversionKind: String, CaseIterable, Hashable, Sendable {
    /// A lead, at its created time, worth nothing.
    case lead
    /// A deal, at its created time, worth nothing.
    case deal
    /// A won deal, at its close time, worth its amount; a refund is a value-only sale event.
    case sale
}
