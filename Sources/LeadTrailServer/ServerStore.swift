#if Server
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore

/// The one store `leadtrail serve` writes through: every call runs in turn, off the network threads.
///
/// Links, webhook sources and tokens are cached and reloaded when a request names one the cache lacks, so a
/// `link add` or `token add` from the CLI is seen without a restart.
actor ServerStore {
    private let store: SQLiteStore
    let settings: Settings
    private var linkCache: [String: TrackedLink] = [:]
    private var sourceCache: [String: WebhookSource] = [:]
    private var tokenCache: [String: APIToken] = [:]

    init(path: String) throws {
        store = try SQLiteStore.open(path: path)
        settings = try store.settings()
    }

    func link(slug: String) throws -> TrackedLink? {
        if let link = linkCache[slug] { return link }
        guard let link = try store.link(slug: slug) else { return nil }
        linkCache[slug] = link
        return link
    }

    func addTouch(_ touch: Touch) throws -> Bool { try store.addTouch(touch) }

    func webhookSource(name: String) throws -> WebhookSource? {
        if let source = sourceCache[name] { return source }
        for source in try store.webhookSources() { sourceCache[source.name] = source }
        return sourceCache[name]
    }

    /// The token whose SHA-256 is `hash`, or nil.
    func token(sha256 hash: String) throws -> APIToken? {
        if let token = tokenCache[hash] { return token }
        for token in try store.tokens() { tokenCache[token.sha256] = token }
        return tokenCache[hash]
    }

    func deliver(_ object: JSONObject, preset: FormPreset, source: String) throws -> FormDelivery.Outcome {
        let options = ImportOptions(timeZone: settings.timeZone, importTime: .now())
        return try FormDelivery.deliver(object, preset: preset, source: source, options: options, store: store)
    }

    func addMetaLeadgen(id: String, source: String, pageID: String?, formID: String?, adID: String?) throws -> Bool {
        try store.addMetaLeadgen(id: id, source: source, pageID: pageID, formID: formID, adID: adID, at: .now())
    }

    /// A report as the CLI's `--format json` prints it.
    func report(_ kind: ReportKind, options: ReportOptions) throws -> String {
        switch kind {
        case .attribution:
            try AttributionReport(data: store.reportData(AttributionReport.scope(for: options)), options: options)
                .rendered(as: .json)
        case .roas:
            try RoasReport(data: store.reportData(RoasReport.scope(for: options)), options: options).rendered(as: .json)
        case .funnel:
            try FunnelReport(data: store.reportData(FunnelReport.scope(for: options)), options: options)
                .rendered(as: .json)
        case .models:
            try ModelComparison(data: store.reportData(ModelComparison.scope(for: options)), options: options)
                .rendered(as: .json)
        }
    }

    /// `lead list --format json` for the filter.
    func leads(_ filter: LeadFilter) throws -> String {
        let leads = try store.leads(matching: filter)
        let sources = try LeadSource.of(leads, timeZone: settings.timeZone, load: store.reportData)
        return Listing.leads(leads, sources: sources, timeZone: settings.timeZone, format: .json).rendered(as: .json)
    }
}

/// The reports the API serves, by path segment.
enum ReportKind: String, Sendable {
    case attribution, roas, funnel, models
}
#endif
