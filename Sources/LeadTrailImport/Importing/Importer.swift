public import Foundation
public import LeadTrailCore
public import LeadTrailStore

/// Runs an import job against a store: reads the file as a stream, validates each record, and writes the batch in
/// one transaction, keeping every promise of the SPEC's "What an import promises".
public enum Importer {
    /// Imports the file and returns its batch (with a nil id for a dry run).
    ///
    /// Without `skipInvalid` the first invalid record throws an `ImportFileError` naming the file, the record and
    /// the field, and nothing is written. Forms are written in `submitted_at` order (lead creation and duplicate
    /// detection follow the records' own times); the rows of a (day, campaign) key in a spend file are summed.
    public static func run(
        _ job: ImportJob, store: any ImportingStore, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportBatch {
        let batch = ImportBatch(
            id: nil, kind: job.kind, fileName: job.file.lastPathComponent, fileHash: try FileDigest.of(job.file),
            preset: job.presetName, importedAt: job.options.importTime, counts: ImportCounts())
        let rejects = try job.rejects.map { try RejectsWriter(url: $0) }
        defer { rejects?.close() }
        var notes: [String] = []
        var result = try store.runImport(batch, dryRun: job.dryRun) { writer in
            var counts = ImportCounts()
            switch job.kind {
            case .clicks:
                let stream = try ImportStream(clicks: job.file, preset: job.clickPreset, options: job.options)
                    .readingAhead()
                // Clicks go to the store a chunk at a time (a thousand, or what the store asks), in file order: a
                // few round trips each on a server.
                let perCall = max(1, writer.clicksPerCall)
                var pending: [Touch] = []
                pending.reserveCapacity(perCall)
                var written = ImportCounts()
                var announced = false
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress, id: \.id) {
                    click, _ in
                    pending.append(click.touch)
                    if pending.count == perCall {
                        if !announced {
                            // The first chunk's share of the file tells about how many records there are.
                            let read = max(stream.bytesRead, 1)
                            try writer.expectClicks(Int(stream.totalBytes / read) * pending.count)
                            announced = true
                        }
                        for outcome in try writer.addClicks(pending) { written.count(outcome) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    return nil
                }
                for outcome in try writer.addClicks(pending) { written.count(outcome) }
                counts.addWrites(written)
            case .deals:
                let stream = try ImportStream(deals: job.file, options: job.options).readingAhead()
                // Deals go to the store a thousand at a time, in file order: a few round trips each on a server.
                var pending: [(deal: ImportedDeal, item: ImportItem<DealRecord>)] = []
                var written = ImportCounts()
                // A record that would overturn work done by hand on its deal is refused like an invalid one: it
                // fails the file, or is set aside with --skip-invalid (the deal stays as the rep left it).
                func flush() throws {
                    let conflicts = try writer.handWorkConflicts(pending.map(\.deal))
                    var kept: [ImportedDeal] = []
                    kept.reserveCapacity(pending.count)
                    for (deal, item) in pending {
                        guard let conflict = conflicts[deal.id] else {
                            kept.append(deal)
                            continue
                        }
                        let located = stream.fileError(
                            RecordError(
                                field: conflict.field, message: conflict.description(in: job.options.timeZone)),
                            at: item)
                        guard job.skipInvalid else { throw located }
                        written.rejected += 1
                        try rejects?.write(record: item.text, reason: located.description)
                    }
                    for outcome in try writer.putDeals(kept) { written.count(outcome) }
                    pending.removeAll(keepingCapacity: true)
                }
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress, id: \.id) {
                    deal, item in
                    pending.append(
                        (
                            ImportedDeal(
                                id: deal.id, lead: deal.lead, amount: deal.amount, status: deal.status,
                                createdAt: deal.createdAt, closedAt: deal.closedAt, refund: deal.refund,
                                contentHash: deal.contentHash),
                            item
                        ))
                    if pending.count == Self.dealsPerCall { try flush() }
                    return nil
                }
                try flush()
                counts.addWrites(written)
                counts.rejected += written.rejected
            case .forms:
                let stream = try ImportStream(forms: job.file, preset: job.formPreset, options: job.options)
                var forms: [FormRecord] = []
                try drain(
                    stream, job: job, counts: &counts, rejects: rejects, progress: progress, id: \.externalID
                ) { form, _ in
                    forms.append(form)
                    return nil
                }
                // Latest first: each chunk is taken off the end in `submitted_at` order, and the records written
                // are let go, so the file is held once (its records), never twice (records and requests).
                forms.sort { ($0.submittedAt, $0.key) > ($1.submittedAt, $1.key) }
                let perChunk = max(1, job.formsPerChunk)
                while !forms.isEmpty {
                    let chunk = Array(forms.suffix(perChunk).reversed())
                    forms.removeLast(chunk.count)
                    // The store reads ahead what judging this chunk needs, after the previous chunk's writes.
                    let requests = chunk.map(\.request)
                    try writer.expectSubmissions(
                        requests, keys: chunk.map(\.key), contentHashes: chunk.map(\.contentHash))
                    for (form, request) in zip(chunk, requests) {
                        counts.count(try writer.addSubmission(request, key: form.key, contentHash: form.contentHash))
                    }
                }
            case .spend:
                let stream = try ImportStream(spend: job.file, preset: job.spendPreset, options: job.options)
                var rows: [Spend] = []
                // Spend has no record id: a day and campaign repeated in a file is a part of that day's spend, which
                // the file reader summed (SpendFileReader), never an error: each key comes here once.
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress, id: { _ in nil }) {
                    row, _ in
                    rows.append(row.spend)
                    return nil
                }
                // A renamed campaign's days stored under its old name are refused, or moved when accepted: never
                // stored twice.
                let renames: [SpendRename]
                do {
                    renames = try writer.moveRenamedSpend(rows, accepting: job.options.acceptsRenames)
                } catch let error as StoreError {
                    throw ImportFileError(file: job.file.lastPathComponent, message: error.description)
                }
                do {
                    for outcome in try writer.putSpends(rows) { counts.count(outcome) }
                } catch let error as StoreError {
                    // Named with its file: the day and the campaign say which row.
                    guard case .spendFromAnotherPlatform = error else { throw error }
                    throw ImportFileError(file: job.file.lastPathComponent, message: error.description)
                }
                notes = stream.notes + renames.map(\.note)
            }
            // An empty file (0 bytes, blank lines, `[]`) is no import of anything: said, not "nothing changed".
            if counts.read == 0, !job.options.allowsEmpty {
                throw ImportFileError(
                    file: job.file.lastPathComponent,
                    message: "the file has no records; nothing to import (give --allow-empty to accept such a file)")
            }
            return counts
        }
        result.notes = notes
        return result
    }

    /// How many deals the importer hands ``ImportWriter/putDeals(_:)`` at a time.
    static let dealsPerCall = 1000

    /// How a message names a record of a file: `record 3`, `line 3` or `data row 3`.
    private static func place(_ number: Int, _ numbering: ImportFileError.Numbering) -> String {
        switch numbering {
        case .record: "record \(number)"
        case .line: "line \(number)"
        case .row: "data row \(number)"
        }
    }

    /// Reads every item of a stream: counts it, rejects or fails on an invalid one, and hands a valid record to
    /// `write` with its item (its number and text, for a refusal found when it is written), which returns what became of
    /// it, or nil when the record is written later.
    ///
    /// A record whose own `id` (given by `id`) an earlier record of the file has is invalid: the error names both
    /// places, so two different records never silently become one.
    private static func drain<Record>(
        _ stream: ImportStream<Record>, job: ImportJob, counts: inout ImportCounts, rejects: RejectsWriter?,
        progress: ((ImportProgress) -> Void)?, id: (Record) -> String?,
        write: (Record, ImportItem<Record>) throws -> WriteOutcome?
    ) throws {
        var seen: [String: Int] = [:]
        let numbering = stream.source.numbering
        while var item = try stream.next() {
            if case .record(let record) = item.outcome, let key = id(record) {
                if let first = seen[key] {
                    item.outcome = .rejected(
                        RecordError(
                            field: "id",
                            message: "id '\(key)' is also the id of \(place(first, numbering)); "
                                + "two records with one id would be one record"))
                } else {
                    seen[key] = item.number
                }
            }
            counts.read += 1
            if let progress, counts.read % 10_000 == 0 {
                progress(
                    ImportProgress(records: counts.read, bytesRead: stream.bytesRead, totalBytes: stream.totalBytes))
            }
            switch item.outcome {
            case .record(let record):
                if let outcome = try write(record, item) { counts.count(outcome) }
            case .skipped:
                counts.skipped += 1
            case .rejected(let error):
                let located = stream.fileError(error, at: item)
                guard job.skipInvalid else { throw located }
                counts.rejected += 1
                try rejects?.write(record: item.text, reason: located.description)
            }
        }
        progress?(ImportProgress(records: counts.read, bytesRead: stream.bytesRead, totalBytes: stream.totalBytes))
    }
}

extension FormRecord {
    /// The store's request for this submission.
    var request: NewLead {
        NewLead(
            createdAt: submittedAt, name: name, email: email, phone: phone, form: form, externalID: externalID,
            fieldsJSON: fieldsJSON, visitor: visitor,
            context: RequestContext(key: "form:" + key, url: pageURL, utm: utm, clickID: clickID),
            createdBy: "import")
    }
}
