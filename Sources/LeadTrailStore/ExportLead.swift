public import LeadTrailCore

/// A lead as a conversion export reads it: the person's contacts, the identifiers the ad platforms know them by,
/// and the events that can be reported back (the lead itself, its qualification, its won deals).
public struct ExportLead: Sendable, Hashable {
    public var id: Int64
    public var createdAt: Timestamp
    /// Normalised emails of the person (the lead's own first), for Meta's hashed `em`.
    public var emails: [String]
    /// Phones of the person in E.164, for Meta's hashed `ph`.
    public var phones: [String]
    /// Erased with `lead forget`: never exported.
    public var forgotten: Bool
    /// The Meta lead id of the Lead Ads submission that made the lead, when it came that way.
    public var metaLeadID: String?
    /// The click ids seen on the person's touches, oldest first.
    public var clicks: [ExportClick]
    /// Visits of the person's Yandex Metrica client ids (visitor ids that Metrica itself wrote), oldest first.
    public var metricaVisits: [ExportClick]
    /// When the lead first reached `qualified` or beyond (or won a deal), if it did.
    public var qualifiedAt: Timestamp?
    /// The lead's won deals.
    public var wonDeals: [ExportDeal]

    public init(
        id: Int64, createdAt: Timestamp, emails: [String] = [], phones: [String] = [], forgotten: Bool = false,
        metaLeadID: String? = nil, clicks: [ExportClick] = [], metricaVisits: [ExportClick] = [],
        qualifiedAt: Timestamp? = nil, wonDeals: [ExportDeal] = []
    ) {
        self.id = id
        self.createdAt = createdAt
        self.emails = emails
        self.phones = phones
        self.forgotten = forgotten
        self.metaLeadID = metaLeadID
        self.clicks = clicks
        self.metricaVisits = metricaVisits
        self.qualifiedAt = qualifiedAt
        self.wonDeals = wonDeals
    }
}

/// One identifier seen at one time: a click id (`gclid`, `yclid`, `fbclid`, `rb_clickid`, `vkclid`) on a touch,
/// or a Metrica client id on a visit (`parameter` is `ym_client_id`).
public struct ExportClick: Sendable, Hashable {
    public var parameter: String
    public var value: String
    public var at: Timestamp

    public init(parameter: String, value: String, at: Timestamp) {
        self.parameter = parameter
        self.value = value
        self.at = at
    }
}

/// A won deal as an export reports it.
public struct ExportDeal: Sendable, Hashable {
    public var id: Int64
    public var amount: Money
    public var closedAt: Timestamp

    public init(id: Int64, amount: Money, closedAt: Timestamp) {
        self.id = id
        self.amount = amount
        self.closedAt = closedAt
    }
}
