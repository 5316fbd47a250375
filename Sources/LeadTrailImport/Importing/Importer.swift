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
    /// detection follow the records' own times); spend keeps the last row of a (day, campaign) key in the file.
    public static func run(
        _ job: ImportJob, store: any ImportingStore, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportBatch {
        let batch = ImportBatch(
            id: nil, kind: job.kind, fileName: job.file.lastPathComponent, fileHash: try FileDigest.of(job.file),
            preset: job.presetName, importedAt: job.options.importTime, counts: ImportCounts())
        let rejects = try job.rejects.map { try RejectsWriter(url: $0) }
        defer { rejects?.close() }
        return try store.runImport(batch, dryRun: job.dryRun) { writer in
            var counts = ImportCounts()
            switch job.kind {
            case .clicks:
                let stream = try ImportStream(clicks: job.file, preset: job.clickPreset, options: job.options)
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress) { click in
                    try writer.addClick(click.touch)
                }
            case .deals:
                let stream = try ImportStream(deals: job.file, options: job.options)
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress) { deal in
                    try writer.putDeal(
                        ImportedDeal(
                            id: deal.id, lead: deal.lead, amount: deal.amount, status: deal.status,
                            createdAt: deal.createdAt, closedAt: deal.closedAt, refund: deal.refund,
                            contentHash: deal.contentHash))
                }
            case .forms:
                let stream = try ImportStream(forms: job.file, preset: job.formPreset, options: job.options)
                var forms: [FormRecord] = []
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress) { form in
                    forms.append(form)
                    return nil
                }
                forms.sort { ($0.submittedAt, $0.key) < ($1.submittedAt, $1.key) }
                for form in forms {
                    counts.count(try writer.addSubmission(form.request, key: form.key, contentHash: form.contentHash))
                }
            case .spend:
                let stream = try ImportStream(spend: job.file, preset: job.spendPreset, options: job.options)
                var rows: [String: (order: Int, spend: Spend)] = [:]
                var superseded = 0
                try drain(stream, job: job, counts: &counts, rejects: rejects, progress: progress) { row in
                    let key = row.date.description + "\u{1F}" + row.campaignKey
                    // In one file the last row for a key wins; the row it supersedes counts as skipped.
                    if rows.updateValue((rows.count, row.spend), forKey: key) != nil { superseded += 1 }
                    return nil
                }
                counts.skipped += superseded
                for (_, row) in rows.sorted(by: { $0.value.order < $1.value.order }) {
                    counts.count(try writer.putSpend(row.spend))
                }
            }
            return counts
        }
    }

    /// Reads every item of a stream: counts it, rejects or fails on an invalid one, and hands a valid record to
    /// `write` (which returns what became of it, or nil when the record is written later).
    private static func drain<Record>(
        _ stream: ImportStream<Record>, job: ImportJob, counts: inout ImportCounts, rejects: RejectsWriter?,
        progress: ((ImportProgress) -> Void)?, write: (Record) throws -> WriteOutcome?
    ) throws {
        while let item = try stream.next() {
            counts.read += 1
            if let progress, counts.read % 10_000 == 0 {
                progress(ImportProgress(records: counts.read, bytesRead: stream.bytesRead, totalBytes: stream.totalBytes))
            }
            switch item.outcome {
            case .record(let record):
                if let outcome = try write(record) { counts.count(outcome) }
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
