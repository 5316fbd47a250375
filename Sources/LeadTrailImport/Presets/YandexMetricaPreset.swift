import Foundation
internal import LeadTrailCore

/// Yandex Metrica Logs API, visits source (docs/presets.md, "Yandex Metrica visits").
///
/// `ym:s:visitID` → id (`ym:` + the id, so it never meets another file's ids); `ym:s:clientID` → visitor (the
/// Metrica client id, which a form's `_ym_uid` carries too, so the form joins the journey; a client id of `0`, a
/// visit without one, becomes the visitor `ym-visit:` + the visit id); `ym:s:dateTime` → at,
/// in the counter's time zone, read in the configured zone (`ym:s:dateTimeUTC`, which the docs say is UTC+3, when
/// `dateTime` is absent); `ym:s:startURL` → url; `ym:s:referer` → referrer; `ym:s:UTMSource` … `ym:s:UTMTerm` →
/// the `utm_*` fields (the start URL's own tags fill what they leave empty); `ym:s:lastYclid`, else
/// `ym:s:lastGCLID`, → click id when the start URL carries none. Column names match without their `ym:s:` prefix
/// and ignoring case.
enum YandexMetricaPreset {
    static func genericObject(from source: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject {
        var plain = JSONObject()
        for (key, value) in source {
            var name = key.trimmingWhitespace().lowercased()
            if name.hasPrefix("ym:s:") { name.removeFirst(5) }
            plain.set(name, value)
        }
        var result = JSONObject()
        // A column the `--map` gives instead (`id`, `visitor`, `at`) need not be in the file.
        func mapGives(_ field: String) -> Bool { MapTargets.gives(field, in: source, options) }
        if let visitID = plain.text(anyOf: ["visitid"]) {
            result.set("id", .string("ym:" + visitID))
        } else if !mapGives("id") {
            // A report saved from Metrica's interface (Визиты, Посетители, Отказы by source) has totals, not visits.
            guard plain.keys.contains(where: { ["clientid", "datetime", "datetimeutc"].contains($0) }) else {
                throw RecordError(
                    message: "no ym:s:visitID, ym:s:clientID or ym:s:dateTime column: this looks like a report saved "
                        + "from Metrica's interface, which holds totals, not visits; export the visits through the "
                        + "Logs API (docs/presets.md, \"Yandex Metrica visits\")")
            }
            throw RecordError.missing("ym:s:visitID")
        }
        if let client = plain.text(anyOf: ["clientid"]), client != "0" {
            result.set("visitor", .string(client))
        } else if !mapGives("visitor") {
            // Metrica writes 0 for a visit it gave no client id (cookies off, a robot it let through): the visit
            // still counts, as its own visitor that no form can join, so the file's visits add up to Metrica's.
            guard plain.text(anyOf: ["clientid"]) == "0", let visitID = plain.text(anyOf: ["visitid"]) else {
                throw RecordError.missing("ym:s:clientID")
            }
            result.set("visitor", .string("ym-visit:" + visitID))
        }
        if let local = plain.text(anyOf: ["datetime"]) {
            try checkTime(local, column: "ym:s:dateTime", zone: options.timeZone)
            result.set("at", .string(isoLocal(local)))
        } else if let moscow = plain.text(anyOf: ["datetimeutc"]) {
            try checkTime(moscow, column: "ym:s:dateTimeUTC", zone: TimeZone(secondsFromGMT: 3 * 3600)!)
            result.set("at", .string(isoLocal(moscow) + "+03:00"))
        } else if !mapGives("at") {
            throw RecordError.missing("ym:s:dateTime")
        }
        if let url = plain.text(anyOf: ["starturl"]) { result.set("url", .string(url)) }
        if let referrer = plain.text(anyOf: ["referer", "referrer"]) { result.set("referrer", .string(referrer)) }
        let utm: [(String, String)] = [
            ("utmsource", "utm_source"), ("utmmedium", "utm_medium"), ("utmcampaign", "utm_campaign"),
            ("utmcontent", "utm_content"), ("utmterm", "utm_term"),
        ]
        for (column, field) in utm {
            if let value = plain.text(anyOf: [column]) { result.set(field, .string(value)) }
        }
        let urlHasClickID = plain.text(anyOf: ["starturl"]).map { TrackedURL(parsing: $0).clickID != nil } ?? false
        if !urlHasClickID {
            if let yclid = plain.text(anyOf: ["lastyclid"]), yclid != "0" {
                result.set("click_id", .string("yclid=" + yclid))
            } else if let gclid = plain.text(anyOf: ["lastgclid"]) {
                result.set("click_id", .string("gclid=" + gclid))
            }
        }
        return result
    }

    /// Refuses a time the generic reader could not read, quoting it as the file has it under its own column
    /// (`ym:s:dateTime`: invalid time '02.11.2026 10:15'), not as ``isoLocal(_:)`` rewrites it.
    private static func checkTime(_ text: String, column: String, zone: TimeZone) throws(RecordError) {
        do { _ = try Timestamp.parse(text.trimmingWhitespace(), timeZone: zone) } catch {
            throw RecordError(field: column, error)
        }
    }

    /// `2026-10-01 12:30:00` → `2026-10-01T12:30:00` (no offset: read in the configured zone).
    static func isoLocal(_ text: String) -> String {
        String(text.map { $0 == " " ? "T" : $0 })
    }
}
