/// The exchange rates a report converts with: the latest rate on or before an amount's date, else the inverse of
/// the reverse pair's latest rate; never a guess.
public struct ExchangeRates: Sendable {
    private struct Pair: Hashable {
        var from: Currency
        var to: Currency
    }

    /// Each pair's rates by date, ascending.
    private var byPair: [Pair: [(day: Int, rate: Double)]] = [:]

    public init(_ rates: [ExchangeRate]) {
        for rate in rates {
            byPair[Pair(from: rate.from, to: rate.to), default: []].append((rate.date.dayNumber, rate.rate))
        }
        for key in byPair.keys { byPair[key]?.sort { $0.day < $1.day } }
    }

    /// Units of `target` per unit of `source` on a date; 1 for the same currency.
    public func rate(from source: Currency, to target: Currency, on date: CalendarDate) throws(MissingExchangeRate)
        -> Double
    {
        if source == target { return 1 }
        let day = date.dayNumber
        if let direct = Self.latest(byPair[Pair(from: source, to: target)], onOrBefore: day) { return direct }
        if let reverse = Self.latest(byPair[Pair(from: target, to: source)], onOrBefore: day) { return 1 / reverse }
        throw MissingExchangeRate(from: source, to: target, date: date)
    }

    /// An amount in `target`'s minor units, unrounded.
    public func convert(_ money: Money, to target: Currency, on date: CalendarDate) throws(MissingExchangeRate)
        -> Double
    {
        if money.currency == target { return Double(money.minorUnits) }
        return money.converted(to: target, rate: try rate(from: money.currency, to: target, on: date))
    }

    private static func latest(_ rates: [(day: Int, rate: Double)]?, onOrBefore day: Int) -> Double? {
        guard let rates, !rates.isEmpty else { return nil }
        var low = 0
        var high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if rates[middle].day <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : rates[low - 1].rate
    }
}

/// A report needed a rate that was never set: it fails rather than guess.
public struct MissingExchangeRate: Error, Hashable, Sendable, CustomStringConvertible {
    public var from: Currency
    public var to: Currency
    public var date: CalendarDate

    /// `USD→RUB on 2026-10-15`: the pair and the day, for a field of its own.
    public var pairText: String { "\(from.code)→\(to.code) on \(date)" }

    public var description: String {
        "no exchange rate \(from.code)→\(to.code) on or before \(date) (set one: leadtrail rate set \(from.code) "
            + "\(to.code) RATE --date \(date))"
    }
}
