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

    /// Parses one JSON object from a request body.
    public static func object(json bytes: [UInt8]) throws(RecordError) -> JSONObject {
        let parsed: Result<JSONObject, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(bytes: buffer, isFinal: true)
            do throws(JSONSyntaxError) {
                scanner.skipWhitespace()
                let object = try scanner.parseObject()
                scanner.skipWhitespace()
                if scanner.position != buffer.count {
                    return .failure(JSONSyntaxError(message: "text after the object", offset: scanner.position, isTruncated: false))
                }
                if scanner.invalidUTF8Field != nil {
                    return .failure(JSONSyntaxError(message: "invalid UTF-8", offset: 0, isTruncated: false))
                }
                return .success(object)
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .success(let object): return object
        case .failure(let error): throw RecordError(message: "not a JSON object: \(error.message) at byte \(error.offset)")
        }
    }

    /// Validates `object` through `preset` and `FormRecord` and writes it as one batch named `source`.
    ///
    /// Throws the record's `RecordError` (the field and the reason) when it is invalid; nothing is written then.
    public static func deliver(
        _ object: JSONObject, preset: FormPreset, source: String, options: ImportOptions, store: any ImportingStore
    ) throws -> Outcome {
        guard let generic = try preset.genericObject(from: object, options: options) else { return .notALead }
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

    /// Thrown inside the batch to roll back a delivery that was kept already.
    private struct AlreadyKept: Error {}
}
