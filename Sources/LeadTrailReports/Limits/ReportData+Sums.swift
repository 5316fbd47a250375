public import Foundation
public import LeadTrailCore

extension ReportData {
    /// Refuses data whose sums a report could not compute exactly: every report adds up subsets of these figures,
    /// so when the whole stays within ``Limits/maxReportSum`` no sum of a report can overflow or lose a unit.
    ///
    /// Money is measured in `currency`'s minor units at the rates a report would use (an amount whose rate is
    /// missing is left out: the report itself fails on it, naming the rate). Counts are the spend rows' delivery.
    /// Sums are made in `Double` on magnitudes, so that checking can never overflow itself.
    public func checkSums(in currency: Currency, timeZone: TimeZone) throws(ReportSumError) {
        let limit = Limits.maxReportSum
        func within(_ sum: Double) -> Bool { sum <= limit }  // false for NaN too
        var spendSum = 0.0
        var impressions = 0.0
        var reach = 0.0
        var clicks = 0.0
        var engagements = 0.0
        for row in spend {
            if let converted = try? rates.convert(row.amount, to: currency, on: row.date) {
                spendSum += converted.magnitude
            }
            impressions += Double(row.impressions)
            reach += Double(row.reach)
            clicks += Double(row.clicks)
            engagements += Double(row.engagements)
        }
        guard within(spendSum) else { throw ReportSumError(figure: "spend in \(currency.code)") }
        for (name, sum) in [
            ("impressions", impressions), ("reach", reach), ("clicks", clicks), ("engagements", engagements),
        ] where !within(sum) {
            throw ReportSumError(figure: name)
        }
        var calendar = LocalCalendar(timeZone: timeZone)
        var dealSum = 0.0
        for deal in deals {
            let day = calendar.date(of: deal.closedAt ?? deal.createdAt)
            if let converted = try? rates.convert(deal.amount, to: currency, on: day) {
                dealSum += converted.magnitude
            }
            for refund in deal.refunds {
                if let converted = try? rates.convert(refund.amount, to: currency, on: calendar.date(of: refund.at)) {
                    dealSum += converted.magnitude
                }
            }
        }
        guard within(dealSum) else { throw ReportSumError(figure: "deal amounts in \(currency.code)") }
    }
}
