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
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List import batches, oldest first.")
        @OptionGroup var options: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let session = try Session(options)
            let json = output.format == .json
            let zone = session.settings.timeZone
            let listing = Listing(
                columns: [
                    "batch", "kind", "file", "preset", Listing.localTimeColumn("imported_at", in: zone, json: json),
                    "read", "imported", "updated", "duplicates",
                    "skipped", "rejected", Listing.localTimeColumn("undone_at", in: zone, json: json),
                ],
                rows: try session.store.importBatches().map { batch in
                    [
                        batch.id.map(OutputValue.integer) ?? .null, .string(batch.kind.rawValue),
                        .string(batch.fileName), .text(batch.preset),
                        OutputValue.localTime(batch.importedAt, in: zone, json: json),
                        .integer(Int64(batch.counts.read)), .integer(Int64(batch.counts.imported)),
                        .integer(Int64(batch.counts.updated)), .integer(Int64(batch.counts.duplicates)),
                        .integer(Int64(batch.counts.skipped)), .integer(Int64(batch.counts.rejected)),
                        OutputValue.localTime(batch.undoneAt, in: zone, json: json),
                    ]
                })
            emit(listing.rendered(as: output.format.format))
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Take a batch back: the data becomes what the batches still standing make it.",
            discussion: """
                Refuses when undoing would remove work done by hand on what the batch brought (stage moves, owners, \
                deals added from the CLI, merges, deals closed, reopened or refunded by hand) and names it; --force \
                undoes it anyway and says what it removed. Hand work from before the batch on a deal it only \
                updated stays (the deal goes back to how it was then), and the undo says it was kept.
                """)
        @OptionGroup var options: StoreOptions
        @Argument(help: "The batch number (see 'imports list').") var batch: Int64
        @Flag(help: "Undo even though work done by hand depends on the batch, and remove that work.") var force = false

        func run() throws {
            // An undo commits once, at its end: Ctrl-C before that leaves the batch as it was.
            InterruptNotice.install("Interrupted: batch \(batch) was not undone; the database is as it was.")
            let result = try Session(options).store.undoImport(batch, force: force)
            let undone = result.batch
            var text = "Batch \(batch) (\(undone.kind.rawValue), \(undone.fileName)) undone\n"
            if !result.removed.isEmpty {
                // One a line: a batch that sales worked for weeks took hundreds with it (202 in the demo's forms),
                // which on one line nobody could read or grep.
                let count = result.removed.count
                text += "Removed \(count) \(count == 1 ? "piece" : "pieces") of work done by hand:\n"
                for piece in result.removed { text += "  \(piece)\n" }
            }
            if !result.kept.isEmpty {
                let count = result.kept.count
                text +=
                    "Kept \(count) \(count == 1 ? "piece" : "pieces") of work done by hand (from before the batch):\n"
                for piece in result.kept { text += "  \(piece)\n" }
            }
            for deal in result.strandedDeals {
                text += "Deal \(deal) has no lead now; relink it with 'leadtrail deal link \(deal) LEAD'\n"
            }
            emit(text)
        }
    }
}
