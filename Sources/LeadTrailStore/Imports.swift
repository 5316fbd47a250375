public import LeadTrailCore

/// What an import writes through: one record at a time, all inside the batch's single transaction.
public protocol ImportWriter: AnyObject {
    /// A click: new, the same again (skipped), or changed under the same id (updated).
    func addClick(_ touch: Touch) throws -> WriteOutcome
    /// Clicks in file order, what `addClick` does to each in turn: a store that writes rows in bulk (PostgreSQL's
    /// multi-row inserts) does it in a few statements. Returns each click's outcome, in order.
    func addClicks(_ touches: [Touch]) throws -> [WriteOutcome]
    /// Says, before the first clicks, about how many the file holds (from its size and its first records), so that a
    /// store can choose a bulk path for a large file (SQLite builds the touch indexes once at the end).
    func expectClicks(_ estimatedCount: Int) throws
    /// Says, before a chunk of submissions, every request it holds (with its key and content hash, in the order
    /// they will come), so that a store can read once for the chunk what judging them needs (SQLite: the keys
    /// already stored, and the requests and leads of the emails and phones of those not stored unchanged).
    func expectSubmissions(_ requests: [NewLead], keys: [String], contentHashes: [String]) throws
    /// A form submission: a new lead, a duplicate on the person's recent lead, the same again, or changed.
    func addSubmission(_ request: NewLead, key: String, contentHash: String) throws -> WriteOutcome
    /// The deals among these (by external id) whose record would overturn work done by hand on the stored deal
    /// (``HandWorkConflict``): the importer refuses them, or sets them aside with `--skip-invalid`, before writing.
    func handWorkConflicts(_ deals: [ImportedDeal]) throws -> [String: HandWorkConflict]
    /// A deal keyed by its external id; its lead is linked now or when the lead arrives.
    func putDeal(_ deal: ImportedDeal) throws -> WriteOutcome
    /// Deals in file order (each external id once), what `putDeal` does to each in turn: a store that writes rows in
    /// bulk (PostgreSQL) does it in a few statements. Returns each deal's outcome, in order.
    func putDeals(_ deals: [ImportedDeal]) throws -> [WriteOutcome]
    /// A day of spend keyed by (day, campaign): new, identical (skipped) or replaced (updated).
    func putSpend(_ spend: Spend) throws -> WriteOutcome
    /// Days of spend in file order (each (day, campaign) once), what `putSpend` does to each in turn: a store that
    /// writes rows in bulk (PostgreSQL) does it in a few statements. Returns each row's outcome, in order.
    func putSpends(_ spends: [Spend]) throws -> [WriteOutcome]
    /// Before a spend file's days are written: the days stored for a platform's campaign id under another name than
    /// the file gives it (the campaign was renamed in the platform). Refused (``StoreError/spendCampaignRenamed(_:)``)
    /// unless `accepting`; accepted, they are removed from the old name, to be written under the new one, and undoing
    /// the batch brings them back. Returns the renames, for the import's summary.
    func moveRenamedSpend(_ spends: [Spend], accepting: Bool) throws -> [SpendRename]
    /// How many clicks the importer hands ``addClicks(_:)`` at a time.
    var clicksPerCall: Int { get }
}

extension ImportWriter {
    /// One `addClick` after another: SQLite's statements cost a function call each, so it needs nothing more.
    public func addClicks(_ touches: [Touch]) throws -> [WriteOutcome] {
        try touches.map { try addClick($0) }
    }

    /// No bulk path: every click is written as it comes.
    public func expectClicks(_ estimatedCount: Int) throws {}

    /// One `putDeal` after another.
    public func putDeals(_ deals: [ImportedDeal]) throws -> [WriteOutcome] {
        try deals.map { try putDeal($0) }
    }

    /// One `putSpend` after another.
    public func putSpends(_ spends: [Spend]) throws -> [WriteOutcome] {
        try spends.map { try putSpend($0) }
    }

    /// A thousand: enough to keep a server's round trips few, small enough to hold in memory at once.
    public var clicksPerCall: Int { 1000 }

    /// Nothing read ahead: every submission is judged from the store as it comes.
    public func expectSubmissions(_ requests: [NewLead], keys: [String], contentHashes: [String]) throws {}
}

/// What became of one imported record; the summary counts these.
public enum WriteOutcome: String, Sendable {
    case imported, updated, duplicate, skipped
}

/// A deal read from an import file.
public struct ImportedDeal: Sendable, Hashable {
    public var id: String
    public var lead: LeadReference
    public var amount: Money
    public var status: DealStatus
    public var createdAt: Timestamp
    public var closedAt: Timestamp?
    public var refund: Refund?
    public var contentHash: String

    public init(
        id: String, lead: LeadReference, amount: Money, status: DealStatus, createdAt: Timestamp,
        closedAt: Timestamp?, refund: Refund?, contentHash: String
    ) {
        self.id = id
        self.lead = lead
        self.amount = amount
        self.status = status
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.refund = refund
        self.contentHash = contentHash
    }
}

/// The kinds of file `import` reads.
public enum ImportKind: String, CaseIterable, Sendable {
    case clicks, forms, deals, spend
}

/// The counts of an import summary: read = imported + updated + duplicates + skipped + rejected.
public struct ImportCounts: Sendable, Equatable {
    public var read = 0
    public var imported = 0
    public var updated = 0
    public var duplicates = 0
    public var skipped = 0
    public var rejected = 0

    public init() {}

    public mutating func count(_ outcome: WriteOutcome) {
        switch outcome {
        case .imported: imported += 1
        case .updated: updated += 1
        case .duplicate: duplicates += 1
        case .skipped: skipped += 1
        }
    }

    /// Adds the writes `other` counted (its imported, updated, duplicates and skipped; reads and rejects are counted
    /// where the records are read).
    public mutating func addWrites(_ other: ImportCounts) {
        imported += other.imported
        updated += other.updated
        duplicates += other.duplicates
        skipped += other.skipped
    }
}

/// One import of one file, as `imports list` shows it.
public struct ImportBatch: Sendable {
    /// Nil for a dry run, which writes nothing.
    public var id: Int64?
    public var kind: ImportKind
    public var fileName: String
    public var fileHash: String
    public var preset: String?
    public var importedAt: Timestamp
    public var counts: ImportCounts
    public var undoneAt: Timestamp?
    /// Every record of the file was already there as it is: nothing was written and no batch was kept (`id` nil).
    public var changedNothing = false
    /// What the import left unchecked and the summary says (a spend export's total row not checked because rows were
    /// rejected); not stored.
    public var notes: [String] = []

    public init(
        id: Int64?, kind: ImportKind, fileName: String, fileHash: String, preset: String?, importedAt: Timestamp,
        counts: ImportCounts, undoneAt: Timestamp? = nil
    ) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.fileHash = fileHash
        self.preset = preset
        self.importedAt = importedAt
        self.counts = counts
        self.undoneAt = undoneAt
    }
}

/// The import side of the store boundary, and the privacy operations that rewrite a person's records.
public protocol ImportingStore: LeadStore {
    /// Runs an import as one batch in one transaction: all of it lands, or none (an error, a crash, `kill -9`).
    /// A dry run does the same work and rolls it back; so does a file that changes nothing, which keeps no batch.
    func runImport(
        _ batch: ImportBatch, dryRun: Bool, _ body: (any ImportWriter) throws -> ImportCounts
    ) throws -> ImportBatch
    func importBatches() throws -> [ImportBatch]
    /// Takes a batch back: the database becomes what importing only the batches still standing, in their order,
    /// would have made it. Refuses with an ``UndoRefusal`` naming the work done by hand on what the batch brought
    /// (stage moves, owners, deals added from the CLI, merges on its leads) unless `force`.
    func undoImport(_ id: Int64, force: Bool) throws -> UndoResult
    /// Folds lead `other` into `keep`: visitors, deals, submissions and events move; missing contacts are filled.
    func mergeLeads(keep: Int64, other: Int64) throws
    /// Erases a person's name, email, phone and free-form fields everywhere; touches and money stay anonymous.
    func forgetLead(_ id: Int64) throws
}
