#if Server
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore

/// One webhook delivery as the writer writes it, and as the inbox keeps it on disk when the database is held.
///
/// Only what the write needs is kept: a submission's record as its preset made it (checked already), a Meta
/// notification's lead ids; never the raw body, the path's secret, VK's `secret`, Meta's signature or a token.
/// The time it was received is kept too: written later, it is the same submission it would have been at once (the
/// import's time is part of a record without a time of its own), so a retry of it is still `already received`.
struct QueuedDelivery: Sendable, Equatable {
    /// A Meta `leadgen` change: the ids the Graph API is asked for later (`hook fetch-meta`).
    struct MetaLeadgen: Sendable, Equatable {
        var id: String
        var pageID: String?
        var formID: String?
        var adID: String?
    }

    enum Content: Sendable, Equatable {
        /// A form submission: the generic record `preset` made of the body (`FormDelivery.checked`).
        case form(record: JSONObject, preset: FormPreset)
        /// A Meta Lead Ads notification's lead ids.
        case metaLeadgen([MetaLeadgen])
    }

    /// What became of a delivery the writer wrote.
    enum Written: Sendable, Equatable {
        case form(FormDelivery.Outcome, lead: Int64?)
        /// How many of the notification's lead ids were new.
        case metaLeadgen(kept: Int)
    }

    /// The import batch's source (`webhook NAME`, `api NAME`) or the Meta source's name.
    var source: String
    var receivedAt: Timestamp
    var content: Content

    /// Whether the write also looks up the lead a submission went to (`POST /api/leads` answers it).
    var findsLead = false

    /// Writes the delivery in `store`: a submission in one import batch of its own, exactly as `import forms` writes
    /// it, each Meta lead id once.
    func write(to store: any LeadTrailDatabase, timeZone: TimeZone) throws -> Written {
        let options = ImportOptions(timeZone: timeZone, importTime: receivedAt)
        switch content {
        case .form(let record, let preset):
            let outcome = try FormDelivery.deliver(
                generic: record, preset: preset, source: source, options: options, store: store)
            guard findsLead else { return .form(outcome, lead: nil) }
            let key = try FormDelivery.key(ofGeneric: record, options: options)
            return .form(outcome, lead: try store.submissionLead(key: key))
        case .metaLeadgen(let leads):
            var kept = 0
            for lead in leads {
                if try store.addMetaLeadgen(
                    id: lead.id, source: source, pageID: lead.pageID, formID: lead.formID, adID: lead.adID,
                    at: receivedAt)
                {
                    kept += 1
                }
            }
            return .metaLeadgen(kept: kept)
        }
    }
}

// MARK: The inbox file

extension QueuedDelivery {
    /// The file's format, so that a later version can tell an older file from its own.
    static let format = 1

    /// The delivery as one JSON object, the text of its inbox file.
    var fileText: String {
        var object = JSONObject()
        object.set("leadtrail_inbox", .number(String(Self.format)))
        object.set("source", .string(source))
        object.set("received_at", .string(receivedAt.rfc3339))
        if findsLead { object.set("finds_lead", .bool(true)) }
        switch content {
        case .form(let record, let preset):
            object.set("kind", .string("form"))
            object.set("preset", .string(preset.rawValue))
            object.set("record", .object(record))
        case .metaLeadgen(let leads):
            object.set("kind", .string("meta_leadgen"))
            object.set(
                "leadgen",
                .array(
                    leads.map { lead in
                        var entry = JSONObject()
                        entry.set("id", .string(lead.id))
                        for (key, value) in [("page_id", lead.pageID), ("form_id", lead.formID), ("ad_id", lead.adID)] {
                            if let value { entry.set(key, .string(value)) }
                        }
                        return .object(entry)
                    }))
        }
        return object.jsonText + "\n"
    }

    /// Why an inbox file cannot be read back.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads an inbox file's text back.
    init(fileText text: String) throws {
        let object: JSONObject
        do { object = try JSONObject(parsing: text) } catch { throw Unreadable(description: "not an inbox file: \(error)") }
        guard object["leadtrail_inbox"]?.scalarText == String(Self.format) else {
            throw Unreadable(description: "not an inbox file of format \(Self.format)")
        }
        guard case .string(let source)? = object["source"], !source.isEmpty else {
            throw Unreadable(description: "field 'source' is missing")
        }
        guard case .string(let received)? = object["received_at"], let at = try? Timestamp.parse(received, timeZone: .gmt) else {
            throw Unreadable(description: "field 'received_at' is not an RFC 3339 time")
        }
        self.source = source
        receivedAt = at
        findsLead = object["finds_lead"] == .bool(true)
        switch object["kind"]?.scalarText {
        case "form":
            guard let name = object["preset"]?.scalarText, let preset = FormPreset(rawValue: name) else {
                throw Unreadable(description: "field 'preset' names no form preset")
            }
            guard case .object(let record)? = object["record"] else {
                throw Unreadable(description: "field 'record' is not an object")
            }
            content = .form(record: record, preset: preset)
        case "meta_leadgen":
            guard case .array(let entries)? = object["leadgen"] else {
                throw Unreadable(description: "field 'leadgen' is not a list")
            }
            var leads: [MetaLeadgen] = []
            for case .object(let entry) in entries {
                guard let id = entry["id"]?.scalarText, !id.isEmpty else {
                    throw Unreadable(description: "a 'leadgen' entry has no 'id'")
                }
                leads.append(
                    MetaLeadgen(
                        id: id, pageID: entry["page_id"]?.scalarText, formID: entry["form_id"]?.scalarText,
                        adID: entry["ad_id"]?.scalarText))
            }
            content = .metaLeadgen(leads)
        default:
            throw Unreadable(description: "field 'kind' is neither 'form' nor 'meta_leadgen'")
        }
    }
}
#endif
