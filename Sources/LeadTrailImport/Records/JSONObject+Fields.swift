internal import Foundation
internal import LeadTrailCore

/// Typed, validating reads of generic-format fields, each error naming its field.
extension JSONObject {
    /// A text field: a string (trimmed) or a number (its exact text); null, absent and empty are nil.
    func text(_ field: String) throws(RecordError) -> String? {
        try scalarText(field, expected: "a string")
    }

    /// A string (trimmed) or a number (its exact text); null, absent and empty are nil; anything else is an error
    /// naming the field and what it should have been.
    private func scalarText(_ field: String, expected: String) throws(RecordError) -> String? {
        guard let value = self[field] else { return nil }
        switch value {
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        case .number(let text): return text
        case .null: return nil
        default: throw .wrongType(field, expected: expected, found: value)
        }
    }

    /// Like `text(_:)`, but the field must be present and non-empty.
    func requiredText(_ field: String) throws(RecordError) -> String {
        guard let text = try text(field) else { throw .missing(field) }
        return text
    }

    /// A text field that may not be a number (a URL, a name): numbers are accepted as text anyway, since a
    /// spreadsheet may turn a name into one; only arrays, objects and booleans are errors.
    func string(_ field: String) throws(RecordError) -> String? { try text(field) }

    /// An RFC 3339 time; a number is an error (epoch seconds are ambiguous).
    func timestamp(_ field: String, timeZone: TimeZone) throws(RecordError) -> Timestamp? {
        guard let value = self[field] else { return nil }
        switch value {
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return nil }
            do {
                return try Timestamp.parse(trimmed, timeZone: timeZone)
            } catch {
                throw RecordError(field: field, error)
            }
        case .null: return nil
        default:
            throw .wrongType(field, expected: "a time as RFC 3339 text (\"2026-10-01T12:30:00+03:00\")", found: value)
        }
    }

    func requiredTimestamp(_ field: String, timeZone: TimeZone) throws(RecordError) -> Timestamp {
        guard let time = try timestamp(field, timeZone: timeZone) else { throw .missing(field) }
        return time
    }

    /// The text of an amount: a string or a number, untouched for Money.parse.
    func amountText(_ field: String) throws(RecordError) -> String? {
        try scalarText(field, expected: "an amount (a number or a string such as \"12500.00\")")
    }

    /// A nested object; null and absent are nil.
    func object(_ field: String) throws(RecordError) -> JSONObject? {
        guard let value = self[field] else { return nil }
        switch value {
        case .object(let object): return object
        case .null: return nil
        default: throw .wrongType(field, expected: "an object", found: value)
        }
    }

    /// A currency code (required when `required`).
    func currency(_ field: String) throws(RecordError) -> Currency? {
        guard let code = try text(field) else { return nil }
        do {
            return try Currency(code: code)
        } catch {
            throw RecordError(field: field, error)
        }
    }

    /// The record's currency: its `currency` field, else `--currency` (the account's, for a file that carries none).
    /// A field that contradicts `--currency` is refused: `--currency` never overrules the file, which would store the
    /// wrong money. One rule for deals and spend.
    func recordCurrency(_ options: ImportOptions) throws(RecordError) -> Currency {
        let written = try currency("currency")
        if let written, let given = options.defaultCurrency, written != given {
            throw RecordError(
                field: "currency",
                message: "\(written.code), but --currency says \(given.code): leave --currency out, or give --currency"
                    + " \(written.code)")
        }
        guard let currency = written ?? options.defaultCurrency else { throw .missing("currency") }
        return currency
    }

    /// A non-negative integer count of at most 15 digits (``Limits/maxCount``): a number or a string of digits (with
    /// `allowsSpaces`, `1 234`); absent is 0.
    func count(_ field: String, allowsSpaces: Bool) throws(RecordError) -> Int64 {
        guard let value = self[field] else { return 0 }
        let raw: String
        switch value {
        case .string(let text): raw = text.trimmingWhitespace()
        case .number(let text): raw = text
        case .null: return 0
        default: throw .wrongType(field, expected: "a whole number", found: value)
        }
        if raw.isEmpty { return 0 }
        // Quoted only in an error, so that valid counts cost nothing.
        func shown() -> String { ValidationError.shown(raw) }
        var result: Int64 = 0
        var digits = 0
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39:
                let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(scalar.value - 0x30))
                if overflow1 || overflow2 { throw Self.countOutOfRange(field, raw) }
                result = sum
                digits += 1
            case 0x20 where allowsSpaces && digits > 0, 0xA0 where allowsSpaces && digits > 0,
                0x202F where allowsSpaces && digits > 0:
                continue
            case 0x20, 0xA0, 0x202F, 0x2009:
                throw RecordError(
                    field: field, message: "invalid count '\(shown())' (expected a whole number such as 1200)")
            case 0x2D:
                throw RecordError(field: field, message: "'\(shown())' is negative; expected a count of 0 or more")
            default:
                throw RecordError(
                    field: field, message: "invalid count '\(shown())' (expected a whole number such as 1200)")
            }
        }
        if digits == 0 {
            throw RecordError(field: field, message: "invalid count '\(shown())' (expected a whole number)")
        }
        guard result <= Limits.maxCount else { throw Self.countOutOfRange(field, raw) }
        return result
    }

    private static func countOutOfRange(_ field: String, _ raw: String) -> RecordError {
        RecordError(
            field: field,
            message: "count '\(ValidationError.shown(raw))' is out of range (at most \(Limits.maxCount), 15 digits)")
    }
}
