public import LeadTrailCore

/// Why the store refused a request, in words a user can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case folderMissing(database: String, folder: String)
    case noDatabase(path: String)
    case cannotCreate(path: String, reason: String)
    case alreadyInitialised(path: String)
    case notADatabase(path: String)
    case isFolder(path: String)
    case cannotOpen(path: String, reason: String)
    case readOnly(path: String, reason: String)
    case busy(path: String, seconds: Int)
    case schemaBehind(path: String, version: Int, known: Int)
    case databaseFailure(path: String, reason: String)
    case schemaTooNew(path: String, version: Int, known: Int)
    case unsupportedLocation(String)
    case unknownLead(Int64)
    case unknownDeal(String)
    /// A deal reference that is one deal's number and another deal's external id.
    case ambiguousDeal(String, numbered: Int64, external: Int64)
    /// `deal add --id X` where deal `existing` has external id X already.
    case dealExternalIDTaken(String, existing: Int64)
    case unknownCampaign(String)
    case spendFromAnotherPlatform(day: String, campaign: String, stored: String, new: String)
    /// A spend file names a platform campaign id's stored days by another name (the campaign was renamed), and the
    /// user did not accept the rename (`--accept-renames`): storing them again would count them twice.
    case spendCampaignRenamed([SpendRename])
    /// `campaign add` of a key that exists; `autoCreated` when only data named it so far.
    case campaignExists(String, autoCreated: Bool)
    case unknownSetting(String)
    case invalidSetting(key: String, value: String, reason: String)
    case stageCannotFollow(lead: Int64, from: Stage, to: Stage)
    case dealClosed(String, status: DealStatus)
    case currencyMismatch(deal: String, dealCurrency: String, given: String)
    case refundExceedsAmount(deal: String)
    case dealNotWon(String)
    case leadForgotten(Int64)
    case unknownBatch(Int64)
    case batchUndone(Int64)
    case mergeSelf(Int64)
    /// The lead's creating request turned out to be a repeat on another lead (an earlier request arrived later).
    case leadBecameRepeat(Int64, on: Int64)
    case leadMerged(Int64, into: Int64)
    /// The lead was merged into (or became a repeat on) a lead that an undone import has since removed.
    case leadTargetRemoved(Int64, into: Int64, merged: Bool)
    /// A `postgres://` URL that cannot be read; `location` is the URL with its password hidden.
    case invalidLocation(String, reason: String)
    /// The server refused the user's password (or has no such role); `database` is `host:port/name`.
    case wrongPassword(database: String, user: String)
    /// No password, and the password file was ignored because others may read it.
    case passwordFileIgnored(database: String, user: String, path: String)
    /// No server answered: connection refused, unknown host, timeout, or TLS the server will not do.
    case unreachable(database: String, reason: String)
    /// The server is there but has no database of that name.
    case noSuchDatabase(database: String, name: String)
    /// The database exists but LeadTrail never initialised it; `initURL` is the URL to pass to `init` (no password).
    case noSchema(database: String, initURL: String)
    /// The role may not do what the command asks (a read-only role writing, say).
    case permissionDenied(database: String, reason: String)
    /// A call the PostgreSQL store does not offer yet.
    case notOnPostgresYet(database: String, what: String)

    public var description: String {
        switch self {
        case .folderMissing(let database, let folder):
            "cannot create database \(database): folder \(folder) does not exist"
        case .cannotCreate(let path, let reason): "cannot create database \(path): \(reason)"
        case .noDatabase(let path): "no database at \(path); run 'leadtrail init' first or pass --db"
        case .alreadyInitialised(let path): "database \(path) already exists and is initialised"
        case .notADatabase(let path): "\(path) is not a LeadTrail database"
        case .isFolder(let path): "database \(path) is a folder, not a file; pass --db with a file path"
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .readOnly(let path, let reason): "cannot write to database \(path): \(reason)"
        case .busy(let path, let seconds):
            "database \(path) is busy: another leadtrail command has been writing to it for over \(seconds) s; "
                + "try again when it has finished"
        case .schemaBehind(let path, let version, let known):
            "database \(path) has schema version \(version) and this leadtrail needs \(known); run 'leadtrail migrate'"
        case .databaseFailure(let path, let reason): "database \(path): \(reason)"
        case .schemaTooNew(let path, let version, let known):
            "database \(path) has schema version \(version), newer than this leadtrail knows (\(known)); upgrade leadtrail"
        case .unsupportedLocation(let location):
            "database \(DatabaseLocation.redacting(location)) is not supported in this build (PostgreSQL comes later; use a SQLite file path)"
        case .unknownLead(let id): "unknown lead \(id)"
        case .unknownDeal(let id): "unknown deal \(id)"
        case .ambiguousDeal(let reference, let numbered, let external):
            "deal '\(reference)' is ambiguous: it is deal \(numbered)'s number and deal \(external)'s external id; "
                + "write '#\(numbered)' for deal \(numbered) or 'ext:\(reference)' for deal \(external)"
        case .dealExternalIDTaken(let externalID, let existing):
            "deal \(existing) has external id '\(externalID)' already (see 'leadtrail deal list'); "
                + "a deal's external id names one deal"
        case .unknownCampaign(let key): "unknown campaign '\(key)'"
        case .spendFromAnotherPlatform(let day, let campaign, let stored, let new):
            "campaign '\(campaign)' has \(stored) spend on \(day); a \(new) row would replace it: one campaign name on two"
                + " platforms (give each platform's campaign its own utm_campaign name, or undo the \(stored) import first)"
        case .spendCampaignRenamed(let renames):
            SpendRename.refusal(renames)
        case .campaignExists(let key, let autoCreated):
            autoCreated
                ? "campaign '\(key)' already exists (created from imported data); use 'campaign update \(key)' to set "
                    + "its fields"
                : "campaign '\(key)' already exists; use 'campaign update \(key)' to change it"
        case .unknownSetting(let key):
            "unknown setting '\(key)' (expected currency, timezone, duplicate-window or csv-dialect)"
        case .invalidSetting(let key, let value, let reason): "invalid \(key) '\(value)': \(reason)"
        case .stageCannotFollow(let lead, let from, let to):
            "lead \(lead): stage \(to.rawValue) cannot follow \(from.rawValue)"
        case .dealClosed(let id, let status): "deal \(id) is already \(status.rawValue)"
        case .currencyMismatch(let deal, let dealCurrency, let given):
            "deal \(deal) is in \(dealCurrency); a refund in \(given) cannot apply to it"
        case .refundExceedsAmount(let deal): "refunds on deal \(deal) would exceed its amount"
        case .dealNotWon(let deal): "deal \(deal) is not won; only a won deal can be refunded"
        case .leadForgotten(let id): "lead \(id) was forgotten; its personal data is erased"
        case .unknownBatch(let id): "unknown import batch \(id) (see 'leadtrail imports list')"
        case .batchUndone(let id): "import batch \(id) was already undone"
        case .mergeSelf(let id): "cannot merge lead \(id) into itself"
        case .leadBecameRepeat(let id, let target):
            "lead \(id) is now part of lead \(target): an earlier request of the same person made its request a repeat "
                + "on lead \(target); use lead \(target)"
        case .leadMerged(let id, let target): "lead \(id) was merged into lead \(target); use lead \(target)"
        case .leadTargetRemoved(let id, let target, let merged):
            "lead \(id) was \(merged ? "merged into" : "made part of") lead \(target), which an undone import has since "
                + "removed (see 'leadtrail imports list')"
        case .invalidLocation(let location, let reason): "invalid database URL \(location): \(reason)"
        case .passwordFileIgnored(let database, let user, let path):
            "cannot log in to database \(database) as '\(user)': no password given, and \(path) was ignored because "
                + "others may read it (as libpq does); make it private with 'chmod 600 \(path)'"
        case .wrongPassword(let database, let user):
            "cannot log in to database \(database) as '\(user)': wrong password or no such role "
                + "(the password comes from the URL, PGPASSWORD or ~/.pgpass)"
        case .unreachable(let database, let reason): "cannot reach database \(database): \(reason)"
        case .noSuchDatabase(let database, let name):
            "no database '\(name)' at \(database); create it first (createdb \(name)) or check --db"
        case .noSchema(let database, let initURL):
            "database \(database) has no LeadTrail schema: run 'leadtrail init --db \(initURL)'"
        case .permissionDenied(let database, let reason): "database \(database): permission denied: \(reason)"
        case .notOnPostgresYet(let database, let what):
            "database \(database): \(what) is not available on PostgreSQL in this build yet"
        }
    }
}
