public import LeadTrailCore

/// One deal from an `import deals` file, validated, ready for the store.
///
/// Generic fields: **`id`**, **`lead`** (object with one of `id`, `external_id`, `email`, `phone`, or the flat fields
/// `lead.id`, `lead.external_id`, `lead.email`, `lead.phone` a table's columns give), **`amount`**
/// (string or number, major units), **`currency`** (else `--currency`), **`created_at`**, `status` (`open` by default,
/// any case, or a CRM's name for one: ``DealStatus/crmNames``; `won` and `lost` need `closed_at`; an open deal has none,
/// and it is never before `created_at`), `closed_at`,
/// `refunded_amount` and `refunded_at` (both or neither; at most the deal's amount).
public struct DealRecord: Hashable, Sendable {
    /// The deal's id in the importing system; re-importing it with other content updates the deal.
    public var id: String
    /// How the deal names its lead.
    public var lead: LeadReference
    /// Exact, non-negative.
    public var amount: Money
    /// When the deal was created (`created_at`), in UTC.
    public var createdAt: Timestamp
    /// `open` (the default), `won` or `lost`.
    public var status: DealStatus
    /// When the deal was closed: required for won and lost.
    public var closedAt: Timestamp?
    /// A refund: positive amount in the deal's currency, at its own time.
    public var refund: Refund?
    /// A hash of the normalised content, to tell a changed record from the same one imported again.
    public var contentHash: String

    /// Validates a generic-format deal object.
    public init(generic object: JSONObject, options: ImportOptions) throws(RecordError) {
        id = try object.requiredText("id")
        lead = try DealRecord.lead(of: object)
        guard let amountText = try object.amountText("amount") else { throw .missing("amount") }
        let currency = try object.recordCurrency(options)
        do {
            amount = try Money.parse(amountText, currency: currency)
        } catch {
            throw RecordError(field: "amount", error)
        }
        createdAt = try object.requiredTimestamp("created_at", timeZone: options.timeZone)
        if let text = try object.text("status") {
            guard let parsed = DealStatus(crmName: text) else {
                throw RecordError(field: "status", message: DealStatus.unknownNameMessage(text))
            }
            status = parsed
        } else {
            status = .open
        }
        closedAt = try object.timestamp("closed_at", timeZone: options.timeZone)
        if status != .open, closedAt == nil {
            throw RecordError(
                field: "closed_at", message: "field 'closed_at' is required when status is \(status.rawValue)")
        }
        // A close date without a time (HubSpot's Close Date, a CRM's "closed on") on the day the deal was created is
        // a same-day sale: it closed that day, not at the midnight before the deal existed. It is read as the deal's
        // creation time; a date-only close on a later day is that day's start, as any bare date is.
        if let closed = closedAt, closed < createdAt, let written = try object.text("closed_at"),
            Self.isDateOnly(written),
            closed.calendarDate(in: options.timeZone) == createdAt.calendarDate(in: options.timeZone)
        {
            closedAt = createdAt
        }
        do {
            try Deal.checkClose(status: status, closedAt: closedAt, createdAt: createdAt)
        } catch .closedBeforeCreated {
            // Quoted as written, so a Moscow time is not read back in UTC.
            let closed = Self.quoted(try object.text("closed_at"))
            let created = Self.quoted(try object.text("created_at"))
            throw RecordError(
                field: "closed_at",
                message: "closed at \(closed), before the deal was created (created_at \(created)); a time "
                    + "without an offset is read in \(Timestamp.zoneName(options.timeZone))")
        } catch {
            throw RecordError(field: "closed_at", message: error.description)
        }
        let refundText = try object.amountText("refunded_amount")
        let refundedAt = try object.timestamp("refunded_at", timeZone: options.timeZone)
        switch (refundText, refundedAt) {
        case (nil, nil): refund = nil
        case (let text?, let at?):
            let money: Money
            do {
                money = try Money.parse(text, currency: currency)
            } catch {
                throw RecordError(field: "refunded_amount", error)
            }
            guard money.minorUnits > 0 else {
                throw RecordError(field: "refunded_amount", message: "a refund must be a positive amount")
            }
            do {
                try Deal.checkRefund(money, of: amount)
            } catch {
                throw RecordError(field: "refunded_amount", message: error.description)
            }
            refund = Refund(amount: money, at: at)
        case (nil, _?):
            throw RecordError(
                field: "refunded_amount", message: "field 'refunded_amount' is required with 'refunded_at'")
        case (_?, nil):
            throw RecordError(field: "refunded_at", message: "field 'refunded_at' is required with 'refunded_amount'")
        }
        contentHash = ContentHash.of([
            "deal", id, lead.hashText, String(amount.minorUnits), amount.currency.code, String(createdAt.microseconds),
            status.rawValue, closedAt.map { String($0.microseconds) }, refund.map { String($0.amount.minorUnits) },
            refund.map { String($0.at.microseconds) },
        ])
    }

    /// The deal's lead: flat fields `lead.id`, `lead.external_id`, `lead.email`, `lead.phone` (a table's columns, or
    /// `--map` targets) when any is given, else the `lead` object.
    private static func lead(of object: JSONObject) throws(RecordError) -> LeadReference {
        let flatKeys = ["id", "external_id", "email", "phone"]
        let named = flatKeys.filter { object["lead." + $0] != nil }
        if !named.isEmpty {
            var flat = JSONObject()
            for key in named {
                if let value = object["lead." + key], value.scalarText?.trimmingWhitespace().isEmpty == false {
                    flat.append(key, value)
                }
            }
            guard !flat.isEmpty else {
                let cells = named.map { "lead.\($0)" }.joined(separator: " and ")
                throw RecordError(
                    message: "the deal names no lead: its \(cells) \(named.count == 1 ? "is" : "are") empty")
            }
            return try LeadReference(object: flat)
        }
        guard let leadObject = try object.object("lead") else { throw .missing("lead") }
        return try LeadReference(object: leadObject)
    }

    /// `2026-10-04`: a date with no time of day.
    static func isDateOnly(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        return trimmed.utf8.count == 10 && (try? CalendarDate(parsing: trimmed)) != nil
    }

    /// A field's text for a message, quoted and shown safely.
    private static func quoted(_ text: String?) -> String {
        "'" + ValidationError.shown(text ?? "") + "'"
    }
}
