/// The keyed records whose versions `batch_version` (schema 7) keeps, one per batch that wrote them.
package enum VersionedTable: String, CaseIterable, Sendable {
    case touch, spend, deal
}
