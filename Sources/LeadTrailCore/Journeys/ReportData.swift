public import Foundation

/// What a report asks the store for: the dimension, the period's instants and how far back journeys reach.
public struct ReportScope: Sendable {
    public var dimension: ReportDimension
    /// The period's first and last calendar days, both inclusive, in ``timeZone``.
    public var from: CalendarDate
    public var to: CalendarDate
    /// The first instant of the period (local midnight of its first day).
    public var start: Timestamp
    /// The first instant after the period (local midnight after its last day).
    public var end: Timestamp
    public var timeZone: TimeZone
    /// The lookback window in microseconds.
    public var lookback: Int64
    /// Whether every touch of the period is needed (Markov's null paths, the `touches` figure).
    public var needsPeriodTouches: Bool
    /// When set (a normalised campaign key), touches of every other campaign, and touches without one, are keyed
    /// ``ReportDimension/otherCampaignsKey`` whatever the dimension: `report abtest` compares one campaign's variants.
    public var onlyCampaign: String?
    /// When true, a touch of a campaign is keyed `campaign␟value` (``ReportDimension/campaignSeparator``) and a touch
    /// without one ``ReportDimension/otherCampaignsKey``: one load that every campaign's A/B test can be cut from.
    public var splitByCampaign = false

    public init(
        dimension: ReportDimension, from: CalendarDate, to: CalendarDate, timeZone: TimeZone, lookbackDays: Int,
        needsPeriodTouches: Bool, onlyCampaign: String? = nil
    ) {
        self.dimension = dimension
        self.from = from
        self.to = to
        let calendar = LocalCalendar(timeZone: timeZone)
        self.start = calendar.startOfDay(from)
        self.end = calendar.startOfDay(CalendarDate(dayNumber: to.dayNumber + 1))
        self.timeZone = timeZone
        self.lookback = Int64(lookbackDays) * 86_400_000_000
        self.needsPeriodTouches = needsPeriodTouches
        self.onlyCampaign = onlyCampaign
    }

    /// Whether an instant falls in the period.
    public func contains(_ instant: Timestamp) -> Bool { instant >= start && instant < end }
}

/// Everything one report reads, loaded by the store in one read transaction.
public struct ReportData: Sendable {
    /// The dimension's keys; touches and period touches hold indexes into it.
    public var keys: KeyTable
    /// The leads a report of the period can need: created in the period, or owning a deal created, closed or
    /// refunded in it. Ordered by id.
    public var leads: [ReportLead]
    /// Every deal, with its refunds.
    public var deals: [Deal]
    /// Spend rows of the period, with the platform filled in from the campaign when the row has none.
    public var spend: [Spend]
    public var rates: ExchangeRates
    /// Present when the scope asked for them.
    public var periodTouches: PeriodTouches?

    public init(
        keys: KeyTable, leads: [ReportLead], deals: [Deal], spend: [Spend], rates: ExchangeRates,
        periodTouches: PeriodTouches?
    ) {
        self.keys = keys
        self.leads = leads
        self.deals = deals
        self.spend = spend
        self.rates = rates
        self.periodTouches = periodTouches
    }
}
