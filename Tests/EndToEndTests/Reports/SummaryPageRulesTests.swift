import Foundation
import Testing

/// Issue 14's summary page: labels cut by display width with a tooltip, thousands grouped by a no-break space, each
/// "won" labelled by what it counts, `(none)` revenue charted, conclusions by money at stake, an empty period said
/// once, changes coloured by whether they are good, and A/B pairs without enough data in one line per campaign.
@Suite("report summary: the page's rules")
struct SummaryPageRulesTests {
    static let period = SummaryReportTests.period
    static let noBreak = "\u{00A0}"

    static func summary(
        _ ws: Workspace, _ format: String, from: String = period.from, to: String = period.to, database: String
    ) throws -> String {
        try ws.succeed(["report", "summary", "--from", from, "--to", to, "--format", format, "--db", database]).stdout
    }

    /// The page's text without its markup and its CSS: what a reader sees.
    static func visibleText(_ html: String) -> String {
        var text = html
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") {
            text.removeSubrange(style.lowerBound..<end.upperBound)
        }
        return text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    /// Figures whose thousands are grouped by an ordinary space (`12 345`), which a line may break.
    static func breakableGroups(_ text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: "[0-9] [0-9]{3}(?![0-9])")
        let range = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: range) ?? []).compactMap { match in
            Range(match.range, in: text).map { String(text[$0]) }
        }
    }

    @Test func thousandsAreGroupedByANoBreakSpaceInThePageAndTheMarkdown() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            try SummaryReportTests.setGoals(ws, database: db)
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            let spend = try #require(roas["totals"]?["spend"]?.numberText)
            #expect(spend == "199827.47", "the demo's November spend")
            let html = try Self.summary(ws, "html", database: db)
            let markdown = try Self.summary(ws, "md", database: db)
            for (name, text) in [("html", Self.visibleText(html)), ("md", markdown)] {
                #expect(Self.breakableGroups(text).isEmpty, "\(name): \(Self.breakableGroups(text).prefix(5))")
                // The headline's spend, a campaign's ROAS line, a goal's target.
                for figure in ["199\(Self.noBreak)827.47", "54\(Self.noBreak)122.77", "5\(Self.noBreak)000.00"] {
                    #expect(text.contains(figure), "\(name) lacks \(figure.debugDescription)")
                }
            }
        }
    }

    /// The headline's won is `report roas`' won (deals closed in the period); the funnel's last step is `report
    /// funnel`'s won (the period's leads that were won). They differ on the demo, and each says which it is.
    @Test func eachWonSaysWhatItCounts() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            let (_, funnel) = try ws.reportJSON("funnel", [], from: Self.period.from, to: Self.period.to, database: db)
            let wonDeals = try #require(roas["totals"]?["won"]?.numberText)
            let leadsWon = try #require(funnel["totals"]?["won"]?.numberText)
            #expect(wonDeals != leadsWon, "the demo's two figures differ: \(wonDeals)")
            let html = try Self.summary(ws, "html", database: db)
            #expect(
                html.contains(
                    #"<div class="card-name">Won deals (closed in period)</div><div class="card-value">\#(wonDeals)</div>"#
                ),
                "the headline's won")
            #expect(html.contains(#">leads won</text>"#), "the funnel's won step")
            #expect(html.contains("<title>leads won · count: \(leadsWon)</title>"), "the funnel's won bar")
            #expect(html.contains(#"<th class="number">won deals</th>"#), "the campaigns table")
            #expect(!html.contains(">won<"), "a bare \"won\" is left")
            let markdown = try Self.summary(ws, "md", database: db)
            #expect(markdown.contains("| Won deals (closed in period) |"))
            #expect(markdown.contains("| leads won |"))
            #expect(markdown.contains("| won deals |"))
        }
    }

    /// Revenue credited to touches without a campaign is a bar of the spend-and-revenue chart, as it is a row of the
    /// campaigns table.
    @Test func revenueWithoutACampaignIsCharted() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            let none = try #require(roas["rows"]?.array?.first { $0["key"]?.string == "(none)" })
            let revenue = try #require(none["revenue"]?.numberText)
            #expect(revenue == "39173.15", "the demo's November revenue without a campaign")
            let html = try Self.summary(ws, "html", database: db)
            let chart = try #require(html.range(of: #"data-chart="spend-revenue""#))
            let svg = html[chart.lowerBound...].components(separatedBy: "</svg>")[0]
            #expect(svg.contains(">(none)</text>"), "no (none) label in the chart")
            #expect(svg.contains("<title>(none) · revenue: 39\(Self.noBreak)173.15</title>"), "no (none) revenue bar")
        }
    }

    /// The lines of one conclusion list of the Markdown, `heading` to the next bold heading.
    static func conclusionLines(_ markdown: String, _ heading: String) throws -> [String] {
        let start = try #require(markdown.range(of: "**\(heading)**\n\n"))
        return markdown[start.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("- ") }.map(String.init)
    }

    /// Campaign key of a conclusion line: `- **key**: …`, Markdown escapes removed.
    static func campaign(_ line: String) -> String {
        String(line.dropFirst(4).prefix { $0 != "*" }).replacingOccurrences(of: "\\", with: "")
    }

    @Test func conclusionsAreSortedByTheMoneyAtStake() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let (_, roas) = try ws.reportJSON("roas", [], from: Self.period.from, to: Self.period.to, database: db)
            var net: [String: Decimal] = [:]
            for row in roas["rows"]?.array ?? [] {
                guard let key = row["key"]?.string, let revenue = row["revenue"]?.decimal else { continue }
                net[key] = revenue - (row["spend"]?.decimal ?? 0)
            }
            let markdown = try Self.summary(ws, "md", database: db)
            let stop = try Self.conclusionLines(markdown, "Stop or rework").map(Self.campaign)
            let promising = try Self.conclusionLines(markdown, "Returning more than they cost, without a goal")
                .map(Self.campaign)
            #expect(Set(stop) == ["yandex_search_courses", "tg_channel_promo", "black_friday", "vk_autumn_sale"])
            // Stop: the largest loss (spend − revenue) first; the earners: the largest return over spend first.
            #expect(stop == stop.sorted { (net[$0] ?? 0, $0) < (net[$1] ?? 0, $1) }, "\(stop)")
            #expect(stop.first == "tg_channel_promo" && stop.last == "yandex_search_courses", "\(stop)")
            #expect(promising == ["vk_retarget", "yandex_search_brand"], "\(promising)")
            // Each line says the sum it is sorted by.
            let lines = try Self.conclusionLines(markdown, "Stop or rework")
            #expect(
                lines.last?.hasSuffix("spent 29\(Self.noBreak)222.77\(Self.noBreak)RUB more than it returned") == true,
                "\(lines)")
            let earners = try Self.conclusionLines(markdown, "Returning more than they cost, without a goal")
            #expect(
                earners.first?.contains("returned 60\(Self.noBreak)365.58\(Self.noBreak)RUB more than it cost") == true,
                "\(earners)")
        }
    }

    /// A period with nothing in it says so once, in both formats, instead of empty tables and charts: on a new
    /// database and on the demo's before its data starts.
    @Test(arguments: [false, true]) func anEmptyPeriodSaysSoOnce(demo: Bool) throws {
        try Workspace.with { ws in
            let db = demo ? try ws.demoDatabase() : "empty.sqlite"
            if !demo { try ws.succeed(["init", "--db", db]) }
            let notice = "Nothing to show for 2026-03-01–2026-03-31"
            let html = try Self.summary(ws, "html", from: "2026-03-01", to: "2026-03-31", database: db)
            #expect(html.components(separatedBy: notice).count == 2, "said once: \(html.suffix(1500))")
            #expect(html.contains("<h1>Marketing summary · 2026-03-01 … 2026-03-31</h1>"))
            for absent in ["<svg", "<table", #"id="headline""#, "Nothing to show for the period"] {
                #expect(!html.contains(absent), "an empty period shows \(absent)")
            }
            #expect(html.hasSuffix("</html>\n"))
            let markdown = try Self.summary(ws, "md", from: "2026-03-01", to: "2026-03-31", database: db)
            #expect(markdown.components(separatedBy: notice).count == 2, "\(markdown)")
            #expect(!markdown.contains("|") && !markdown.contains("## "), "\(markdown)")
            // A period with something in it is not empty.
            if demo { #expect(!(try Self.summary(ws, "md", database: db)).contains("Nothing to show for")) }
        }
    }

    /// One headline card: name, value, the change's classes, its text and its spoken label.
    struct Card {
        var name: String
        var classes: [String]
        var change: String
        var label: String
    }

    static func cards(_ html: String) throws -> [String: Card] {
        var cards: [String: Card] = [:]
        for block in html.components(separatedBy: #"<div class="card">"#).dropFirst() {
            let name = try #require(
                block.components(separatedBy: #"<div class="card-name">"#).dropFirst().first?
                    .components(separatedBy: "<").first)
            let change = try #require(block.range(of: #"<div class="card-change"#), "\(name) has no change")
            let tag = block[change.lowerBound...].prefix { $0 != ">" }
            let classes = tag.components(separatedBy: #"class=""#)[1].prefix { $0 != "\"" }.split(separator: " ")
                .map(String.init)
            let label = tag.components(separatedBy: #"aria-label=""#).dropFirst().first?.prefix { $0 != "\"" } ?? ""
            let text = block[change.lowerBound...].drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            cards[name] = Card(name: name, classes: classes, change: String(text), label: String(label))
        }
        return cards
    }

    /// November against October on the demo: CPL fell (better, green), spend fell (not judged); the first half of
    /// November against the half-month before: revenue fell (worse, red). Colour is never alone: an arrow and the
    /// signed percent stay, a legend says what the colours mean and each change has a spoken label.
    @Test func changesAreColouredByWhetherTheyAreGood() throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            let html = try Self.summary(ws, "html", database: db)
            let cards = try Self.cards(html)
            #expect(cards.count == 7, "\(cards.keys)")
            let cpl = try #require(cards["CPL"])
            #expect(cpl.classes == ["card-change", "better"], "\(cpl)")
            #expect(cpl.change == "▼ -12.8% vs previous period", "\(cpl)")
            #expect(cpl.label == "CPL down 12.8% against the previous period: better", "\(cpl)")
            let spend = try #require(cards["Spend"])
            #expect(spend.classes == ["card-change", "neutral"], "\(spend)")
            #expect(spend.change.hasPrefix("▼ -8.4%"), "\(spend)")
            let leads = try #require(cards["Leads"])
            #expect(leads.classes == ["card-change", "better"] && leads.change.hasPrefix("▲ +5%"), "\(leads)")
            // ROMI went from below zero to above it: no percent, the arrow and the judgement still.
            let romi = try #require(cards["ROMI"])
            #expect(romi.classes == ["card-change", "better"] && romi.change == "▲ up vs previous period", "\(romi)")
            #expect(
                html.contains(#"<p class="legend">▲ up, ▼ down against the previous period: <span class="better">"#))
            #expect(html.contains(".card-change.better,.legend .better{color:#1a7f37}"))
            #expect(html.contains(".card-change.worse,.legend .worse{color:#cf222e}"))

            let half = try Self.summary(ws, "html", from: "2026-11-01", to: "2026-11-15", database: db)
            let revenue = try #require(try Self.cards(half)["Revenue"])
            #expect(revenue.classes == ["card-change", "worse"] && revenue.change.hasPrefix("▼ -"), "\(revenue)")
            #expect(revenue.label.hasPrefix("Revenue down ") && revenue.label.hasSuffix(": worse"), "\(revenue)")
        }
    }

    /// Campaigns whose names are too wide for a label: Cyrillic, wide letters under the old 28-character limit, and
    /// one letter wide. Each spends 15 000 RUB in November (over 5% of the period's spend, so each is also a
    /// campaign to stop), and the first has a goal (a label in the goals table).
    static let longNames = [
        "осенняя_распродажа_курсов_по_интернет_маркетингу_москва", "шщшщшщшщшщшщшщшщшщшщшщ",
        "wwwwwwwwwwwwwwwwwwwwwwwww",
    ]

    static func addLongNamedCampaigns(_ ws: Workspace, database: String) throws {
        let spend = try ws.write(
            "long-names.csv",
            lines: ["date,campaign,amount,currency"] + longNames.map { "2026-11-10,\($0),15000.00,RUB" })
        try ws.succeed(["import", "spend", spend, "--db", database])
        try ws.succeed(
            [
                "goal", "set", "--metric", "spend", "--target", "20000", "--campaign", longNames[0], "--from",
                period.from,
                "--to", period.to, "--db", database,
            ])
    }

    /// Issue 14, acceptance 3: at a phone's 390 px and a desktop's 1280 px, every label of a chart ends before its
    /// bars and starts inside its chart, every label of a table or list inside its cell; a label too wide is cut by
    /// display width with `…` (the browser need not cut it again) and keeps its whole text as a tooltip.
    @Test(.enabled(if: Chromium.shouldRun, Chromium.missing), arguments: [390, 1280])
    func labelsAreCutByDisplayWidthWithTheWholeNameAsATooltip(width windowWidth: Int) throws {
        try Workspace.with { ws in
            let db = try ws.demoDatabase()
            try Self.addLongNamedCampaigns(ws, database: db)
            let html = try Self.summary(ws, "html", database: db)
            let probe = html.replacingOccurrences(of: "</body>", with: Self.labelProbe + "</body>")
            try SummaryReportTests.page(probe, width: windowWidth, height: 1000).write(
                to: ws.path("labels.html"), atomically: true, encoding: .utf8)
            let chromium = URL(fileURLWithPath: try #require(Chromium.path))
            let dump = try ws.run(
                Chromium.arguments(width: max(windowWidth, Chromium.minimumWidth), height: 1000)
                    + ["--dump-dom", ws.path("labels.html").absoluteString], executable: chromium)
            try #require(dump.status == 0, "Chromium failed: \(dump.stderr.suffix(2000))")
            let found = try SummaryReportTests.probeResult(dump.stdout)
            #expect(found["windowWidth"] as? Int == windowWidth)
            let problems = try #require(found["problems"] as? [String])
            #expect(problems.isEmpty, "at \(windowWidth) px: \(problems.prefix(10))")
            let chartLabels = try #require(found["chartLabels"] as? [[String: String]])
            let pageLabels = try #require(found["pageLabels"] as? [[String: String]])
            for name in Self.longNames {
                // Both money charts (spend and revenue, ROAS), the campaigns table, the stop list; the goal's scope.
                let inCharts = chartLabels.filter { $0["title"] == name }
                #expect(
                    inCharts.map { $0["chart"] ?? "" }.sorted() == ["roas", "spend-revenue"], "\(name): \(inCharts)")
                let inPage = pageLabels.filter { $0["title"] == name || $0["title"] == "campaign \(name)" }
                #expect(
                    inPage.map { $0["where"] ?? "" }.sorted()
                        == (name == Self.longNames[0] ? ["li", "td", "td"] : ["li", "td"]),
                    "\(name): \(inPage)")
                for label in inCharts + inPage {
                    let shown = label["text"] ?? ""
                    #expect(shown.hasSuffix("…") && shown.count > 3, "\(name) is not cut: \(label)")
                    #expect((label["title"] ?? "").hasPrefix(String(shown.dropLast())), "not a prefix: \(label)")
                }
            }
            // A label that fits is whole, with no tooltip of its own in the page; every cut one has its tooltip.
            #expect(chartLabels.contains { $0["text"] == "yandex_search_courses" }, "\(chartLabels.prefix(5))")
            #expect(!pageLabels.contains { $0["title"] == "vk_retarget" })
            for label in chartLabels + pageLabels where (label["text"] ?? "").hasSuffix("…") {
                #expect(!(label["title"] ?? "").isEmpty, "a cut label without its tooltip: \(label)")
            }
        }
    }

    /// Every chart label (its own text, its tooltip, its box against the chart and the start of its bars) and every
    /// cut label of the page (against its table cell or list item, and whether the browser had to cut it again).
    static let labelProbe = """
        <script>
        (function () {
          const out = { chartLabels: [], pageLabels: [], problems: [], windowWidth: document.documentElement.clientWidth };
          function own(node) {
            return Array.from(node.childNodes).filter(function (n) { return n.nodeType === 3; })
              .map(function (n) { return n.textContent; }).join('');
          }
          document.querySelectorAll('svg.chart').forEach(function (svg) {
            const frame = svg.getBoundingClientRect();
            const bar = svg.querySelector('rect.bar');
            const barsStart = bar ? bar.getBoundingClientRect().left : frame.right;
            svg.querySelectorAll('text.label').forEach(function (label) {
              const box = label.getBoundingClientRect();
              const title = label.querySelector('title');
              out.chartLabels.push({ chart: svg.dataset.chart, text: own(label), title: title ? title.textContent : '' });
              if (box.left < frame.left - 0.5 || box.right > barsStart + 0.5 || box.width === 0)
                out.problems.push(svg.dataset.chart + ' label "' + own(label) + '" spans ' + box.left + '…' + box.right +
                  ', the chart ' + frame.left + '…, its bars from ' + barsStart);
            });
          });
          document.querySelectorAll('span.label').forEach(function (label) {
            const cell = label.closest('td, li');
            const box = label.getBoundingClientRect();
            const frame = cell.getBoundingClientRect();
            out.pageLabels.push({ where: cell.tagName.toLowerCase(), text: label.textContent, title: label.getAttribute('title') || '' });
            if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.width === 0)
              out.problems.push('label "' + label.textContent + '" spans ' + box.left + '…' + box.right + ' in its ' +
                cell.tagName.toLowerCase() + ' ' + frame.left + '…' + frame.right);
            if (label.scrollWidth > label.clientWidth + 1)
              out.problems.push('label "' + label.textContent + '" cut again by the browser: ' + label.scrollWidth + ' px in ' + label.clientWidth);
          });
          const pre = document.createElement('pre');
          const marker = 'LT-' + 'PROBE';
          pre.textContent = marker + JSON.stringify(out) + marker;
          (window.frameElement ? window.parent.document.body : document.body).appendChild(pre);
        })();
        </script>
        """
}
