internal import Foundation
internal import LeadTrailCore

/// The records of a Meta Lead Ads file in any of the shapes marketers get (docs/presets.md §2), as lead objects.
///
/// - Graph API leads: an array, NDJSON, or pages `{"data": […], "paging": …}` (read by ``RecordReader``);
/// - the Graph API page nested under each form, `[{"id": form, "name": …, "leads": {"data": [lead, …]}}, …]`: each
///   lead is a record (numbered by its form's record), with the form's `id` and `name` as `form_id`/`form_name`;
/// - the Leads Center / Ads Manager CSV (`id,created_time,ad_id,…,is_organic,platform,<questions>,full_name,…`):
///   each row becomes a lead object (an `.xlsx` of it too). The `l:`, `ag:`, `as:`, `c:`, `f:` id prefixes and the `p:` phone prefix are
///   dropped, `is_organic` text becomes a boolean, and every column that is not a lead field becomes a `field_data`
///   answer.
final class MetaLeadsReader {
    let source: any RawRecordSource
    private var pending: [RawRecord] = []

    /// The lead object's own (non-answer) keys, as the CSV names them.
    static let leadKeys: Set<String> = [
        "id", "created_time", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "form_id",
        "form_name", "is_organic", "platform", "lead_status", "partner_name", "retailer_item_id", "vehicle",
        "home_listing", "post", "custom_disclaimer_responses",
    ]

    init(url: URL, options: ImportOptions) throws(ImportFileError) {
        let ext = url.pathExtension.lowercased()
        if XLSXReader.isZIP(url) {
            source = try XLSXReader(url: url, sheet: options.sheet)
        } else if ext == "csv" || ext == "tsv" {
            source = try TableReader(url: url, encoding: options.encoding)
        } else {
            source = try RecordReader(url: url, pageKey: "data", encoding: options.encoding)
        }
    }

    func next() throws(ImportFileError) -> RawRecord? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            guard var raw = try source.next() else { return nil }
            guard case .success(let object) = raw.object else { return raw }
            if source is any TableSource {
                raw.object = .success(MetaLeadsReader.lead(fromRow: object))
                return raw
            }
            guard let leads = MetaLeadsReader.nestedLeads(object) else { return raw }
            for lead in leads {
                let result: Result<JSONObject, RecordError>
                if case .object(var value) = lead {
                    if value["form_id"] == nil, let id = object["id"] { value.set("form_id", id) }
                    if value["form_name"] == nil, let name = object["name"] { value.set("form_name", name) }
                    result = .success(value)
                } else {
                    result = .failure(RecordError(message: "expected a lead object in leads.data"))
                }
                pending.append(RawRecord(number: raw.number, line: raw.line, text: lead.jsonText, object: result))
            }
        }
    }

    /// The leads of a form object that nests them (`"leads": {"data": […]}` or `"leads": […]`), or nil.
    static func nestedLeads(_ object: JSONObject) -> [JSONValue]? {
        guard object["field_data"] == nil, let leads = object["leads"] else { return nil }
        switch leads {
        case .object(let page):
            if case .array(let data)? = page["data"] { return data }
            return nil
        case .array(let data): return data
        default: return nil
        }
    }

    /// A Leads Center CSV row as a Graph API lead object.
    static func lead(fromRow row: JSONObject) -> JSONObject {
        var lead = JSONObject()
        var answers: [JSONValue] = []
        for (header, value) in row {
            let key = header.trimmingWhitespace().lowercased()
            var text = value.scalarText?.trimmingWhitespace() ?? ""
            if leadKeys.contains(key) {
                if key.hasSuffix("id") { text = strippingPrefix(text, ["l:", "ag:", "as:", "c:", "f:"]) }
                if text.isEmpty { continue }
                if key == "is_organic" {
                    lead.set(key, .bool(text.lowercased() == "true" || text == "1"))
                } else {
                    lead.set(key, .string(text))
                }
            } else {
                if key == "phone_number" || key == "phone" { text = strippingPrefix(text, ["p:"]) }
                if text.isEmpty { continue }
                var answer = JSONObject()
                answer.set("name", .string(header.trimmingWhitespace()))
                answer.set("values", .array([.string(text)]))
                answers.append(.object(answer))
            }
        }
        if !answers.isEmpty { lead.set("field_data", .array(answers)) }
        return lead
    }

    private static func strippingPrefix(_ text: String, _ prefixes: [String]) -> String {
        for prefix in prefixes where text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        return text
    }
}
