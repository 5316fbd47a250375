public import Foundation
public import LeadTrailCore
public import LeadTrailStore

/// One `import` command: which file, of what kind, read how, and what to do with invalid records.
public struct ImportJob: Sendable {
    public var kind: ImportKind
    public var file: URL
    public var formPreset: FormPreset
    public var spendPreset: SpendPreset
    public var clickPreset: ClickPreset
    public var options: ImportOptions
    /// Validate and report without writing.
    public var dryRun: Bool
    /// Import the good records and write the rejected ones to `rejects`; without it one bad record fails the file.
    public var skipInvalid: Bool
    public var rejects: URL?
    /// How many forms are judged and written at a time, in `submitted_at` order: the store reads ahead what judging
    /// a chunk needs (its keys, and the people its emails and phones name) after the previous chunk's writes, so
    /// what is read ahead, and the chunk's requests, do not grow with the file. Tests make it small, so that a file
    /// spans many chunks.
    package var formsPerChunk = 5_000

    public init(
        kind: ImportKind, file: URL, formPreset: FormPreset = .generic, spendPreset: SpendPreset = .generic,
        clickPreset: ClickPreset = .generic, options: ImportOptions, dryRun: Bool = false, skipInvalid: Bool = false, rejects: URL? = nil
    ) {
        self.kind = kind
        self.file = file
        self.formPreset = formPreset
        self.spendPreset = spendPreset
        self.clickPreset = clickPreset
        self.options = options
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.rejects = rejects
    }

    /// The preset's name for the batch record, nil for the generic format.
    var presetName: String? {
        switch kind {
        case .forms: formPreset == .generic ? nil : formPreset.rawValue
        case .spend: spendPreset == .generic ? nil : spendPreset.rawValue
        case .clicks: clickPreset == .generic ? nil : clickPreset.rawValue
        case .deals: nil
        }
    }
}

/// How far an import has read, for a progress display.
public struct ImportProgress: Sendable {
    public var records: Int
    public var bytesRead: Int64
    public var totalBytes: Int64
}
