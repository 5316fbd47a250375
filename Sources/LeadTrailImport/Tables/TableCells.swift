internal import LeadTrailCore

/// How the text cells of a CRM export (a CSV/TSV table or an `.xlsx` sheet given to clicks, forms or deals) become
/// the generic fields JSON gives: times and amounts read as the spend readers read them, every error naming the column.
///
/// - Times (`at`, `submitted_at`, `created_at`, `closed_at`, `refunded_at`): the date as a spend export's
///   (``SpendRow/isoDate(_:_:)``: `04.12.2026`, `06/12/2026` in the file's order (``SlashDateOrder``), `2026-12-04`),
///   then a time of day `12:00`, `12:00:00` or `1:05 PM`; RFC 3339 as in JSON. A time without an offset is read in the
///   configured time zone, as JSON's is.
/// - Amounts (`amount`, `refunded_amount`): ``Money/parse(cell:currency:allowsNegative:)``: `24 900,00`, `1,200.50`;
///   `1,200` is refused naming both readings.
/// - Any other cell is text, as JSON's strings are.
enum TableCells {
    /// The generic time fields of each kind of import.
    static let timeFields: [String: [String]] = [
        "clicks": ["at"], "forms": ["submitted_at"], "deals": ["created_at", "closed_at", "refunded_at"],
    ]
    /// The generic amount fields of each kind of import.
    static let amountFields: [String: [String]] = ["deals": ["amount", "refunded_amount"]]

    /// A mapped row with its time and amount cells in the generic format's forms (RFC 3339 in UTC, `24900.00`).
    static func generic(_ row: JSONObject, kind: String, options: ImportOptions) throws(RecordError) -> JSONObject {
        var result = row
        for field in timeFields[kind] ?? [] {
            guard case .string(let text)? = row[field] else { continue }
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            // A day without a time (HubSpot's Close Date) goes on as a day, as JSON writes one, so that the record
            // reads it as a day (a deal closed on the day it was created closes at its creation, not before it).
            let day = SpendRow.isoDate(trimmed, options)
            if !trimmed.contains(" "), (try? CalendarDate(parsing: day)) != nil {
                result.set(field, .string(day))
                continue
            }
            // Handed on as the day and time the cell says (read in the configured zone, as JSON's naive times are),
            // so that a message about it quotes what the user can find in the file, not a UTC instant.
            result.set(field, .string(try localText(trimmed, field: field, options: options)))
        }
        for field in amountFields[kind] ?? [] {
            guard case .string(let text)? = row[field], !text.trimmingWhitespace().isEmpty else { continue }
            // Without a currency the record says so itself; the cell's digits need the currency's minor unit.
            let written = (try? row.currency("currency")) ?? nil
            guard let currency = written ?? options.defaultCurrency else { continue }
            do throws(ValidationError) {
                result.set(field, .string(try Money.parse(cell: text, currency: currency).amountText))
            } catch {
                throw RecordError(field: field, error)
            }
        }
        return result
    }

    /// A time cell as CRMs write it: `04.12.2026 12:00`, `03.10.2026 12:00:00`, `06/12/2026`, `2026-06-01 10:00`,
    /// `12/06/2026 1:05 PM`, or RFC 3339.
    static func timestamp(_ text: String, field: String, options: ImportOptions) throws(RecordError) -> Timestamp {
        let iso = try localText(text, field: field, options: options)
        do {
            return try Timestamp.parse(iso, timeZone: options.timeZone)
        } catch {
            throw invalidTime(text, field: field)
        }
    }

    /// The cell as `2026-12-04 12:00` (a day and a time, no offset) or RFC 3339 as written, checked to be a time.
    static func localText(_ text: String, field: String, options: ImportOptions) throws(RecordError) -> String {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let datePart = String(parts[0])
        var iso = text
        if datePart.contains(".") || datePart.contains("/") {
            let date = SpendRow.isoDate(datePart, options)
            guard date != datePart, let time = parts.count > 1 ? clock(String(parts[1])) : "00:00" else {
                throw invalidTime(text, field: field)
            }
            iso = date + " " + time
        } else if parts.count > 1, let time = clock(String(parts[1])) {
            iso = datePart + " " + time
        }
        do {
            _ = try Timestamp.parse(iso, timeZone: options.timeZone)
        } catch {
            throw invalidTime(text, field: field)
        }
        return iso
    }

    /// `12:00`, `9:05:30`, `1:05 PM` as `HH:MM[:SS]`; nil for anything else (an offset, a zone name).
    private static func clock(_ text: String) -> String? {
        var words = text.split(separator: " ")
        var shift: Int? = nil
        if words.count == 2 {
            switch words[1].uppercased() {
            case "AM": shift = 0
            case "PM": shift = 12
            default: return nil
            }
            words.removeLast()
        }
        guard words.count == 1 else { return nil }
        let fields = words[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), (1...2).contains(fields[0].count), var hour = Int(fields[0]),
            fields.dropFirst().allSatisfy({ $0.count == 2 && Int($0) != nil })
        else { return nil }
        if let shift {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + shift
        }
        return (hour < 10 ? "0" : "") + String(hour) + ":" + fields.dropFirst().joined(separator: ":")
    }

    private static func invalidTime(_ text: String, field: String) -> RecordError {
        RecordError(
            field: field,
            message: "invalid time '\(ValidationError.shown(text))' (expected a calendar day and a time such as"
                + " 04.12.2026 12:00, 2026-12-04 12:00 or 2026-12-04T12:00:00+03:00)")
    }

    /// A row's error naming the column it came from (`column 'Бюджет' (amount): …`) instead of the generic field,
    /// so that the user finds the cell.
    static func located(_ error: RecordError, options: ImportOptions) -> RecordError {
        guard let field = error.field else { return error }
        let place: String
        if options.map?.constants[field] != nil {
            place = "the --map constant '\(field)'"
        } else if let source = options.map?.fields.first(where: { $0.generic == field })?.source, source != field {
            place = "column '\(source)' (\(field))"
        } else {
            place = "column '\(field)'"
        }
        let own = "field '\(field)'"
        if error.message == own + " is required" { return RecordError(message: "\(place) is empty; it is required") }
        if error.message.hasPrefix(own) {
            return RecordError(message: place + String(error.message.dropFirst(own.count)))
        }
        return RecordError(message: "\(place): \(error.message)")
    }
}
