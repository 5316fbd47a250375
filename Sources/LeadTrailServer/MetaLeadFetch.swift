#if Server
public import Foundation
import LeadTrailCore
import LeadTrailImport
public import LeadTrailStore

/// `leadtrail hook fetch-meta`: each lead id a Meta webhook kept is fetched from the Graph API and written through
/// the webhooks' own path (``FormDelivery`` with the `meta-lead-ads` preset, one batch named `webhook SOURCE`).
///
/// A lead written (or found written already, or a Meta test lead) is marked fetched; any failure leaves its id
/// pending with a one-line reason, to be fetched again on the next run. The lead is written before it is marked,
/// and a lead written before is recognised by its id, so a run interrupted between the two never makes a second lead.
public enum MetaLeadFetch {
    /// What one run did.
    public struct Summary: Sendable, Equatable {
        /// Ids marked fetched.
        public var fetched = 0
        /// Ids left pending after a failure.
        public var failed = 0
    }

    /// Fetches every pending id of `source` in turn, telling `report` one line per id.
    ///
    /// - Throws: what the store throws (a database it cannot write); a failure of one lead is reported, not thrown.
    public static func run(
        source: WebhookSource, store: any LeadTrailDatabase, client: MetaGraphClient, timeZone: TimeZone,
        report: (String) -> Void
    ) throws -> Summary {
        var summary = Summary()
        for pending in try store.pendingMetaLeads(source: source.name) {
            switch client.lead(id: pending.id).flatMap({ lead(pending, from: $0) }) {
            case .failure(let reason):
                summary.failed += 1
                report("\(pending.id): left pending: \(reason)")
            case .success(let object):
                if FormDelivery.isMetaTestLead(object) {
                    try store.markMetaLeadFetched(id: pending.id, at: .now())
                    summary.fetched += 1
                    report("\(pending.id): a Meta test lead (Lead Ads Testing Tool), not kept")
                    continue
                }
                let outcome: FormDelivery.Outcome
                do {
                    outcome = try FormDelivery.deliver(
                        object, preset: .metaLeadAds, source: source.name,
                        options: ImportOptions(timeZone: timeZone, importTime: .now()), store: store)
                } catch let error as RecordError {
                    summary.failed += 1
                    report("\(pending.id): left pending: invalid lead: \(error)")
                    continue
                }
                try store.markMetaLeadFetched(id: pending.id, at: .now())
                summary.fetched += 1
                switch outcome {
                case .written(.duplicate):
                    report("\(pending.id): a repeat request of a recent lead, recorded on it")
                case .written: report("\(pending.id): a new lead")
                case .alreadyKept: report("\(pending.id): already a lead, nothing new written")
                case .notALead: report("\(pending.id): not a lead, nothing written")
                }
            }
        }
        return summary
    }

    /// The Graph API's lead object for `pending`, completed with the form and ad the notification named.
    static func lead(_ pending: PendingMetaLead, from answer: JSONObject) -> Result<JSONObject, MetaFetchError> {
        var object = answer
        if let id = object["id"]?.scalarText {
            guard id == pending.id else {
                return .failure(MetaFetchError("the Graph API answered with lead \(id), not \(pending.id)"))
            }
        } else {
            object.set("id", .string(pending.id))
        }
        if object["form_id"] == nil, let form = pending.formID { object.set("form_id", .string(form)) }
        if object["ad_id"] == nil, let ad = pending.adID { object.set("ad_id", .string(ad)) }
        return .success(object)
    }
}
#endif
