public import LeadTrailCore

/// The boundary between LeadTrail and where its data lives.
///
/// The CLI, the importers and the reports talk only to this protocol. The SQLite implementation is the embedded
/// default; a PostgreSQL implementation for teams can fulfil it later without touching the core or the CLI.
/// Every mutating call is one transaction: it happens whole or not at all.
public protocol LeadStore: AnyObject {
    /// The configured base currency, time zone and duplicate window.
    func settings() throws -> Settings
    /// Sets one configuration value after checking it.
    func set(_ key: SettingKey, to value: String) throws

    func addCampaign(_ campaign: Campaign) throws
    func updateCampaign(key: String, with change: CampaignChange) throws -> Campaign
    func campaigns() throws -> [Campaign]
    func campaignDetail(key: String) throws -> CampaignDetail

    /// Records one visit; returns false when a touch with the same key exists already (a double-fired click).
    @discardableResult
    func addTouch(_ touch: Touch) throws -> Bool

    /// Records a request from a person: a new lead, or a duplicate recorded on the person's recent lead.
    func addLead(_ request: NewLead) throws -> LeadAddition
    /// The leads the filter keeps, newest first, each in its derived stage (``LeadPipeline``).
    func leads(matching filter: LeadFilter) throws -> [Lead]
    /// The lead in its derived stage, with its history as shown (recorded moves, then the stage its deals give it).
    func leadDetail(id: Int64) throws -> LeadDetail
    /// Moves a lead from its derived stage; a move back needs `correcting` and is recorded as a correction
    /// (``StageMove``).
    func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?, correcting: Bool) throws
    func assignLead(id: Int64, to owner: String?) throws
    /// Links a visitor id to a lead, so its touches join the lead's journey.
    func linkVisitor(_ visitor: String, toLead id: Int64) throws

    func addDeal(_ deal: NewDeal) throws -> Deal
    /// Marks a deal won or lost; `reference` is its number or its external id.
    func closeDeal(_ reference: String, as status: DealStatus, at time: Timestamp) throws -> Deal
    /// Records money returned on a won deal; an exact repeat of one of its refunds (amount and time) is refused with
    /// a ``DealEntryError`` unless `again`.
    func refundDeal(_ reference: String, amount: Money, at time: Timestamp, again: Bool) throws -> Deal
    /// Takes back a refund recorded by hand; one an import brought is refused (``DealEntryError``).
    func removeRefund(_ reference: String, refund: Int64) throws -> Deal
    /// Takes back a deal added by hand, with its refunds, and returns what it was; an imported deal is refused
    /// (``DealEntryError``): undoing its batch removes it.
    func removeDeal(_ reference: String) throws -> Deal
    /// Makes a won or lost deal open again (``Deal/checkReopen()``); its lead's derived stage follows.
    func reopenDeal(_ reference: String) throws -> Deal
    func deals(matching filter: DealFilter) throws -> [Deal]
    /// One deal by its number or its external id.
    func deal(_ reference: String) throws -> Deal
    /// One deal with where it came from and its refunds' numbers and origins (`deal show`).
    func dealDetail(_ reference: String) throws -> DealDetail

    /// Stores a day of spend, replacing the row of the same day and campaign; returns true when it replaced one.
    @discardableResult
    func putSpend(_ spend: Spend) throws -> Bool
    /// Sets a rate, replacing the rate of the same date and pair.
    func setRate(_ rate: ExchangeRate) throws
    func rates() throws -> [ExchangeRate]
    /// Everything a report of the scope reads, from one consistent state of the data; identity and the
    /// same-session rule are resolved here, from all the data, so the order of imports never matters.
    func reportData(_ scope: ReportScope) throws -> ReportData

    /// Stores a KPI goal and returns it with its number; a campaign goal must name a known campaign.
    func addGoal(_ goal: Goal) throws -> Goal
    /// Every goal, by number.
    func goals() throws -> [Goal]
    /// Removes a goal and returns what it was; an unknown number is an error.
    func removeGoal(id: Int64) throws -> Goal
    /// Every lead with a conversion to report back to the ad platforms in `[from, to)`: created, qualified or a
    /// deal won, with the person's contacts, click ids and Metrica client ids.
    func exportLeads(from: Timestamp, to: Timestamp) throws -> [ExportLead]
    /// Each campaign's touches per channel in the scope's period: how `goal status` allots spend to channels.
    func campaignChannelTouches(_ scope: ReportScope) throws -> CampaignChannelTouches
}

extension LeadStore {
    /// A refund, refused when it repeats one of the deal's refunds exactly.
    public func refundDeal(_ reference: String, amount: Money, at time: Timestamp) throws -> Deal {
        try refundDeal(reference, amount: amount, at: time, again: false)
    }

    /// A move forward; a move back is refused with a hint to correct it.
    public func moveLead(id: Int64, to stage: Stage, at time: Timestamp, by who: String?) throws {
        try moveLead(id: id, to: stage, at: time, by: who, correcting: false)
    }
}
