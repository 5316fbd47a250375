/// What a rep types to find a lead: part of a name, an email, a phone in any written form, an external id.
///
/// Letters match ignoring case (Cyrillic too) and `ё`/`е`. A text that looks like a phone (digits with spaces,
/// `+`, `-`, `(`, `)` or `.`) matches by its digits: a whole number (`8 (916) 123-45-67`, `+79161234567`,
/// `9161234567`) finds the lead with that phone, and a part of one (`123-45-67`) the leads whose phone contains it.
///
/// ```swift
/// LeadSearch("8 (916) 123-45-67")?.matches(lead)  // true for a lead with phone +79161234567
/// ```
public struct LeadSearch: Sendable, Hashable {
    /// The text, folded for comparison.
    public let folded: String
    /// The digits of a phone-shaped text of at least ``minimumPhoneDigits`` digits.
    public let phoneDigits: String?

    /// The fewest digits a phone-shaped text must have to be searched as a phone: fewer match too much.
    public static let minimumPhoneDigits = 4

    /// Nil for a text with nothing but spaces.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        folded = Self.fold(trimmed)
        let phoneShaped = trimmed.unicodeScalars.allSatisfy { scalar in
            ("0"..."9").contains(scalar) || " +-().\u{00A0}".unicodeScalars.contains(scalar)
        }
        let digits = String(trimmed.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        if phoneShaped && digits.count >= Self.minimumPhoneDigits {
            // A whole number is read as `lead add` reads it, so every written form of it finds the same lead.
            phoneDigits = (try? Phone(parsing: trimmed)).map { String($0.e164.dropFirst()) } ?? digits
        } else {
            phoneDigits = nil
        }
    }

    /// Whether the lead's name, email, phone or external id matches.
    public func matches(_ lead: Lead) -> Bool {
        if let phoneDigits, let phone = lead.phone, phone.e164.dropFirst().contains(phoneDigits) { return true }
        if let name = lead.name, Self.fold(name).contains(folded) { return true }
        if let email = lead.email, email.normalized.contains(folded) { return true }
        if let external = lead.externalID, Self.fold(external).contains(folded) { return true }
        return false
    }

    /// Lowercased (Unicode-aware) with `ё` read as `е`, as Russian is typed.
    public static func fold(_ text: String) -> String {
        String(text.lowercased().map { $0 == "ё" ? "е" : $0 })
    }
}
