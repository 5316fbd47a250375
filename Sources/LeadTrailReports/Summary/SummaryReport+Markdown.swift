import LeadTrailCore

extension SummaryReport {
    /// The summary for pasting into a chat: headings, lists and pipe tables, no charts.
    var markdown: String {
        var out = "# \(title)\n\n_\(subtitle)_\n\n"
        guard !isEmpty else { return out + nothingToShow + "\n" }
        let cards = headline
        out += Self.markdownTable(
            columns: cards.map(\.name), rows: [cards.map(\.value)]
                + (previous == nil ? [] : [cards.map { ($0.changeText ?? "—") + " vs prev." }]),
            numeric: cards.map { _ in true })
        if let note = previousLeftOutNote { out += "\n_\(Self.markdownEscaped(note))_\n" }

        out += "\n## Conclusions\n\n**Stop or rework**\n\n"
        out += Self.markdownList(stop, empty: "No campaign lost money on meaningful spend or missed its CPL goal.")
        out += "\n**Scale**\n\n"
        out += Self.markdownList(scale, empty: "No campaign is on course for a goal of its own with ROAS over 1.")
        if !promising.isEmpty {
            out += "\n**Returning more than they cost, without a goal**\n\n" + Self.markdownList(promising, empty: "")
        }
        out += "\n**A/B tests**\n\n"
        if verdicts.isEmpty { out += "- No campaign ran two or more creatives with visits in the period.\n" }
        for verdict in verdicts {
            out += "- **\(Self.markdownEscaped(verdict.campaign))**: \(Self.markdownEscaped(verdict.text))\n"
        }

        out += "\n## Campaigns\n\n"
        let columns = RoasReport.tableColumns
        let rows = roas.rows.map { ($0.key, roas.fields($0.figures)) } + [
            ("(unattributed)", roas.fields(roas.unattributed)), ("(total)", roas.fields(roas.totals)),
        ]
        out += Self.markdownTable(
            columns: ["campaign"] + columns.map(Self.columnName),
            rows: rows.map { key, fields in
                let byName = Dictionary(fields, uniquingKeysWith: { first, _ in first })
                return [key] + columns.map { column in
                    let value = ReportNumber.forTable(byName[column] ?? .null, column: column)
                    return value == .null ? "—" : Self.grouped(value.plainText)
                }
            }, numeric: [false] + columns.map { _ in true })

        let steps = funnelChart.groups
        out += "\n## Funnel\n\n"
        out += Self.markdownTable(
            columns: steps.map(\.label), rows: [steps.map { $0.captions.first ?? "" }], numeric: steps.map { _ in true })

        out += "\n## Weekly trend (\(options.currency.code))\n\n"
        out += Self.markdownTable(
            columns: ["week", "spend", "leads", "revenue"],
            rows: trend.weeks.map {
                [$0.key, moneyText(minor: $0.spendMinor), countText(micro: $0.leadsMicro), moneyText(minor: $0.revenueMinor)]
            }, numeric: [false, true, true, true])

        out += "\n## Goals\n\n"
        if goals.isEmpty {
            out += "No goal covers the period: `leadtrail goal suggest --campaign KEY` proposes some.\n"
        } else {
            out += Self.markdownTable(
                columns: ["metric", "scope", "target", "actual", "elapsed", "projection", "status"],
                rows: goals.map {
                    [$0.metric, $0.scope, $0.target, $0.actual, percentText($0.elapsed), $0.projection, $0.status]
                }, numeric: [false, false, true, true, true, true, false])
        }
        return out
    }

    static func markdownList(_ items: [Conclusion], empty: String) -> String {
        guard !items.isEmpty else { return "- \(empty)\n" }
        return items.map {
            "- **\(markdownEscaped($0.campaign))**: \(markdownEscaped($0.reasons.joined(separator: "; ")))\n"
        }.joined()
    }

    static func markdownTable(columns: [String], rows: [[String]], numeric: [Bool]) -> String {
        var out = "| " + columns.map(markdownEscaped).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows {
            out += "| " + row.map(markdownEscaped).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Text that cannot break a table or start emphasis: `|`, `*`, `_` and backticks escaped.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|*_`[]<>\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
