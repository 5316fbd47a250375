public import LeadTrailCore

/// A request from a person, as the CLI or an importer hands it to the store.
public struct NewLead: Sendable {
    public var createdAt: Timestamp
    public var name: String?
    public var email: Email?
    public var phone: Phone?
    public var form: String?
    public var source: String?
    public var owner: String?
    public var externalID: String?
    public var fieldsJSON: String?
    /// The visitor id of the browser or platform user that asked, when known.
    public var visitor: String?
    /// The marketing context of the request (UTM values, landing URL, click id), when it carries any.
    public var context: RequestContext?
    /// Who logged it: a rep's name, `import`.
    public var createdBy: String?

    public init(
        createdAt: Timestamp, name: String? = nil, email: Email? = nil, phone: Phone? = nil, form: String? = nil,
        source: String? = nil, owner: String? = nil, externalID: String? = nil, fieldsJSON: String? = nil,
        visitor: String? = nil, context: RequestContext? = nil, createdBy: String? = nil
    ) {
        self.createdAt = createdAt
        self.name = name
        self.email = email
        self.phone = phone
        self.form = form
        self.source = source
        self.owner = owner
        self.externalID = externalID
        self.fieldsJSON = fieldsJSON
        self.visitor = visitor
        self.context = context
        self.createdBy = createdBy
    }
}

/// The marketing context a request carries: it becomes the request's form touch.
public struct RequestContext: Sendable, Hashable {
    /// The key of the touch it adds (the request's own id, else its content hash), so a re-import adds none.
    public var key: String
    public var url: String?
    public var utm: UTM
    public var clickID: ClickID?
    public var referrer: String?

    public init(key: String, url: String? = nil, utm: UTM, clickID: ClickID? = nil, referrer: String? = nil) {
        self.key = key
        self.url = url
        self.utm = utm
        self.clickID = clickID
        self.referrer = referrer
    }
}

/// What became of a request.
public enum LeadAddition: Sendable, Equatable {
    case created(leadID: Int64)
    /// The person's lead created within the duplicate window got the request instead.
    case duplicate(leadID: Int64)

    public var leadID: Int64 {
        switch self {
        case .created(let id), .duplicate(let id): id
        }
    }
}

/// Which leads `lead list` shows, newest first: the query (a `LeadTrailCore` rule every store applies alike) and how
/// many at most.
public struct LeadFilter: Sendable {
    public var query: LeadQuery
    /// At most this many; nil: all.
    public var limit: Int?

    public init(query: LeadQuery = LeadQuery(), limit: Int? = nil) {
        self.query = query
        self.limit = limit
    }

    public init(stage: Stage?, owner: String? = nil, limit: Int? = nil) {
        self.init(query: LeadQuery(stages: stage.map { [$0] } ?? [], owner: owner), limit: limit)
    }

    /// One stage to keep (the server's `?stage=`); nil keeps every stage.
    public var stage: Stage? {
        get { query.stages.count == 1 ? query.stages.first : nil }
        set { query.stages = newValue.map { [$0] } ?? [] }
    }

    /// The owner to keep, ignoring case.
    public var owner: String? {
        get { query.owner }
        set { query.owner = newValue }
    }
}

/// Everything `lead show` prints about one lead.
public struct LeadDetail: Sendable {
    public var lead: Lead
    public var history: [StageChange]
    /// Visitor ids linked to the lead, its own and those inherited from the same person's earlier leads.
    public var visitors: [String]
    /// The touches of those visitors, oldest first.
    public var journey: [Touch]
    public var deals: [Deal]
    public var events: [LeadEvent]

    public init(
        lead: Lead, history: [StageChange], visitors: [String], journey: [Touch], deals: [Deal], events: [LeadEvent]
    ) {
        self.lead = lead
        self.history = history
        self.visitors = visitors
        self.journey = journey
        self.deals = deals
        self.events = events
    }
}

/// Something that happened to a lead besides a stage move: a duplicate request, a merge, an erasure.
public struct LeadEvent: Sendable, Hashable {
    public var at: Timestamp
    public var kind: String
    public var detail: String?

    public init(at: Timestamp, kind: String, detail: String?) {
        self.at = at
        self.kind = kind
        self.detail = detail
    }
}

/// A deal as the CLI or an importer hands it to the store.
public struct NewDeal: Sendable {
    public var externalID: String?
    public var leadID: Int64
    public var amount: Money
    public var createdAt: Timestamp
    /// Opens it even when a deal with the same lead, amount, currency and creation time exists (`deal add --again`):
    /// a genuine second sale, not the same one entered twice.
    public var again: Bool

    public init(externalID: String? = nil, leadID: Int64, amount: Money, createdAt: Timestamp, again: Bool = false) {
        self.externalID = externalID
        self.leadID = leadID
        self.amount = amount
        self.createdAt = createdAt
        self.again = again
    }
}

/// Which deals `deal list` shows.
public struct DealFilter: Sendable {
    public var leadID: Int64?
    public var status: DealStatus?

    public init(leadID: Int64? = nil, status: DealStatus? = nil) {
        self.leadID = leadID
        self.status = status
    }
}

/// The fields `campaign update` changes; nil leaves a field as it is.
public struct CampaignChange: Sendable {
    public var name: String?
    public var platform: Platform?
    public var objective: Objective?
    public var budget: Money?
    public var starts: CalendarDate?
    public var ends: CalendarDate?

    public init(
        name: String? = nil, platform: Platform? = nil, objective: Objective? = nil, budget: Money? = nil,
        starts: CalendarDate? = nil, ends: CalendarDate? = nil
    ) {
        self.name = name
        self.platform = platform
        self.objective = objective
        self.budget = budget
        self.starts = starts
        self.ends = ends
    }
}

/// A campaign with what has been recorded against it.
public struct CampaignDetail: Sendable {
    public var campaign: Campaign
    public var touches: Int
    public var firstTouch: Timestamp?
    public var lastTouch: Timestamp?
    /// Total spend per currency, and the number of spend days.
    public var spend: [Money]
    public var spendDays: Int

    public init(
        campaign: Campaign, touches: Int, firstTouch: Timestamp?, lastTouch: Timestamp?, spend: [Money], spendDays: Int
    ) {
        self.campaign = campaign
        self.touches = touches
        self.firstTouch = firstTouch
        self.lastTouch = lastTouch
        self.spend = spend
        self.spendDays = spendDays
    }
}
