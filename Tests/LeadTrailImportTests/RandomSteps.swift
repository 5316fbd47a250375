import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore

/// Steps the property tests take at random on a store, as a user would, each returning the line its log shows.
enum RandomSteps {
    /// Imports `text` as a file of `kind` named `name`; the batch's id joins `batches` when the file changed something.
    static func importFile(
        _ kind: ImportKind, _ text: String, named name: String, into store: SQLiteStore, folder: TemporaryFolder,
        batches: inout [Int64]
    ) throws -> String {
        let batch = try Importer.run(ImportJob(kind: kind, file: folder.file(name, text), options: options), store: store)
        if let id = batch.id { batches.append(id) }
        return "import \(kind.rawValue) → \(batch.id.map(String.init) ?? "no batch")\n\(text)"
    }

    /// Merges two leads picked at random (nil when there are not two); a merge the store refuses changes nothing.
    static func mergeLeads(in store: SQLiteStore, _ random: inout SplitMix64) throws -> String? {
        let ids = try store.leads(matching: LeadFilter()).map(\.id)
        guard ids.count >= 2 else { return nil }
        let keep = ids[random.below(ids.count)]
        let other = ids[random.below(ids.count)]
        guard keep != other else { return nil }
        do {
            try store.mergeLeads(keep: keep, other: other)
            return "lead merge \(keep) \(other)"
        } catch {
            return "lead merge \(keep) \(other) refused: \(error)"
        }
    }
}
