/// The keyed records whose versions `batch_version` (schema 7) keeps, one per batch that wrote them.
enum VersionedTable: String, CaseIterable {
    case touch, spend, deal
}
