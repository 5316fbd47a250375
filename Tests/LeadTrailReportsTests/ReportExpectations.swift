import LeadTrailCore
import Testing

@testable import LeadTrailReports

// Checks shared by the hand-computed, property and rendering tests.

/// Whether a printed whole number is an honest rounding of an unrounded figure: its floor or its ceiling (and the
/// figure itself when it is whole), which is what largest-remainder apportionment promises.
func isRounding(_ printed: Int64, of exact: Double, slack: Double = 1e-6) -> Bool {
    Double(printed) >= (exact - slack).rounded(.down) && Double(printed) <= (exact + slack).rounded(.up)
}

extension AttributionReport {
    /// Rows by key.
    var rowsByKey: [String: Row] { Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }) }

    /// Rows plus unattributed equal the totals to the last unit, in conversions and in value.
    var reconciles: Bool {
        rows.reduce(unattributed.conversionsMicro) { $0 + $1.conversionsMicro } == totals.conversionsMicro
            && rows.reduce(unattributed.valueMinor) { $0 + $1.valueMinor } == totals.valueMinor
    }

    /// Sorted by value descending, then key by code point, each key once; a day, week or month in time order.
    var isSortedAsSpec: Bool {
        zip(rows, rows.dropFirst()).allSatisfy { lhs, rhs in
            if options.dimension.isConversionTime { return codePointsBefore(lhs.key, rhs.key) }
            return lhs.valueMinor > rhs.valueMinor
                || lhs.valueMinor == rhs.valueMinor && codePointsBefore(lhs.key, rhs.key)
        }
    }
}

/// `lhs < rhs` by Unicode code points, written out here rather than borrowed from the code under test.
func codePointsBefore(_ lhs: String, _ rhs: String) -> Bool {
    let left = lhs.unicodeScalars.map(\.value)
    let right = rhs.unicodeScalars.map(\.value)
    for (a, b) in zip(left, right) where a != b { return a < b }
    return left.count < right.count
}

/// Expects a report to hand out `weights` of one conversion worth `valueMinor`: a row per key with a positive
/// weight, each an honest rounding of its share, nothing unattributed, and totals of one conversion and the value.
func expectShares(
    _ report: AttributionReport, _ weights: [String: Double], conversions: Double = 1, valueMinor: Double = 100_000,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let rows = report.rowsByKey
    let wanted = weights.filter { $0.value != 0 }
    #expect(
        Set(rows.keys) == Set(wanted.keys), "rows \(rows.keys.sorted()) for weights \(weights)",
        sourceLocation: sourceLocation)
    for (key, weight) in wanted {
        guard let row = rows[key] else { continue }
        let exactConversions = weight * conversions * 1_000_000
        let exactValue = weight * valueMinor
        #expect(
            isRounding(row.conversionsMicro, of: exactConversions),
            "\(key): \(row.conversionsMicro) µconversions for \(exactConversions) \(comment?.rawValue ?? "")",
            sourceLocation: sourceLocation)
        #expect(
            isRounding(row.valueMinor, of: exactValue),
            "\(key): \(row.valueMinor) minor units for \(exactValue) \(comment?.rawValue ?? "")",
            sourceLocation: sourceLocation)
    }
    #expect(report.unattributed.conversionsMicro == 0, sourceLocation: sourceLocation)
    #expect(report.unattributed.valueMinor == 0, sourceLocation: sourceLocation)
    #expect(
        report.totals.conversionsMicro == Int64((conversions * 1_000_000).rounded()), sourceLocation: sourceLocation)
    #expect(report.totals.valueMinor == Int64(valueMinor.rounded()), sourceLocation: sourceLocation)
    #expect(report.reconciles, "rows + unattributed ≠ totals", sourceLocation: sourceLocation)
    #expect(report.isSortedAsSpec, "rows out of order: \(report.rows.map(\.key))", sourceLocation: sourceLocation)
}

/// The JSON `rows` of a rendered attribution report as `key → (conversions, value)` number texts, in order.
func jsonRows(_ report: AttributionReport) throws -> [(key: String, conversions: String, value: String)] {
    let json = try OrderedJSON.parse(report.rendered(as: .json))
    return try #require(json["rows"]?.array).map { row in
        (row["key"]?.string ?? "?", row["conversions"]?.numberText ?? "?", row["value"]?.numberText ?? "?")
    }
}
