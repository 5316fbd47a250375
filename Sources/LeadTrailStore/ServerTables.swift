public import LeadTrailCore

/// What `leadtrail serve`, `link`, `hook` and `token` keep in the store besides leads and touches (schema 8).
///
/// Every store fulfils it, so the server and its commands work on SQLite and PostgreSQL alike.
public protocol ServerTables: AnyObject {
    /// Stores a tracked link; a slug in use is refused with ``ServerStoreError/linkExists(_:)``.
    func addLink(_ link: TrackedLink) throws
    /// Every tracked link, by slug.
    func links() throws -> [TrackedLink]
    /// The link of a slug, or nil.
    func link(slug: String) throws -> TrackedLink?

    /// Stores an API token's hash; a name in use is refused with ``ServerStoreError/tokenExists(_:)``.
    func addToken(_ token: APIToken) throws
    /// Every API token (hashes only), by name.
    func tokens() throws -> [APIToken]
    /// Removes the token named `name` (a leaked one is revoked); an unknown name is
    /// ``ServerStoreError/unknownToken(_:)``.
    func removeToken(name: String) throws

    /// The lead the form submission filed under `key` (its `id`, else its content's hash) was written to, or nil:
    /// `POST /api/leads` answers with it.
    func submissionLead(key: String) throws -> Int64?

    /// Stores a webhook source; a name in use is refused with ``ServerStoreError/hookExists(_:)``.
    func addWebhookSource(_ source: WebhookSource) throws
    /// Every webhook source, by name.
    func webhookSources() throws -> [WebhookSource]
    /// Gives the webhook source `name` a new URL secret (its SHA-256), so the old URL is refused from the next
    /// request; an unknown name is ``ServerStoreError/unknownHook(_:)``.
    func replaceWebhookSecret(name: String, sha256: String) throws
    /// Removes the webhook source `name`: its URL is refused from the next request, the leads it brought stay
    /// (`imports undo` removes them); an unknown name is ``ServerStoreError/unknownHook(_:)``.
    func removeWebhookSource(name: String) throws
    /// Keeps a Meta lead id to fetch from the Graph API later; returns false when it was kept already (a retry).
    @discardableResult
    func addMetaLeadgen(
        id: String, source: String, pageID: String?, formID: String?, adID: String?, at time: Timestamp
    ) throws -> Bool
    /// The Meta lead ids not fetched yet, oldest first.
    func pendingMetaLeadgens() throws -> [String]
    /// The Meta lead ids of webhook source `source` not fetched yet, oldest first (`hook fetch-meta`).
    func pendingMetaLeads(source: String) throws -> [PendingMetaLead]
    /// Marks a Meta lead id fetched (its lead written, or known to be a test lead), so no later run fetches it.
    func markMetaLeadFetched(id: String, at time: Timestamp) throws

    /// Stores several clicks in one write transaction, all or none: `leadtrail serve`'s group commit.
    ///
    /// Returns, for each touch in order, whether it was new (false when a touch with its key was stored already, or
    /// came earlier in `touches`) — what ``LeadStore/addTouch(_:)`` on each in turn would return.
    func addTouches(_ touches: [Touch]) throws -> [Bool]
}

/// The calls of the command line that are no part of ``LeadStore``'s reading and writing of the domain.
public protocol StoreAdministration: AnyObject {
    /// Links a deal (by number or external id) to a lead and returns it.
    func linkDeal(_ reference: String, toLead leadID: Int64) throws -> Deal
    /// The schema version recorded in the database.
    func schemaVersion() throws -> Int
}

/// Everything the command line and the server call on a store, whichever database it is: what the CLI holds as
/// `any LeadTrailDatabase`. ``SQLiteStore`` fulfils it, and so does the PostgreSQL store of the `Postgres` trait.
public typealias LeadTrailDatabase = ImportingStore & ServerTables & StoreAdministration
