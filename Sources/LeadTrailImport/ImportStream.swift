public import Foundation
internal import LeadTrailCore

/// What became of one record of an import file.
public enum ImportOutcome<Record> {
    /// A valid record, ready for the store.
    case record(Record)
    /// Not a record at all, by the platform's own convention (Tilda's `{"test": "test"}` probe, a VK
    /// `confirmation` event, a spreadsheet's total row): count it as skipped, never reject it.
    case skipped(reason: String)
    /// An invalid record: with `--skip-invalid` it goes to `--rejects` with this reason; without, it fails the file.
    case rejected(RecordError)
}

extension ImportOutcome: Sendable where Record: Sendable {}

/// One record of an import file: where it is, its text for `--rejects`, and what it became.
public struct ImportItem<Record> {
    /// The record's number: line (NDJSON), position (JSON array) or data row (CSV/TSV).
    public var number: Int
    /// The line the record starts on, when known.
    public var line: Int?
    /// The record exactly as in the file, for `--rejects`.
    public var text: String
    /// The normalised record, a skip, or the reason it is rejected.
    public var outcome: ImportOutcome<Record>
}

extension ImportItem: Sendable where Record: Sendable {}

/// Reads an import file record by record and turns each into a validated record of one kind.
///
/// It chooses the reader (JSON array / NDJSON / Graph API pages, or CSV/TSV for spend), applies `--map`, then the
/// preset, then lets what the map gave win over the preset's reading (``FieldMap/override(_:from:skipping:)``), then
/// the generic validation. Memory stays flat: one record at a time.
///
/// ```swift
/// let stream = try ImportStream(forms: url, preset: .tilda, options: options)
/// while let item = try stream.next() {
///     switch item.outcome {
///     case .record(let form): …
///     case .skipped: …
///     case .rejected(let error): throw stream.fileError(error, at: item)   // all-or-nothing
///     }
/// }
/// ```
public final class ImportStream<Record> {
    /// The underlying reader (for progress: `bytesRead`, `totalBytes`).
    public let source: any RawRecordSource
    private let produce: () throws(ImportFileError) -> ImportItem<Record>?
    /// Set when the items come from a thread of their own (``readingAhead()``).
    private let ahead: ReadAhead<Record>?

    init(source: any RawRecordSource, transform: @escaping (JSONObject) throws(RecordError) -> ImportOutcome<Record>) {
        self.source = source
        produce = { () throws(ImportFileError) -> ImportItem<Record>? in
            guard let raw = try source.next() else { return nil }
            return ImportStream.item(raw, transform)
        }
        ahead = nil
    }

    /// One raw record through `transform`: its item, rejected when the record is no object or is invalid.
    static func item(
        _ raw: RawRecord, _ transform: (JSONObject) throws(RecordError) -> ImportOutcome<Record>
    ) -> ImportItem<Record> {
        let outcome: ImportOutcome<Record>
        switch raw.object {
        case .failure(let error): outcome = .rejected(error)
        case .success(let object):
            do throws(RecordError) {
                outcome = try transform(object)
            } catch {
                outcome = .rejected(error)
            }
        }
        return ImportItem(number: raw.number, line: raw.line, text: raw.text, outcome: outcome)
    }

    /// A stream whose items come from `produce` (a reader that looks at the whole file first).
    init(source: any RawRecordSource, produce: @escaping () throws(ImportFileError) -> ImportItem<Record>?) {
        self.source = source
        self.produce = produce
        ahead = nil
    }

    private init(source: any RawRecordSource, ahead: ReadAhead<Record>) {
        self.source = source
        produce = { () throws(ImportFileError) -> ImportItem<Record>? in try ahead.next() }
        self.ahead = ahead
    }

    deinit { ahead?.stop() }

    /// The same items, read and checked on a thread of their own a few thousand ahead of the caller (``ReadAhead``),
    /// so that a writer's work and the parsing overlap. Read only the stream returned, not this one, after.
    public func readingAhead() -> ImportStream<Record> {
        let source = source
        return ImportStream(
            source: source, ahead: ReadAhead(produce: produce, bytesRead: { source.bytesRead }))
    }

    /// What the reader left unchecked, for the import's summary (``SpendFileReader/notes``); known once the last
    /// item is read.
    public var notes: [String] { notesProvider() }
    var notesProvider: () -> [String] = { [] }

    /// The file's name, for messages.
    public var fileName: String { source.fileName }
    /// Bytes consumed so far.
    public var bytesRead: Int64 { ahead?.bytesRead ?? source.bytesRead }
    /// The file's size.
    public var totalBytes: Int64 { source.totalBytes }

    /// The next record, or nil at the end; throws for a problem with the file as a whole.
    public func next() throws(ImportFileError) -> ImportItem<Record>? {
        try produce()
    }

    /// The one-line error for a rejected item: `forms.json: record 3: field 'phone': …`.
    public func fileError(_ error: RecordError, at item: ImportItem<Record>) -> ImportFileError {
        ImportFileError(file: fileName, record: item.number, numbering: source.numbering, line: item.line, error: error)
    }

    static func mapped(_ object: JSONObject, _ options: ImportOptions) -> JSONObject {
        options.map.map { $0.apply(to: object) } ?? object
    }
}

extension ImportStream where Record == ClickRecord {
    /// Clicks from a JSON array or NDJSON file in the generic format, a table (CSV/TSV or `.xlsx`: ``TableInput``), or a
    /// visit log's table (a preset's).
    public convenience init(clicks url: URL, preset: ClickPreset = .generic, options: ImportOptions)
        throws(ImportFileError)
    {
        try MapTargets.check(options, kind: "clicks")
        let channels = ChannelCache()
        if !preset.readsTables, let table = try TableInput.open(url, kind: "clicks", options: options) {
            let options = table.options
            self.init(source: table.source) { (row) throws(RecordError) in
                try TableInput.record(row, kind: "clicks", options: options) { (generic) throws(RecordError) in
                    .record(try ClickRecord(generic: generic, options: options, channels: channels))
                }
            }
            return
        }
        try InputShape.of(url).refuseUnused(options, url: url, readsDates: false)
        let source: any RawRecordSource =
            preset.readsTables
            ? try TableReader(url: url, encoding: options.encoding)
            : try RecordReader(url: url, encoding: options.encoding)
        self.init(source: source) { (object) throws(RecordError) in
            let mapped = ImportStream.mapped(object, options)
            var generic = try preset.genericObject(from: mapped, options: options)
            if preset != .generic { options.map?.override(&generic, from: mapped) }
            return .record(try ClickRecord(generic: generic, options: options, channels: channels))
        }
    }
}

extension ImportStream where Record == FormRecord {
    /// Form submissions from a JSON array, NDJSON, or (Meta) Graph API pages, in the generic format or a preset's, or
    /// in the generic format a CRM's table (CSV/TSV or `.xlsx`: ``TableInput``);
    /// with `meta-lead-ads` also the Leads Center CSV and forms nesting their leads (``MetaLeadsReader``), with `tilda`
    /// also raw form bodies, one a line (``FormURLEncodedReader``).
    public convenience init(forms url: URL, preset: FormPreset = .generic, options: ImportOptions)
        throws(ImportFileError)
    {
        try MapTargets.check(options, kind: "forms")
        let transform = { (object: JSONObject) throws(RecordError) -> ImportOutcome<FormRecord> in
            let mapped = ImportStream.mapped(object, options)
            if preset == .metaLeadAds, MetaLeadAdsPreset.isTestLead(mapped) {
                return .skipped(reason: "a Meta test lead (made by the Lead Ads Testing Tool)")
            }
            guard var generic = try preset.genericObject(from: mapped, options: options) else {
                return .skipped(reason: "not a lead (\(preset.rawValue) service record)")
            }
            if preset != .generic { options.map?.override(&generic, from: mapped) }
            do throws(RecordError) {
                return .record(try FormRecord(generic: generic, options: options))
            } catch {
                // A platform's own export read as the generic format: say which preset reads it.
                guard preset == .generic, let suggested = FormPreset.suggested(for: object) else { throw error }
                throw RecordError(
                    field: error.field,
                    message: error.message
                        + "; this looks like \(suggested.displayName): give --preset \(suggested.rawValue)")
            }
        }
        if preset == .generic, let table = try TableInput.open(url, kind: "forms", options: options) {
            let options = table.options
            self.init(source: table.source) { (row) throws(RecordError) in
                try TableInput.record(row, kind: "forms", options: options) { (generic) throws(RecordError) in
                    .record(try FormRecord(generic: generic, options: options))
                }
            }
        } else if preset == .metaLeadAds {
            let reader = try MetaLeadsReader(url: url, options: options)
            self.init(
                source: reader.source,
                produce: { () throws(ImportFileError) -> ImportItem<FormRecord>? in
                    guard let raw = try reader.next() else { return nil }
                    return ImportStream.item(raw, transform)
                })
        } else if preset == .tilda, FormURLEncodedReader.looksLikeFormBody(url) {
            try InputShape.of(url).refuseUnused(options, url: url, readsDates: false)
            self.init(source: try FormURLEncodedReader(url: url, encoding: options.encoding), transform: transform)
        } else {
            try InputShape.of(url).refuseUnused(options, url: url, readsDates: false)
            self.init(source: try RecordReader(url: url, encoding: options.encoding), transform: transform)
        }
    }
}

extension ImportStream where Record == DealRecord {
    /// Deals from a JSON array or NDJSON file in the generic format, or a CRM's table (CSV/TSV or `.xlsx`:
    /// ``TableInput``).
    public convenience init(deals url: URL, options: ImportOptions) throws(ImportFileError) {
        try MapTargets.check(options, kind: "deals")
        if let table = try TableInput.open(url, kind: "deals", options: options) {
            let options = table.options
            self.init(source: table.source) { (row) throws(RecordError) in
                try TableInput.record(row, kind: "deals", options: options) { (generic) throws(RecordError) in
                    .record(try DealRecord(generic: generic, options: options))
                }
            }
            return
        }
        self.init(source: try RecordReader(url: url, encoding: options.encoding)) { (object) throws(RecordError) in
            .record(try DealRecord(generic: ImportStream.mapped(object, options), options: options))
        }
    }
}

extension ImportStream where Record == SpendRecord {
    /// Spend rows: CSV/TSV for `.csv`/`.tsv` files and for the platform presets, an `.xlsx` sheet for a workbook
    /// (`.xlsx`, or any ZIP given to a preset), JSON/NDJSON otherwise.
    ///
    /// The file is read whole first (``SpendFileReader``): a preset's rows of one day and campaign are summed, the
    /// platform's total row is checked, and a file with no rows of spend is refused unless `options.allowsEmpty`.
    public convenience init(spend url: URL, preset: SpendPreset = .generic, options: ImportOptions)
        throws(ImportFileError)
    {
        try MapTargets.check(options, kind: "spend")
        let ext = url.pathExtension.lowercased()
        let isXLSX = (preset.readsTables || ext == "xlsx") && XLSXReader.isZIP(url)
        let isTable = isXLSX || preset.readsTables || ext == "csv" || ext == "tsv"
        try (isXLSX ? InputShape.workbook : isTable ? .table : .json).refuseUnused(options, url: url, readsDates: true)
        let source: any RawRecordSource
        if isXLSX {
            source = try XLSXReader(url: url, sheet: options.sheet)
        } else if isTable {
            source = try TableReader(url: url, encoding: options.encoding)
        } else {
            source = try RecordReader(url: url, encoding: options.encoding)
        }
        let reader = SpendFileReader(source: source, preset: preset, options: options, isTable: isTable)
        self.init(source: source, produce: { () throws(ImportFileError) in try reader.next() })
        notesProvider = { reader.notes }
    }
}
