internal import Foundation
internal import LeadTrailCore

/// Tilda form webhooks, as a receiver logged them (docs/presets.md §1).
///
/// `Name`, `Phone`, `Email` (any case) → name, phone, email; `tranid` → id; `formname`, else `formid` → form;
/// explicit `utm_*` fields, else the `TILDAUTM` cookie inside `COOKIES`; every other key → `fields` (never the
/// raw cookies: they are personal data; only `_ym_uid`, Metrica's client id, is taken from them as the visitor). No
/// time → the import time, unless a `--map` gives `submitted_at` (what a map gives wins over the preset, as for every
/// preset: ``FieldMap/override(_:from:skipping:)``). Otherwise no visitor (a `tildauid` only matches clicks
/// if the site's tracker used it). `{"test": "test"}` is Tilda's connection probe: skipped, not rejected.
enum TildaPreset {
    static let mapped: Set<String> = ["name", "phone", "email", "tranid", "formid", "formname", "cookies"]

    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject? {
        if source.count == 1, source["test"] != nil { return nil }
        var result = JSONObject()
        result.set("submitted_at", FormPresetSupport.importTime(options))
        if let id = source.text(anyOf: ["tranid"]) { result.set("id", .string(id)) }
        if let name = source.text(anyOf: ["Name", "name"]) { result.set("name", .string(name)) }
        if let phone = source.text(anyOf: ["Phone", "phone"]) { result.set("phone", .string(phone)) }
        if let email = source.text(anyOf: ["Email", "email"]) { result.set("email", .string(email)) }
        if let form = source.text(anyOf: ["formname"]) ?? source.text(anyOf: ["formid"]) {
            result.set("form", .string(form))
        }
        if let cookies = source.text(anyOf: ["COOKIES"]), let client = cookieValue("_ym_uid", in: cookies) {
            result.set("_ym_uid", .string(client))
        }
        if let cookies = source.text(anyOf: ["COOKIES"]), let utm = cookieUTM(cookies) {
            let pairs: [(String, String?)] = [
                ("utm_source", utm.source), ("utm_medium", utm.medium), ("utm_campaign", utm.campaign),
                ("utm_content", utm.content), ("utm_term", utm.term),
            ]
            for (key, value) in pairs { if let value { result.set(key, .string(value)) } }
        }
        _ = FormPresetSupport.copyOverrides(from: source, into: &result)
        var fields = JSONObject()
        for (key, value) in source {
            let lowered = key.lowercased()
            if mapped.contains(lowered) || FormPresetSupport.utmFields.contains(lowered) || lowered == "visitor" {
                continue
            }
            fields.append(key, value)
        }
        if !fields.isEmpty { result.set("fields", .object(fields)) }
        return result
    }

    /// One cookie's value in a cookie string (`a=1; _ym_uid=1729…; b=2`), or nil when it is absent or empty.
    static func cookieValue(_ name: String, in cookies: String) -> String? {
        for part in cookies.split(separator: ";") {
            let cookie = String(part).trimmingWhitespace()
            guard cookie.hasPrefix(name + "=") else { continue }
            let value = String(cookie.dropFirst(name.count + 1)).trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The UTM values in the `TILDAUTM` cookie of a cookie string, or nil when there is none.
    ///
    /// Tilda's script lower-cases the page URL, keeps the still-encoded `utm_*=value` pairs, joins them as
    /// `pair|||pair|||` and stores `encodeURIComponent` of that: decode once, split on `|||` (tolerating an
    /// `amp;` prefix), then decode each value as a URL query value.
    static func cookieUTM(_ cookies: String) -> UTM? {
        for part in cookies.split(separator: ";") {
            let cookie = String(part).trimmingWhitespace()
            guard cookie.hasPrefix("TILDAUTM=") else { continue }
            let raw = String(cookie.dropFirst("TILDAUTM=".count))
            let decoded = raw.removingPercentEncodingLeniently()
            var query: [String] = []
            for piece in decoded.components(separatedBy: "|||") {
                var pair = piece
                if pair.hasPrefix("amp;") { pair.removeFirst(4) }
                if pair.isEmpty { continue }
                query.append(pair)
            }
            if query.isEmpty { return nil }
            let utm = TrackedURL(parsing: "?" + query.joined(separator: "&")).utm
            return utm.isEmpty ? nil : utm
        }
        return nil
    }
}

extension String {
    /// Percent-decodes `%XX` escapes as UTF-8, keeping malformed escapes and invalid sequences as written.
    func removingPercentEncodingLeniently() -> String {
        var bytes: [UInt8] = []
        let source = Array(utf8)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count, let high = hex(source[index + 1]),
                let low = hex(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
