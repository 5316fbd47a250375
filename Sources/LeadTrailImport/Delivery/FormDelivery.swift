public import LeadTrailCore
public import LeadTrailStore

/// One form submission that arrived on its own (a webhook of `leadtrail serve`), written exactly as `import forms`
/// writes a record: the same preset, the same `FormRecord` validation, the same duplicate rules, in one import
/// batch of its own (so `imports list` shows it and `imports undo` removes it).
public enum FormDelivery {
    /// What became of a delivery.
    public enum Outcome: Equatable, Sendable {
        /// A new lead, or a duplicate request recorded on the person's recent lead.
        case written(WriteOutcome)
        /// The same submission again (a retried delivery): nothing new was written.
        case alreadyKept
        /// Not a lead at all (Tilda's `test=test` probe, a VK callback of another type).
        case notALead
    }

    /// Parses one JSON object from a request body exactly as `import forms` reads a record: the same scanner from
    /// the body's first byte, the same refusals (`expected a JSON object, found null`) and the same positions
    /// (`invalid JSON: … (column 2)`); a UTF-8 byte order mark before it is skipped, as a file's is.
    public static func object(json bytes: [UInt8]) throws(RecordError) -> JSONObject {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let record = bytes.withUnsafeBufferPointer { buffer in
            RecordReader.record(from: UnsafeBufferPointer(rebasing: buffer[start...]), number: 1)
        }
        return try record.object.get()
    }

    /// Validates `object` through `preset` and `FormRecord` and writes it as one batch named `source`.
    ///
    /// Throws the record's `RecordError` (the field and the reason) when it is invalid; nothing is written then.
    public static func deliver(
        _ object: JSONObject, preset: FormPreset, source: String, options: ImportOptions, store: any ImportingStore
    ) throws -> Outcome {
        guard let generic = try checked(object, preset: preset, options: options) else { return .notALead }
        return try deliver(generic: generic, preset: preset, source: source, options: options, store: store)
    }

    /// The generic record `preset` makes of `object`, checked by `FormRecord` as the write will check it; nil when
    /// it is not a lead. Touches no store: `leadtrail serve` refuses an invalid delivery (422) before it waits for
    /// the database, and keeps only this record (never the raw body) when it must answer before the write.
    public static func checked(_ object: JSONObject, preset: FormPreset, options: ImportOptions) throws(RecordError)
        -> JSONObject?
    {
        guard let generic = try preset.genericObject(from: object, options: options) else { return nil }
        _ = try FormRecord(generic: generic, options: options)
        return generic
    }

    /// Writes a record ``checked(_:preset:options:)`` made, as ``deliver(_:preset:source:options:store:)`` writes
    /// the object it came from (`preset` names the batch's preset). Given the same `options.importTime`, the same
    /// record written again is the same submission (``Outcome/alreadyKept``).
    public static func deliver(
        generic: JSONObject, preset: FormPreset, source: String, options: ImportOptions, store: any ImportingStore
    ) throws -> Outcome {
        let record = try FormRecord(generic: generic, options: options)
        let batch = ImportBatch(
            id: nil, kind: .forms, fileName: "webhook " + source, fileHash: record.contentHash,
            preset: preset.rawValue, importedAt: options.importTime, counts: ImportCounts())
        var outcome = WriteOutcome.skipped
        do {
            _ = try store.runImport(batch, dryRun: false) { writer in
                var counts = ImportCounts()
                counts.read = 1
                outcome = try writer.addSubmission(record.request, key: record.key, contentHash: record.contentHash)
                // A retried delivery leaves no empty batch behind: the transaction is rolled back.
                if outcome == .skipped { throw AlreadyKept() }
                counts.count(outcome)
                return counts
            }
        } catch is AlreadyKept {
            return .alreadyKept
        }
        return .written(outcome)
    }

    /// The key ``deliver(_:preset:source:options:store:)`` files `object` under (its `id`, else its content's hash),
    /// or nil when it is not a lead: with it, the store tells which lead the submission went to.
    public static func key(of object: JSONObject, preset: FormPreset, options: ImportOptions) throws -> String? {
        guard let generic = try preset.genericObject(from: object, options: options) else { return nil }
        return try FormRecord(generic: generic, options: options).key
    }

    /// The key a record ``checked(_:preset:options:)`` made is filed under.
    public static func key(ofGeneric generic: JSONObject, options: ImportOptions) throws -> String {
        try FormRecord(generic: generic, options: options).key
    }

    /// Thrown inside the batch to roll back a delivery that was kept already.
    private struct AlreadyKept: Error {}
}
