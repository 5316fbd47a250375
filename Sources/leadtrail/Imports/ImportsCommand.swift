import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailReports
import LeadTrailStore

/// `leadtrail imports list|undo`: the batches, and taking one back.
struct ImportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports", abstract: "List import batches, or undo one.", subcommands: [List.self, Undo.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List import batches, oldest first.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(options)
            let json = output.format == .json
            let zone = session.settings.timeZone
            let listing = Listing(
                columns: [
                    "batch", "kind", "file", "preset", "imported_at", "read", "imported", "updated", "duplicates",
                    "skipped", "rejected", "undone_at",
                ],
                rows: try session.store.importBatches().map { batch in
                    [
                        batch.id.map(OutputValue.integer) ?? .null, .string(batch.kind.rawValue),
                        .string(batch.fileName), .text(batch.preset),
                        json ? .time(batch.importedAt) : .string(batch.importedAt.local(in: zone)),
                        .integer(Int64(batch.counts.read)), .integer(Int64(batch.counts.imported)),
                        .integer(Int64(batch.counts.updated)), .integer(Int64(batch.counts.duplicates)),
                        .integer(Int64(batch.counts.skipped)), .integer(Int64(batch.counts.rejected)),
                        json ? .time(batch.undoneAt) : .text(batch.undoneAt?.local(in: zone)),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove exactly what a batch added and restore the rows it replaced.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The batch number (see 'imports list').") var batch: Int64

        func run() throws {
            let undone = try Session(options).store.undoImport(batch)
            emit("Batch \(batch) (\(undone.kind.rawValue), \(undone.fileName)) undone\n")
        }
    }
}
