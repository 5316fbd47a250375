import LeadTrailCore

extension SummaryReport {
    /// What `report summary` can print.
    public enum Format: String, CaseIterable, Sendable {
        case html
        case md
    }

    public func rendered(as format: Format) -> String {
        switch format {
        case .html: html
        case .md: markdown
        }
    }

    var title: String { "Marketing summary · \(options.from) … \(options.to)" }

    var subtitle: String {
        "\(options.timeZoneName) · \(options.currency.code) · \(options.model.rawValue) model · lookback "
            + "\(options.lookbackDays) days"
    }

    /// One HTML file with its CSS and SVG charts inline: no script, no font, no image, nothing fetched.
    var html: String { html(above: "", style: "") }

    /// The page with `above` (HTML, already escaped) at the top of its `<main>` and `style` added to its CSS: the
    /// server's dashboard puts its period picker and CSV links there.
    public func html(above: String, style: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escaped(title))</title>
            <style>\(Self.css)\(style)</style>
            </head>
            <body>
            <main>
            \(above)<h1>\(HTML.escaped(title))</h1>
            <p class="subtitle">\(HTML.escaped(subtitle))</p>

            """
        guard !isEmpty else {
            out += #"<section id="nothing"><p class="empty">\#(HTML.escaped(nothingToShow))</p></section>\#n"#
            return out + footer
        }
        out += #"<section id="headline"><div class="cards">"#
        let cards = headline
        for card in cards {
            out += #"<div class="card"><div class="card-name">\#(HTML.escaped(card.name))</div>"#
                + #"<div class="card-value">\#(HTML.escaped(card.value))</div>"#
            if let change = card.changeText {
                let judged = card.judgement.map { " \($0.rawValue)" } ?? ""
                let label = card.changeLabel.map { #" aria-label="\#(HTML.escaped($0))""# } ?? ""
                out += #"<div class="card-change\#(judged)"\#(label)>\#(HTML.escaped(change)) vs previous period</div>"#
            }
            out += "</div>"
        }
        out += "</div>"
        if cards.contains(where: { $0.change != nil }) {
            out += #"<p class="legend">▲ up, ▼ down against the previous period: <span class="better">green is "#
                + #"better</span>, <span class="worse">red is worse</span> (a cost such as CPL going down is better); "#
                + "spend is not judged.</p>"
        }
        if let note = previousLeftOutNote {
            out += #"<p class="legend">\#(HTML.escaped(note))</p>"#
        }
        out += "</section>\n"

        out += #"<section id="conclusions"><h2>Conclusions</h2>"#
        out += Self.htmlList(
            "Stop or rework", id: "stop", stop, empty: "No campaign lost money on meaningful spend or missed its CPL goal.")
        out += Self.htmlList("Scale", id: "scale", scale, empty: "No campaign is on course for a goal of its own with ROAS over 1.")
        if !promising.isEmpty {
            out += Self.htmlList("Returning more than they cost, without a goal", id: "promising", promising, empty: "")
        }
        out += #"<h3>A/B tests</h3><ul class="verdicts">"#
        if verdicts.isEmpty { out += "<li>No campaign ran two or more creatives with visits in the period.</li>" }
        for verdict in verdicts {
            out += #"<li class="\#(verdict.significant ? "significant" : "inconclusive")"><strong>"#
                + Self.htmlLabel(verdict.campaign, room: Self.listLabelRoom, fontSize: 14)
                + "</strong>: \(HTML.escaped(verdict.text))</li>"
        }
        out += "</ul></section>\n"

        for (id, chart) in [
            ("spend-revenue", spendRevenueChart), ("roas", roasChart), ("funnel", funnelChart), ("trend", trendChart),
        ] {
            out += #"<section id="\#(id)-section"><h2>\#(HTML.escaped(chart.title))</h2>"#
            out += chart.groups.isEmpty ? #"<p class="empty">Nothing to show for the period.</p>"# : chart.svg
            out += "</section>\n"
        }

        out += #"<section id="goals"><h2>Goals</h2>"#
        if goals.isEmpty {
            out += #"<p class="empty">No goal covers the period: <code>leadtrail goal suggest --campaign KEY</code>"#
                + " proposes some.</p>"
        } else {
            out += Self.htmlTable(
                columns: ["metric", "scope", "target", "actual", "elapsed", "projection", "status"],
                numeric: [false, false, true, true, true, true, false],
                rows: goals.map {
                    [
                        HTML.escaped($0.metric), Self.htmlLabel($0.scope, room: Self.cellLabelRoom, fontSize: 13),
                        HTML.escaped($0.target), HTML.escaped($0.actual), HTML.escaped(percentText($0.elapsed)),
                        HTML.escaped($0.projection), HTML.escaped($0.status),
                    ]
                }, rowClasses: goals.map { "status-" + $0.status.replacingSpaces })
        }
        out += "</section>\n"

        out += #"<section id="campaigns"><h2>Campaigns</h2>"#
        let columns = RoasReport.tableColumns
        let rows = roas.rows.map { ($0.key, roas.fields($0.figures)) } + [
            ("(unattributed)", roas.fields(roas.unattributed)), ("(total)", roas.fields(roas.totals)),
        ]
        out += Self.htmlTable(
            columns: ["campaign"] + columns.map(Self.columnName), numeric: [false] + columns.map { _ in true },
            rows: rows.map { key, fields in
                let byName = Dictionary(fields, uniquingKeysWith: { first, _ in first })
                let label = Self.htmlLabel(key, room: Self.cellLabelRoom, fontSize: 13)
                return [label] + columns.map { column in
                    let value = ReportNumber.forTable(byName[column] ?? .null, column: column)
                    return value == .null ? "—" : Self.grouped(value.plainText)
                }
            }, rowClasses: rows.map { _ in "" })
        out += "</section>\n"
        return out + footer
    }

    private var footer: String {
        #"<footer>Made by LeadTrail. Every figure is credited by the \#(HTML.escaped(options.model.rawValue)) "#
            + "model; rows plus unattributed add up to the totals.</footer>\n</main>\n</body>\n</html>\n"
    }

    /// A column of the campaigns table as the summary heads it: `won` is the won deals (closed in the period), not
    /// the funnel's leads won.
    static func columnName(_ column: String) -> String { column == "won" ? "won deals" : column }

    /// How wide a label may be, in CSS px: at the start of a list item (the narrowest list at a phone's 390 px is
    /// about 280 px wide, and the line goes on after the name) and in a table cell (a table scrolls sideways, so
    /// only a name longer than anyone reads at a glance is cut).
    static let listLabelRoom = 200.0
    static let cellLabelRoom = 280.0

    /// A label as HTML: escaped as it is when it fits `room` at `fontSize`, else cut by display width with `…` and
    /// kept whole in its tooltip (`title`).
    static func htmlLabel(_ text: String, room: Double, fontSize: Double) -> String {
        guard let cut = TextWidth.cut(text, toFit: room, fontSize: fontSize) else { return HTML.escaped(text) }
        return #"<span class="label" title="\#(HTML.escaped(text))">\#(HTML.escaped(cut))</span>"#
    }

    static func htmlList(_ heading: String, id: String, _ items: [Conclusion], empty: String) -> String {
        var out = #"<h3>\#(HTML.escaped(heading))</h3><ul class="conclusions" id="\#(id)">"#
        if items.isEmpty { out += "<li>\(HTML.escaped(empty))</li>" }
        for item in items {
            out += "<li><strong>\(htmlLabel(item.campaign, room: listLabelRoom, fontSize: 14))</strong>: "
                + "\(HTML.escaped(item.reasons.joined(separator: "; ")))</li>"
        }
        return out + "</ul>"
    }

    /// A table whose cells are HTML already escaped.
    static func htmlTable(columns: [String], numeric: [Bool], rows: [[String]], rowClasses: [String]) -> String {
        var out = #"<div class="table"><table><thead><tr>"#
        for (column, isNumber) in zip(columns, numeric) {
            out += isNumber ? #"<th class="number">\#(HTML.escaped(column))</th>"# : "<th>\(HTML.escaped(column))</th>"
        }
        out += "</tr></thead><tbody>"
        for (row, rowClass) in zip(rows, rowClasses) {
            out += rowClass.isEmpty ? "<tr>" : #"<tr class="\#(rowClass)">"#
            for (cell, isNumber) in zip(row, numeric) {
                out += isNumber ? #"<td class="number">\#(cell)</td>"# : "<td>\(cell)</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    static let css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f6f7f9;color:#1f2328;font:14px/1.45 "DejaVu Sans",Arial,sans-serif}
        main{max-width:960px;margin:0 auto;padding:24px}
        h1{font-size:22px;margin:0 0 4px}
        h2{font-size:17px;margin:0 0 10px}
        h3{font-size:15px;margin:14px 0 6px}
        section{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:16px;margin:16px 0}
        .subtitle{color:#57606a;margin:0}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
        .card{min-width:0;border:1px solid #d8dde3;border-radius:6px;padding:8px 10px}
        .card-name{color:#57606a;font-size:12px}
        .card-value{font-size:18px;font-weight:bold;overflow-wrap:anywhere}
        .card-change{color:#57606a;font-size:12px}
        .card-change.better,.legend .better{color:#1a7f37}
        .card-change.worse,.legend .worse{color:#cf222e}
        .legend{color:#57606a;font-size:12px;margin:8px 0 0}
        .label{display:inline-block;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;
        vertical-align:bottom}
        ul{margin:0;padding-left:20px}
        li{margin:3px 0;overflow-wrap:anywhere}
        li.significant{color:#1a7f37}
        svg.chart{display:block;width:100%;height:auto;font-size:12px}
        svg.chart text{fill:#1f2328}
        svg.chart .reference{stroke:#57606a;stroke-dasharray:4 3}
        .table{max-width:100%;overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{padding:4px 6px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
        th.number,td.number{text-align:right;white-space:nowrap}
        tr.status-met td,tr.status-on-track td{color:#1a7f37}
        tr.status-off-track td{color:#cf222e}
        tr.status-at-risk td{color:#9a6700}
        footer{color:#57606a;font-size:12px}
        code{font-size:12px}
        """
}

extension String {
    /// `on track` → `on-track`: a status as a CSS class.
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
