public import Foundation
public import LeadTrailCore

/// What every report is asked: the period, the model, the dimension, the conversion, the currency and the windows.
public struct ReportOptions: Sendable {
    /// First and last day of the period, both inclusive, in ``timeZone``.
    public var from: CalendarDate
    public var to: CalendarDate
    public var timeZone: TimeZone
    /// The zone's name as configured, printed in the report header.
    public var timeZoneName: String
    public var model: AttributionModel
    public var dimension: ReportDimension
    public var conversion: ConversionKind
    /// Spend and revenue are converted into this currency before any arithmetic.
    public var currency: Currency
    public var lookbackDays: Int
    public var halfLifeDays: Double

    public init(
        from: CalendarDate, to: CalendarDate, timeZone: TimeZone, timeZoneName: String,
        model: AttributionModel = .lastNonDirect, dimension: ReportDimension = .campaign, conversion: ConversionKind = .sale,
        currency: Currency, lookbackDays: Int = 90, halfLifeDays: Double = 7
    ) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName
        self.model = model
        self.dimension = dimension
        self.conversion = conversion
        self.currency = currency
        self.lookbackDays = lookbackDays
        self.halfLifeDays = halfLifeDays
    }

    /// What the store must load for these options.
    ///
    /// - Parameter needsNullPaths: whether Markov reads the period touches' paths (``ReportScope/needsNullPaths``)
    ///   even when ``model`` is another: a report of every model.
    public func scope(needsPeriodTouches: Bool, needsNullPaths: Bool = false, onlyCampaign: String? = nil) -> ReportScope {
        var scope = ReportScope(
            dimension: dimension, from: from, to: to, timeZone: timeZone, lookbackDays: lookbackDays,
            needsPeriodTouches: needsPeriodTouches, onlyCampaign: onlyCampaign)
        scope.needsNullPaths = needsPeriodTouches && (needsNullPaths || model == .markov)
        return scope
    }

    /// The header every report's JSON starts with, in the SPEC's order.
    func header(report: String, conversion: ConversionKind? = nil, model: AttributionModel? = nil) -> [(
        String, OutputValue
    )] {
        var fields: [(String, OutputValue)] = [("report", .string(report))]
        if let conversion { fields.append(("conversion", .string(conversion.rawValue))) }
        if let model { fields.append(("model", .string(model.rawValue))) }
        fields += [
            ("by", .string(dimension.rawValue)), ("from", .string(from.description)), ("to", .string(to.description)),
            ("timezone", .string(timeZoneName)), ("lookback_days", .integer(Int64(lookbackDays))),
            ("currency", .string(currency.code)),
        ]
        return fields
    }
}
