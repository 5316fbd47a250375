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
    /// Whether the period touches' paths are needed too (Markov), not only how many touches each key has: a store
    /// that counts touches (``PeriodTouches/counted``) then counts their steps as well.
    public var needsNullPaths = false
    /// Whether a store may count the period touches that no journey can hold instead of listing them
    /// (``PeriodTouches/counted``); false lists every one, which gives the same reports more slowly (what tests
    /// compare against).
    public var countsPeriodTouches = true
    /// When set (a normalised campaign key), touches of every other campaign, and touches without one, are keyed
    /// ``ReportDimension/otherCampaignsKey`` whatever the dimension: `report abtest` compares one campaign's variants.
    public var onlyCampaign: String?
    /// When true, a touch of a campaign is keyed `campaign␟value` (``ReportDimension/campaignSeparator``) and a touch
    /// without one ``ReportDimension/otherCampaignsKey``: one load that every campaign's A/B test can be cut from.
    public var splitByCampaign = false
    /// When set, the report counts only this kind of conversion (`report attribution`, `report models`): a store then
    /// needs only the leads those conversions belong to (``JourneyNeeds`` in the journey engine), not every lead of
    /// the period. Nil: every kind, and every lead's pipeline.
    public var conversion: ConversionKind?
    /// Whether the report reads the leads' stage histories (their pipelines: the funnel, the speed of response, the
    /// summary built on the ROAS data); false leaves every lead's history empty. Attribution's reports credit
    /// conversions, which come from leads and deals, and need none.
    public var needsStageHistory = true

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
    /// refunded in it; only those its conversions belong to when the scope names one kind (``ReportScope/conversion``).
    /// Ordered by id.
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

extension ReportData {
    /// The same data with its keys numbered in the order of their text (code points), whatever order a store met
    /// them in: a store may count touches in the server (``PeriodTouches/counted``) and another list them, and both
    /// must hand a report the same numbers (Markov's chain orders its states by them).
    public consuming func numberingKeysInOrder() -> ReportData {
        let order = keys.keys.indices.sorted {
            keys.keys[$0].utf8.lexicographicallyPrecedes(keys.keys[$1].utf8)
        }
        guard order != Array(keys.keys.indices) else { return self }
        var mapping = [Int32](repeating: 0, count: order.count)
        var table = KeyTable()
        for old in order { mapping[old] = table.index(of: keys.keys[old]) }
        // Consumed, not copied: a copy would share every lead's touches, and rekeying them would copy each one.
        var data = consume self
        data.keys = table
        for lead in data.leads.indices {
            for touch in data.leads[lead].touches.indices {
                data.leads[lead].touches[touch].key = mapping[Int(data.leads[lead].touches[touch].key)]
            }
        }
        data.periodTouches?.rekey(mapping)
        return data
    }
}
