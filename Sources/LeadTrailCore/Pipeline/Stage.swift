/// Where a lead stands in the sales pipeline: `new` → `contacted` → `qualified` → `opportunity` → `won` | `lost`,
/// plus `junk` for spam and wrong numbers.
public enum Stage: String, CaseIterable, Hashable, Sendable {
    case new, contacted, qualified, opportunity, won, lost, junk
}
