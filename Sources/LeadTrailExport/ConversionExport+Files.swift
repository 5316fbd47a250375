internal import Foundation
public import LeadTrailCore
internal import LeadTrailReports
internal import LeadTrailStore

extension ConversionExport {
    /// The file the platform takes, header included even when no conversion could be sent.
    public var text: String {
        switch options.platform {
        case .yandexMetrica: yandexMetricaCSV
        case .meta: metaEvents
        case .googleAds: googleAdsCSV
        case .vk: vkCSV
        }
    }

    /// How many conversions the file holds, and how many were left out, each reason counted: one line for stderr.
    public var summary: String {
        let noun = rows.count == 1 ? "conversion" : "conversions"
        let what = "\(options.platform.rawValue) \(options.event.rawValue) \(noun), \(options.period)"
        var line = rows.isEmpty ? "no \(what) to export" : "\(rows.count) \(what)"
        let reasons = LeftOut.allCases.compactMap { reason -> String? in
            guard let count = leftOut[reason], count > 0 else { return nil }
            switch reason {
            case .outsideWindow:
                let days = options.platform.clickWindowDays.map { "\($0) days after the click" }
                    ?? options.platform.uploadWindowDays.map { "\($0) days before the upload" } ?? ""
                return "\(count) \(reason.rawValue) (\(days))"
            case .forgotten where count > 1: return "\(count) forgotten people"
            default: return "\(count) \(reason.rawValue)"
            }
        }
        if !reasons.isEmpty { line += "; left out: " + reasons.joined(separator: ", ") }
        return line
    }

    /// Yandex Metrica: `ClientId` (or `Yclid`), `Target`, `DateTime` (Unix seconds), `Price`, `Currency`.
    var yandexMetricaCSV: String {
        let idColumn = options.yandexIdentifier == .clientID ? "ClientId" : "Yclid"
        return csv(header: "\(idColumn),Target,DateTime,Price,Currency") { String(Self.unixSeconds($0.at)) }
    }

    /// Google Ads: the offline click conversions template, with the time and its offset in the report zone.
    var googleAdsCSV: String {
        csv(header: "Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency") {
            Self.googleTime($0.at, in: options.timeZone)
        }
    }

    /// VK Ads: one offline event a line for the pixel's server-side goals, keyed by the click id VK added.
    var vkCSV: String {
        csv(header: "rb_clickid,goal,event_time,value,currency") { String(Self.unixSeconds($0.at)) }
    }

    /// The click-id platforms' files share one shape: identifier, conversion name, time (as the platform writes
    /// it), value and currency (both empty for events without money).
    private func csv(header: String, time: (Row) -> String) -> String {
        var out = header + "\n"
        for row in rows {
            out += [
                row.identifier?.value ?? "", options.name, time(row), row.value.map(Self.decimal) ?? "",
                row.value?.currency.code ?? "",
            ].map(Self.csvCell).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Meta: Conversions API events, one JSON object a line, ready to post in `data`.
    var metaEvents: String {
        var out = ""
        for row in rows {
            var user: [(String, OutputValue)] = []
            if !row.hashedEmails.isEmpty { user.append(("em", .array(row.hashedEmails.map(OutputValue.string)))) }
            if !row.hashedPhones.isEmpty { user.append(("ph", .array(row.hashedPhones.map(OutputValue.string)))) }
            // Meta's lead id is a number: written as its digits, never through a floating-point type.
            if let lead = row.metaLeadID { user.append(("lead_id", .decimal(lead))) }
            if let fbc = row.fbc { user.append(("fbc", .string(fbc))) }
            var custom: [(String, OutputValue)] = [
                ("event_source", .string("crm")), ("lead_event_source", .string("LeadTrail")),
            ]
            if let value = row.value {
                custom.append(("value", .decimal(Self.decimal(value))))
                custom.append(("currency", .string(value.currency.code)))
            }
            let event = OutputValue.object([
                ("event_name", .string(options.name)), ("event_time", .integer(Self.unixSeconds(row.at))),
                ("action_source", .string("system_generated")), ("event_id", .string("leadtrail-" + row.eventID)),
                ("user_data", .object(user)), ("custom_data", .object(custom)),
            ])
            out += event.json + "\n"
        }
        return out
    }

    static func unixSeconds(_ time: Timestamp) -> Int64 {
        time.microseconds >= 0 ? time.microseconds / 1_000_000 : -((-time.microseconds + 999_999) / 1_000_000)
    }

    /// Major units with the currency's minor digits: `12500.00`, `-3.5` never (values are not negative here).
    static func decimal(_ money: Money) -> String {
        let digits = money.currency.minorDigits
        let negative = money.minorUnits < 0
        let magnitude = money.minorUnits.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (negative ? "-" : "") + String(magnitude / scale) + "." + fraction
    }

    /// `yyyy-mm-dd hh:mm:ss+hh:mm` in `zone`.
    static func googleTime(_ time: Timestamp, in zone: TimeZone) -> String {
        let seconds = unixSeconds(time)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
        let local = seconds + Int64(offset)
        let days = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let second = Int(local - days * 86_400)
        let date = CalendarDate(dayNumber: Int(days))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset)
        return "\(date) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
            + "\(sign)\(two(absolute / 3600)):\(two(absolute / 60 % 60))"
    }

    /// RFC 4180 quoting where needed; a cell a spreadsheet would run as a formula gets a leading `'`.
    static func csvCell(_ text: String) -> String {
        var cell = text
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
