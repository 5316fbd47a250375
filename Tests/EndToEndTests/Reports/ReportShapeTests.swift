import Foundation
import Testing

/// Issue 4, acceptance 5 (and the reconciliation of 2): `report attribution` and `report roas` print the SPEC's JSON
/// field for field, their rows sorted as the SPEC says, and every report adds up — `sum(rows) + unattributed =
/// totals`, compared as exact decimals read from the printed text — for every model and dimension. CSV opens as
/// numbers; tables line up with Cyrillic keys.
@Suite("Report shapes")
struct ReportShapeTests {
    // MARK: attribution

    @Test(arguments: ReportFixtures.models)
    func attributionJSONMatchesTheSPECAndReconciles(model: String) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            var totalsByConversion: [String: OrderedJSON] = [:]
            for conversion in ["sale", "lead", "deal"] {
                for dimension in ReportFixtures.reconciledDimensions {
                    let options = ["--model", model, "--by", dimension, "--conversion", conversion]
                    let (text, json) = try ws.reportJSON("attribution", options, database: db)
                    let context = "attribution \(options.joined(separator: " "))"
                    Self.expectHeader(
                        json, report: "attribution", conversion: conversion, model: model, by: dimension,
                        context: context)
                    #expect(
                        json.keys == ReportFixtures.headerKeys + ["rows", "unattributed", "totals"],
                        "\(context): top-level keys \(json.keys)\n\(text)")
                    try Self.expectAttributionBody(json, context: context, text: text)
                    // The totals are the period's conversions and value: the same whatever the model or dimension.
                    if let totals = json["totals"] {
                        if let first = totalsByConversion[conversion] {
                            #expect(totals == first, "\(context): totals \(totals) differ from \(first)")
                        } else {
                            totalsByConversion[conversion] = totals
                        }
                    }
                }
            }
            // Lead and deal conversions carry no value.
            #expect(totalsByConversion["lead"]?["value"]?.decimal == 0)
            #expect(totalsByConversion["deal"]?["value"]?.decimal == 0)
            #expect((totalsByConversion["sale"]?["value"]?.decimal ?? 0) > 0, "the samples have won deals")
        }
    }

    /// Rows of `{key, conversions, value}` sorted by value descending then key by code point (a day, week or month
    /// in time order), no zero rows, money
    /// to the kopeck, and rows + unattributed = totals exactly.
    static func expectAttributionBody(
        _ json: OrderedJSON, context: String, text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let rows = try #require(
            json["rows"]?.array, "\(context): rows is not an array\n\(text)", sourceLocation: sourceLocation)
        for part in ["unattributed", "totals"] {
            #expect(
                json[part]?.keys == ["conversions", "value"], "\(context): \(part) keys \(json[part]?.keys ?? [])",
                sourceLocation: sourceLocation)
        }
        var keys: [String] = []
        var conversions: [Decimal] = []
        var values: [Decimal] = []
        for row in rows {
            #expect(
                row.keys == ["key", "conversions", "value"], "\(context): row keys \(row.keys)",
                sourceLocation: sourceLocation)
            let key = try #require(
                row["key"]?.string, "\(context): key not a string in \(row)", sourceLocation: sourceLocation)
            let count = try #require(
                row["conversions"]?.decimal, "\(context): conversions not a number in \(row)",
                sourceLocation: sourceLocation)
            let value = try #require(
                row["value"]?.decimal, "\(context): value not a number in \(row)", sourceLocation: sourceLocation)
            expectMoneyText(row["value"], context: "\(context) row \(key)", sourceLocation: sourceLocation)
            #expect(
                count != 0 || value != 0, "\(context): a row with zero credit is printed: \(row)",
                sourceLocation: sourceLocation)
            #expect(count >= 0, "\(context): negative credit in \(row)", sourceLocation: sourceLocation)
            keys.append(key)
            conversions.append(count)
            values.append(value)
        }
        #expect(
            Set(keys).count == keys.count, "\(context): a key appears twice: \(keys)", sourceLocation: sourceLocation)
        #expect(
            !keys.contains("(unattributed)"), "\(context): unattributed must not be a row",
            sourceLocation: sourceLocation)
        // A day, week or month reads in time order (its keys sort so).
        let timeOrder = ["month", "week", "day"].contains(json["by"]?.string ?? "")
        for index in rows.indices.dropFirst() {
            let ordered =
                timeOrder
                ? ReportDecimal.codePointsAscending(keys[index - 1], keys[index])
                : (values[index - 1] > values[index]
                    || (values[index - 1] == values[index]
                        && ReportDecimal.codePointsAscending(keys[index - 1], keys[index])))
            #expect(
                ordered,
                "\(context): rows out of order at \(keys[index - 1]) (\(values[index - 1])) → \(keys[index]) (\(values[index]))",
                sourceLocation: sourceLocation)
        }
        let unattributed = try #require(json["unattributed"], sourceLocation: sourceLocation)
        let totals = try #require(json["totals"], sourceLocation: sourceLocation)
        for part in [unattributed, totals] {
            #expect(
                part["conversions"]?.decimal != nil && part["value"]?.decimal != nil, "\(context): \(part)",
                sourceLocation: sourceLocation)
            expectMoneyText(part["value"], context: context, sourceLocation: sourceLocation)
        }
        let conversionSum = ReportDecimal.sum(conversions) + (unattributed["conversions"]?.decimal ?? 0)
        let valueSum = ReportDecimal.sum(values) + (unattributed["value"]?.decimal ?? 0)
        #expect(
            conversionSum == totals["conversions"]?.decimal,
            "\(context): conversions: rows + unattributed = \(conversionSum), totals \(totals["conversions"]?.description ?? "?")",
            sourceLocation: sourceLocation)
        #expect(
            valueSum == totals["value"]?.decimal,
            "\(context): value: rows + unattributed = \(valueSum), totals \(totals["value"]?.description ?? "?")",
            sourceLocation: sourceLocation)
    }

    // MARK: roas

    @Test(arguments: ReportFixtures.models)
    func roasJSONMatchesTheSPECAndReconciles(model: String) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            var firstTotals: OrderedJSON?
            for dimension in ReportFixtures.reconciledDimensions + ["platform"] {
                let options = ["--model", model, "--by", dimension]
                let (text, json) = try ws.reportJSON("roas", options, database: db)
                let context = "roas \(options.joined(separator: " "))"
                Self.expectHeader(
                    json, report: "roas", conversion: "sale", model: model, by: dimension, context: context)
                // By channel, each campaign's spend is shared over its visits, and the header says so.
                let shared = dimension == "channel"
                #expect(
                    json.keys
                        == ReportFixtures.headerKeys + (shared ? ["spend_shared_by"] : []) + [
                            "rows", "unattributed", "totals",
                        ],
                    "\(context): top-level keys \(json.keys)\n\(text)")
                try Self.expectRoasBody(
                    json, spendPerRow: ["campaign", "platform", "channel", "month", "week", "day"].contains(dimension),
                    sharesSpend: shared, timeOrder: ["month", "week", "day"].contains(dimension), context: context)
                // Totals are the period's figures whatever the model or the dimension.
                if let totals = json["totals"] {
                    if let firstTotals {
                        #expect(totals == firstTotals, "\(context): totals \(totals) differ from \(firstTotals)")
                    } else {
                        firstTotals = totals
                    }
                }
            }
        }
    }

    static func expectRoasBody(
        _ json: OrderedJSON, spendPerRow: Bool, sharesSpend: Bool = false, timeOrder: Bool = false,
        context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let rows = try #require(json["rows"]?.array, "\(context): rows is not an array", sourceLocation: sourceLocation)
        let unattributed = try #require(json["unattributed"], sourceLocation: sourceLocation)
        let totals = try #require(json["totals"], sourceLocation: sourceLocation)
        let figureKeys = ReportFixtures.roasBaseKeys + ReportFixtures.roasRatioKeys
        let delivery = ["spend", "impressions", "reach", "clicks", "engagements"]
        #expect(
            unattributed.keys == (sharesSpend ? delivery : []) + ["leads", "deals", "won", "revenue"],
            "\(context): unattributed keys \(unattributed.keys)",
            sourceLocation: sourceLocation)
        #expect(totals.keys == figureKeys, "\(context): totals keys \(totals.keys)", sourceLocation: sourceLocation)
        for key in unattributed.keys {
            #expect(
                unattributed[key]?.decimal != nil, "\(context): unattributed \(key) is not a number",
                sourceLocation: sourceLocation)
        }
        expectMoneyText(unattributed["revenue"], context: "\(context) unattributed", sourceLocation: sourceLocation)
        expectRoasFigures(totals, spendApplies: true, context: "\(context) totals", sourceLocation: sourceLocation)

        var keys: [String] = []
        var sums: [String: Decimal] = [:]
        var revenues: [Decimal] = []
        var spends: [Decimal] = []
        for row in rows {
            #expect(
                row.keys == ["key"] + figureKeys, "\(context): row keys \(row.keys)", sourceLocation: sourceLocation)
            let key = try #require(
                row["key"]?.string, "\(context): key not a string in \(row)", sourceLocation: sourceLocation)
            keys.append(key)
            expectRoasFigures(
                row, spendApplies: spendPerRow, context: "\(context) row \(key)", sourceLocation: sourceLocation)
            for figure in [
                "spend", "impressions", "reach", "clicks", "engagements", "touches", "leads", "deals", "won", "revenue",
            ] {
                sums[figure, default: 0] += row[figure]?.decimal ?? 0
            }
            let base = ReportFixtures.roasBaseKeys.compactMap { row[$0]?.decimal }
            #expect(
                base.contains { $0 != 0 }, "\(context): a row with no figure is printed: \(row)",
                sourceLocation: sourceLocation)
            revenues.append(row["revenue"]?.decimal ?? 0)
            spends.append(row["spend"]?.decimal ?? 0)
        }
        #expect(
            Set(keys).count == keys.count, "\(context): a key appears twice: \(keys)", sourceLocation: sourceLocation)
        for index in rows.indices.dropFirst() {
            let (a, b) = (index - 1, index)
            // A day, week or month in time order (its keys sort so); other keys by revenue, spend, then key.
            let ordered =
                timeOrder
                ? ReportDecimal.codePointsAscending(keys[a], keys[b])
                : (revenues[a] > revenues[b]
                    || (revenues[a] == revenues[b]
                        && (spends[a] > spends[b]
                            || (spends[a] == spends[b] && ReportDecimal.codePointsAscending(keys[a], keys[b])))))
            #expect(
                ordered,
                "\(context): rows out of order at \(keys[a]) (revenue \(revenues[a]), spend \(spends[a])) → \(keys[b]) (revenue \(revenues[b]), spend \(spends[b]))",
                sourceLocation: sourceLocation)
        }
        // Credited figures: rows + unattributed = totals, exactly.
        for figure in ["leads", "deals", "won", "revenue"] {
            let sum = (sums[figure] ?? 0) + (unattributed[figure]?.decimal ?? 0)
            #expect(
                sum == totals[figure]?.decimal,
                "\(context): \(figure): rows + unattributed = \(sum), totals \(totals[figure]?.description ?? "?")",
                sourceLocation: sourceLocation)
        }
        // Raw touches belong to some key; spend and delivery to the rows only where rows own spend.
        #expect(
            sums["touches"] == totals["touches"]?.decimal,
            "\(context): touches \(sums["touches"] ?? 0) vs totals \(totals["touches"]?.description ?? "?")",
            sourceLocation: sourceLocation)
        if spendPerRow {
            // Shared by channel, a campaign without visits keeps its spend in the unattributed row.
            for figure in delivery {
                #expect(
                    (sums[figure] ?? 0) + (unattributed[figure]?.decimal ?? 0) == totals[figure]?.decimal,
                    "\(context): \(figure): rows \(sums[figure] ?? 0), totals \(totals[figure]?.description ?? "?")",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// Types of every roas figure, and every ratio as its definition: null exactly when its denominator is zero (or
    /// does not apply), otherwise the quotient of the printed figures (to within the rounding of those figures).
    static func expectRoasFigures(
        _ object: OrderedJSON, spendApplies: Bool, context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for figure in ["spend", "impressions", "reach", "clicks", "engagements"] {
            guard let value = object[figure] else { continue }
            if spendApplies {
                #expect(
                    value.decimal != nil, "\(context): \(figure) should be a number, is \(value)",
                    sourceLocation: sourceLocation)
            } else {
                #expect(
                    value.isNull, "\(context): \(figure) should be null (spend is not per row), is \(value)",
                    sourceLocation: sourceLocation)
            }
        }
        for figure in ["impressions", "reach", "clicks", "engagements", "touches"] where object[figure]?.isNull == false
        {
            #expect(
                object[figure]?.integer != nil,
                "\(context): \(figure) should be an integer, is \(object[figure]?.description ?? "?")",
                sourceLocation: sourceLocation)
        }
        for figure in ["leads", "deals", "won"] {
            #expect(
                object[figure]?.decimal != nil, "\(context): \(figure) should be a number",
                sourceLocation: sourceLocation)
        }
        for figure in ["spend", "revenue", "cpc", "cpm", "cpl", "cac", "aov"] where object[figure]?.isNull == false {
            expectMoneyText(object[figure], context: "\(context) \(figure)", sourceLocation: sourceLocation)
        }
        func number(_ name: String) -> Decimal? { object[name]?.decimal }
        let ratios: [(String, Decimal?, Decimal?, Decimal)] = [
            ("ctr", number("clicks"), number("impressions"), 1),
            ("cpc", number("spend"), number("clicks"), 1),
            ("cpm", number("spend"), number("impressions"), 1000),
            ("er", number("engagements"), number("reach"), 1),
            ("cpl", number("spend"), number("leads"), 1),
            ("cac", number("spend"), number("won"), 1),
            ("roas", number("revenue"), number("spend"), 1),
            ("romi", number("revenue").flatMap { revenue in number("spend").map { revenue - $0 } }, number("spend"), 1),
            ("aov", number("revenue"), number("won"), 1),
            ("lead_rate", number("leads"), number("clicks"), 1),
            ("win_rate", number("won"), number("leads"), 1),
        ]
        for (name, numerator, denominator, factor) in ratios {
            guard let printed = object[name] else {
                Issue.record("\(context): no \(name)", sourceLocation: sourceLocation)
                continue
            }
            guard let numerator, let denominator, denominator != 0 else {
                #expect(
                    printed.isNull, "\(context): \(name) should be null (zero or absent denominator), is \(printed)",
                    sourceLocation: sourceLocation)
                continue
            }
            // A cost with no spend is unknown, not free (docs/reports.md, "One word, one meaning").
            if ["cpc", "cpm", "cpl", "cac"].contains(name), numerator == 0 {
                #expect(
                    printed.isNull, "\(context): \(name) with no spend should be null, is \(printed)",
                    sourceLocation: sourceLocation)
                continue
            }
            guard let value = printed.decimal else {
                Issue.record("\(context): \(name) should be a number, is \(printed)", sourceLocation: sourceLocation)
                continue
            }
            let expected = numerator / denominator * factor
            // The printed figures are themselves rounded (money to the kopeck, counts to the millionth), so allow
            // a relative 1e-4 and one unit of the last printed place.
            let lastPlace =
                ["cpc", "cpm", "cpl", "cac", "aov"].contains(name)
                ? Decimal(string: "0.01")! : Decimal(string: "0.000001")!
            let tolerance = abs(expected) * Decimal(string: "0.0001")! + lastPlace
            #expect(
                abs(value - expected) <= tolerance, "\(context): \(name) = \(value), expected about \(expected)",
                sourceLocation: sourceLocation)
        }
    }

    /// Money is a JSON number in major units with no more decimals than the rouble's two.
    static func expectMoneyText(
        _ value: OrderedJSON?, context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let text = value?.numberText else {
            Issue.record(
                "\(context): money is not a number: \(value?.description ?? "absent")", sourceLocation: sourceLocation)
            return
        }
        #expect(
            ReportDecimal.fractionDigits(text) <= 2 && !text.contains("e") && !text.contains("E"),
            "\(context): money \(text) is not rounded to the kopeck", sourceLocation: sourceLocation)
    }

    static func expectHeader(
        _ json: OrderedJSON, report: String, conversion: String, model: String, by: String, context: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected: [(String, OrderedJSON)] = [
            ("report", .string(report)), ("conversion", .string(conversion)), ("model", .string(model)),
            ("by", .string(by)), ("from", .string(ReportFixtures.from)), ("to", .string(ReportFixtures.to)),
            ("timezone", .string("Europe/Moscow")), ("lookback_days", .number("90")), ("currency", .string("RUB")),
        ]
        for (key, value) in expected {
            #expect(
                json[key] == value, "\(context): \(key) is \(json[key]?.description ?? "absent"), expected \(value)",
                sourceLocation: sourceLocation)
        }
    }

    // MARK: the SPEC's example, literally

    /// The SPEC's attribution example has these fields, in this order, with these JSON types.
    @Test func theSPECExampleHasTheShapeWeCheck() throws {
        let example = """
            {
              "report": "attribution", "conversion": "sale", "model": "linear", "by": "campaign",
              "from": "2026-10-01", "to": "2026-10-31", "timezone": "UTC",
              "lookback_days": 90, "currency": "RUB",
              "rows": [ { "key": "black_friday", "conversions": 12.5, "value": 150000.0 },
                        { "key": "(none)", "conversions": 2.5, "value": 9800.0 } ],
              "unattributed": { "conversions": 3, "value": 1200.0 },
              "totals": { "conversions": 18, "value": 161000.0 }
            }
            """
        let json = try OrderedJSON.parse(example)
        #expect(json.keys == ReportFixtures.headerKeys + ["rows", "unattributed", "totals"])
        try Self.expectAttributionBody(json, context: "SPEC example", text: example)
    }

    /// Options given with other spellings print the SPEC's names and the period asked for.
    @Test func headerEchoesTheOptions() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (_, json) = try ws.reportJSON(
                "attribution",
                ["--model", "time_decay", "--by", "source_medium", "--conversion", "lead", "--lookback-days", "30"],
                from: "2026-10-15", to: "2026-10-20", database: db)
            #expect(json["report"] == .string("attribution"))
            #expect(json["from"] == .string("2026-10-15"))
            #expect(json["to"] == .string("2026-10-20"))
            #expect(json["lookback_days"] == .number("30"))
            #expect(json["by"] == .string("source_medium"))
            // source_medium keys are "source / medium".
            for row in json["rows"]?.array ?? [] {
                let key = row["key"]?.string ?? ""
                #expect(key.contains(" / "), "source_medium key \(key)")
            }
        }
    }

    // MARK: CSV

    @Test(arguments: ["attribution", "roas"])
    func csvHasOneHeaderRowAndNumbersThatParse(report: String) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            for options in [
                ["--by", "campaign"], ["--by", "channel", "--model", "linear"],
                ["--by", "content", "--model", "markov"],
            ] {
                let context = "\(report) \(options.joined(separator: " ")) --format csv"
                let csv = try ws.report(report, options, format: "csv", database: db)
                try #require(csv.status == 0, "\(csv)")
                let records = ReportCSV.records(csv.stdout)
                let header = try #require(records.first, "\(context): empty CSV")
                let (_, json) = try ws.reportJSON(report, options, database: db)
                let figureNames =
                    report == "attribution"
                    ? ["conversions", "value"] : ReportFixtures.roasBaseKeys + ReportFixtures.roasRatioKeys
                #expect(header == [options[1]] + figureNames, "\(context): header \(header)")
                #expect(records.dropFirst().allSatisfy { $0 != header }, "\(context): the header repeats")
                #expect(records.allSatisfy { $0.count == header.count }, "\(context): ragged rows\n\(csv.stdout)")

                // Rows, then (unattributed), then (total) — the same figures as the JSON.
                let rows = json["rows"]?.array ?? []
                let expectedKeys = rows.compactMap { $0["key"]?.string } + ["(unattributed)", "(total)"]
                #expect(records.dropFirst().map { $0.first ?? "" } == expectedKeys, "\(context): keys\n\(csv.stdout)")
                let objects = rows + [json["unattributed"] ?? .null, json["totals"] ?? .null]
                for (record, object) in zip(records.dropFirst(), objects) {
                    for (name, cell) in zip(header.dropFirst(), record.dropFirst()) {
                        if cell.isEmpty {
                            #expect(
                                object[name] == nil || object[name]?.isNull == true,
                                "\(context): \(record[0]) \(name) is empty, JSON \(object[name]?.description ?? "absent")"
                            )
                            continue
                        }
                        #expect(
                            ReportCSV.isPlainNumber(cell),
                            "\(context): \(record[0]) \(name) = '\(cell)' does not read as a number")
                        // The JSON's unattributed object holds only the credited figures; CSV may show more.
                        if record[0] == "(unattributed)", object[name] == nil { continue }
                        let decimal = Decimal(string: cell, locale: Locale(identifier: "en_US_POSIX"))
                        #expect(
                            decimal == object[name]?.decimal,
                            "\(context): \(record[0]) \(name) = \(cell), JSON \(object[name]?.description ?? "absent")")
                    }
                }
            }
        }
    }

    // MARK: tables

    @Test(arguments: [
        ["roas", "--by", "campaign"], ["attribution", "--model", "markov"], ["models", "--by", "campaign"],
        ["attribution", "--by", "term", "--model", "linear", "--conversion", "lead"],
    ])
    func tablesAlignColumnsWithCyrillicKeys(_ arguments: [String]) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let result = try ws.report(arguments[0], Array(arguments.dropFirst()), format: "table", database: db)
            try #require(result.status == 0, "\(result)")
            let table = try ReportTable(result.stdout)
            table.expectAligned()
            let cyrillic = table.body.filter { line in
                line.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
            }
            #expect(!cyrillic.isEmpty, "no Cyrillic key in:\n\(result.stdout)")
            if arguments.contains("campaign") || arguments[0] == "attribution" && arguments.contains("markov") {
                #expect(table.line(forKey: "осень") != nil, "the campaign осень is missing:\n\(result.stdout)")
            }
            #expect(table.line(forKey: "(total)") != nil, "no (total) row:\n\(result.stdout)")
            #expect(table.line(forKey: "(unattributed)") != nil, "no (unattributed) row:\n\(result.stdout)")
        }
    }
}
