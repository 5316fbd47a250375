import LeadTrailCore

/// How report figures print: money as exact decimals in major units, counts and ratios to six decimals, and a
/// division by zero as null (JSON) or `—` (table).
enum ReportNumber {
    /// Fractional counts are kept to the millionth.
    static let countScale = 1_000_000.0

    /// A count already apportioned in millionths: `12.5`, `18`.
    static func count(micro: Int64) -> OutputValue {
        .decimal(decimalText(micro, digits: 6))
    }

    /// Money already apportioned in minor units: `150000.00`.
    static func money(minor: Int64, in currency: Currency) -> OutputValue {
        .decimal(Money(minorUnits: minor, currency: currency).amountText)
    }

    /// Money computed in minor units (a cost per lead), rounded once here, half away from zero; nil is null.
    static func money(_ minorUnits: Double?, in currency: Currency) -> OutputValue {
        guard let minorUnits, minorUnits.isFinite else { return .null }
        return money(minor: Money.roundedMinorUnits(snapped(minorUnits)), in: currency)
    }

    /// A ratio to six decimals without trailing zeros; nil (a zero denominator) is null.
    static func ratio(_ value: Double?) -> OutputValue {
        guard let value, value.isFinite else { return .null }
        return count(micro: Money.roundedMinorUnits(snapped(value * countScale)))
    }

    /// A computed figure cleaned of the last bits that the order of additions leaves, so that 615.625 computed from
    /// sums added in any order rounds the same way.
    static func snapped(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

    /// `numerator / denominator`, nil when the denominator is zero.
    static func divide(_ numerator: Double, by denominator: Double) -> Double? {
        denominator == 0 ? nil : numerator / denominator
    }

    /// An integer count of scaled units as a decimal without trailing zeros (`12500000`, 6 → `12.5`).
    static func decimalText(_ value: Int64, digits: Int) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        var fraction = String(magnitude % divisor)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / divisor) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Whether `lhs` sorts before `rhs` by Unicode code points, as every report orders its keys.
    static func codePointsAscending(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }
}

extension ReportNumber {
    /// A ratio as a table shows it: `2.61` for a return, `11.4%` for a rate. JSON and CSV keep six decimals.
    static func forTable(_ value: OutputValue, percent: Bool) -> OutputValue {
        guard case .decimal(let text) = value, let number = Double(text) else { return value }
        if percent {
            return .decimal(decimalText(Money.roundedMinorUnits(number * 1000), digits: 1) + "%")
        }
        // Two fixed decimals: money-like minor units of a unit-less currency would print the same way.
        let hundredths = Money.roundedMinorUnits(number * 100)
        let sign = hundredths < 0 ? "-" : ""
        let fraction = String(hundredths.magnitude % 100)
        return .decimal("\(sign)\(hundredths.magnitude / 100).\(fraction.count == 1 ? "0" : "")\(fraction)")
    }

    /// The columns tables print as percentages.
    static let percentColumns: Set<String> = [
        "ctr", "er", "lead_rate", "visit_lead_rate", "win_rate", "click_rate", "visit_rate", "qualified_rate",
        "opportunity_rate", "won_rate", "junk_share",
    ]

    /// The columns tables print as returns with two decimals.
    static let returnColumns: Set<String> = ["roas", "romi"]

    /// The columns of counts a model can split into fractions: tables print them to two decimals (JSON and CSV keep
    /// six), and ``Listing/table`` gives every number of a column the same decimals.
    static let countColumns: Set<String> = [
        "leads", "deals", "won", "conversions", "qualified", "opportunity", "junk",
    ]

    /// A figure of a named column as a table shows it.
    static func forTable(_ value: OutputValue, column: String) -> OutputValue {
        if percentColumns.contains(column) { return forTable(value, percent: true) }
        if returnColumns.contains(column) { return forTable(value, percent: false) }
        if countColumns.contains(column), case .decimal(let text) = value, let number = Double(text),
            text.contains(".")
        {
            return .decimal(decimalText(Money.roundedMinorUnits(number * 100), digits: 2))
        }
        return value
    }
}
