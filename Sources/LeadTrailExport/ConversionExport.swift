public import Foundation
public import LeadTrailCore
public import LeadTrailStore

/// The conversions of a period for one platform: what can be sent, and how many were left out and why.
///
/// ```swift
/// let export = try ConversionExport(leads: store.exportLeads(from: start, to: end), options: options)
/// print(export.text, terminator: "")
/// ```
public struct ConversionExport: Sendable {
    /// Why a conversion of the period is not in the file.
    public enum LeftOut: String, CaseIterable, Sendable {
        /// No identifier the platform knows the person by (no click id, no Metrica client id, no contact).
        case noIdentifier = "no click id"
        /// Too long after its click or visit, or too long before the upload, for the platform to accept it.
        case outsideWindow = "outside the window"
        /// The conversion's time is after `--as-of`: platforms refuse conversions from the future.
        case notYetHappened = "not yet happened"
        /// The person was erased with `lead forget`.
        case forgotten = "forgotten person"
    }

    /// One conversion as the platform will receive it.
    public struct Row: Sendable, Hashable {
        /// Stable across exports, for the platform's deduplication: `lead-12`, `qualified-12`, `won-deal-7`.
        public var eventID: String
        public var leadID: Int64
        public var at: Timestamp
        /// The converted value in the export's currency (won deals); nil for events without money.
        public var value: Money?
        /// The identifier a click-id platform receives (client id, yclid, gclid, rb_clickid/vkclid).
        public var identifier: ExportClick?
        /// Meta's hashed emails and phones, its lead id, and its `fbc` built from an fbclid.
        public var hashedEmails: [String] = []
        public var hashedPhones: [String] = []
        public var metaLeadID: String?
        public var fbc: String?
    }

    public var options: ConversionExportOptions
    public var rows: [Row] = []
    public var leftOut: [LeftOut: Int] = [:]

    /// Builds the export; converting a won deal's amount needs its rate, and a missing one is an error.
    public init(leads: [ExportLead], options: ConversionExportOptions) throws(MissingExchangeRate) {
        self.options = options
        for lead in leads {
            for event in Self.events(of: lead, options: options) {
                if lead.forgotten {
                    leftOut[.forgotten, default: 0] += 1
                    continue
                }
                if event.at > options.asOf {
                    leftOut[.notYetHappened, default: 0] += 1
                    continue
                }
                var row = Row(eventID: event.id, leadID: lead.id, at: event.at)
                if let amount = event.amount {
                    let date = event.at.calendarDate(in: options.timeZone)
                    let minor = try options.rates.convert(amount, to: options.currency, on: date)
                    row.value = Money(minorUnits: Money.roundedMinorUnits(minor), currency: options.currency)
                }
                switch identify(&row, lead: lead) {
                case .some(let reason): leftOut[reason, default: 0] += 1
                case .none: rows.append(row)
                }
            }
        }
        rows.sort { ($0.at, $0.eventID) < ($1.at, $1.eventID) }
    }

    /// Fills the row's identifiers for the platform; returns why it cannot be sent, or nil when it can.
    private func identify(_ row: inout Row, lead: ExportLead) -> LeftOut? {
        let platform = options.platform
        if let days = platform.uploadWindowDays, options.asOf.microseconds - row.at.microseconds > Self.days(days) {
            return .outsideWindow
        }
        switch platform {
        case .meta:
            row.hashedEmails = lead.emails.map(ContactHash.email)
            row.hashedPhones = lead.phones.map(ContactHash.phone)
            row.metaLeadID = lead.metaLeadID.flatMap(Self.metaLeadID)
            if let click = Self.latest(lead.clicks, parameters: ["fbclid"], atOrBefore: row.at) {
                row.fbc = "fb.1.\(click.at.microseconds / 1000).\(click.value)"
            }
            let known = !row.hashedEmails.isEmpty || !row.hashedPhones.isEmpty || row.metaLeadID != nil
            return known || row.fbc != nil ? nil : .noIdentifier
        case .yandexMetrica, .googleAds, .vk:
            let candidates: [ExportClick]
            let parameters: Set<String>
            switch platform {
            case .yandexMetrica where options.yandexIdentifier == .clientID:
                (candidates, parameters) = (lead.metricaVisits, ["ym_client_id"])
            case .yandexMetrica: (candidates, parameters) = (lead.clicks, ["yclid"])
            case .googleAds: (candidates, parameters) = (lead.clicks, ["gclid"])
            default: (candidates, parameters) = (lead.clicks, ["rb_clickid", "vkclid"])
            }
            guard let click = Self.latest(candidates, parameters: parameters, atOrBefore: row.at) else {
                return .noIdentifier
            }
            // The conversion must come within the window after its click, and so must the upload: Google refuses a
            // click too old to import, Metrica stops adding conversions to a visit (docs/exports.md).
            if let days = platform.clickWindowDays,
                row.at.microseconds - click.at.microseconds > Self.days(days)
                    || options.asOf.microseconds - click.at.microseconds > Self.days(days)
            {
                return .outsideWindow
            }
            row.identifier = click
            return nil
        }
    }

    private static func days(_ count: Int) -> Int64 { Int64(count) * 86_400 * 1_000_000 }

    /// The latest identifier of the given kinds seen at or before `time`.
    static func latest(_ clicks: [ExportClick], parameters: Set<String>, atOrBefore time: Timestamp) -> ExportClick? {
        clicks.last { parameters.contains($0.parameter) && $0.at <= time }
    }

    /// Meta lead ids are numbers; Leads Center writes them with an `l:` prefix.
    static func metaLeadID(_ raw: String) -> String? {
        let id = raw.hasPrefix("l:") ? String(raw.dropFirst(2)) : raw
        return !id.isEmpty && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber) ? id : nil
    }

    /// The lead's events of the export's kind within the period.
    static func events(of lead: ExportLead, options: ConversionExportOptions) -> [(
        id: String, at: Timestamp, amount: Money?
    )] {
        let all: [(id: String, at: Timestamp, amount: Money?)]
        switch options.event {
        case .lead: all = [("lead-\(lead.id)", lead.createdAt, nil)]
        case .qualified: all = lead.qualifiedAt.map { [("qualified-\(lead.id)", $0, nil)] } ?? []
        case .won: all = lead.wonDeals.map { ("won-deal-\($0.id)", $0.closedAt, $0.amount) }
        }
        return all.filter { $0.at >= options.from && $0.at < options.to }
    }
}

/// What an export is for: platform, event, period, currency and the moment of upload.
public struct ConversionExportOptions: Sendable {
    public var platform: ConversionPlatform
    public var event: ExportEvent
    /// The period's first instant (inclusive) and the instant after its last day (exclusive).
    public var from: Timestamp
    public var to: Timestamp
    /// The period as the user gave it, for messages.
    public var period: String
    /// When the file will be uploaded: windows count back from it, and later events are left out.
    public var asOf: Timestamp
    public var currency: Currency
    public var rates: ExchangeRates
    public var timeZone: TimeZone
    /// The platform's name for the conversion (Metrica's goal, Meta's event, Google's conversion action).
    public var name: String
    public var yandexIdentifier: YandexIdentifier

    public init(
        platform: ConversionPlatform, event: ExportEvent, from: Timestamp, to: Timestamp, period: String,
        asOf: Timestamp, currency: Currency, rates: ExchangeRates, timeZone: TimeZone, name: String? = nil,
        yandexIdentifier: YandexIdentifier = .clientID
    ) {
        self.platform = platform
        self.event = event
        self.from = from
        self.to = to
        self.period = period
        self.asOf = asOf
        self.currency = currency
        self.rates = rates
        self.timeZone = timeZone
        self.name = name ?? event.defaultName(on: platform)
        self.yandexIdentifier = yandexIdentifier
    }
}
