/// A horizontal bar chart as inline SVG: one group per label, one bar per series, scaled to the largest value. No
/// script, no fonts to fetch: the page that holds it works offline.
struct BarChart {
    struct Series {
        var name: String
        /// A CSS colour.
        var color: String
    }

    struct Group {
        var label: String
        /// One value per series (money in major units, counts, returns); negative values draw as empty bars.
        var values: [Double]
        /// What each bar's end says, per series.
        var captions: [String]
    }

    /// Names the chart for the page and its tests (`data-chart`).
    var id: String
    var title: String
    var series: [Series]
    var groups: [Group]
    /// A vertical rule at this value (ROAS 1: the spend came back).
    var reference: (value: Double, label: String)?

    static let width = 880.0
    static let labelWidth = 210.0
    static let captionWidth = 110.0
    static let barHeight = 16.0
    static let barGap = 3.0
    static let groupGap = 12.0

    /// The longest label drawn; longer ones are cut with `…` and kept whole in a tooltip.
    static let labelLimit = 28

    var svg: String {
        let plotWidth = Self.width - Self.labelWidth - Self.captionWidth
        let largest = max(
            groups.flatMap(\.values).filter(\.isFinite).max() ?? 0, reference?.value ?? 0, Double.leastNonzeroMagnitude)
        let groupHeight = Double(series.count) * (Self.barHeight + Self.barGap) - Self.barGap
        let legendHeight = series.count > 1 ? 24.0 : 0
        let height = legendHeight + Double(groups.count) * (groupHeight + Self.groupGap) + 8
        var out = #"<svg class="chart" data-chart="\#(id)" role="img" viewBox="0 0 \#(Self.number(Self.width)) "#
            + #"\#(Self.number(height))" width="100%" preserveAspectRatio="xMinYMin meet">"#
        out += "<title>\(HTML.escaped(title))</title>"
        if series.count > 1 {
            var x = Self.labelWidth
            for item in series {
                out += #"<rect class="legend" x="\#(Self.number(x))" y="4" width="12" height="12" fill="\#(item.color)"/>"#
                out += #"<text x="\#(Self.number(x + 16))" y="14">\#(HTML.escaped(item.name))</text>"#
                x += 24 + Double(item.name.count) * 7.5
            }
        }
        for (index, group) in groups.enumerated() {
            let top = legendHeight + Double(index) * (groupHeight + Self.groupGap)
            let label = group.label.count > Self.labelLimit
                ? String(group.label.prefix(Self.labelLimit - 1)) + "…" : group.label
            out += #"<text class="label" x="\#(Self.number(Self.labelWidth - 8))" "#
                + #"y="\#(Self.number(top + groupHeight / 2 + 4))" text-anchor="end">"#
                + "<title>\(HTML.escaped(group.label))</title>\(HTML.escaped(label))</text>"
            for (position, item) in series.enumerated() {
                let value = position < group.values.count ? group.values[position] : 0
                let length = value.isFinite && value > 0 ? value / largest * plotWidth : 0
                let y = top + Double(position) * (Self.barHeight + Self.barGap)
                out += #"<rect class="bar" data-series="\#(HTML.escaped(item.name))" x="\#(Self.number(Self.labelWidth))" "#
                    + #"y="\#(Self.number(y))" width="\#(Self.number(length))" height="\#(Self.number(Self.barHeight))" "#
                    + #"fill="\#(item.color)"><title>\#(HTML.escaped(group.label)) · \#(HTML.escaped(item.name)): "#
                    + "\(HTML.escaped(group.captions[safe: position] ?? ""))</title></rect>"
                out += #"<text class="value" x="\#(Self.number(Self.labelWidth + length + 4))" "#
                    + #"y="\#(Self.number(y + Self.barHeight - 4))">\#(HTML.escaped(group.captions[safe: position] ?? ""))</text>"#
            }
        }
        if let reference {
            let x = Self.labelWidth + reference.value / largest * plotWidth
            out += #"<line class="reference" x1="\#(Self.number(x))" x2="\#(Self.number(x))" y1="\#(Self.number(legendHeight))" "#
                + #"y2="\#(Self.number(height - 4))"/>"#
            out += #"<text class="reference-label" x="\#(Self.number(x + 3))" y="\#(Self.number(height - 6))">"#
                + "\(HTML.escaped(reference.label))</text>"
        }
        return out + "</svg>"
    }

    /// A coordinate with at most one decimal.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0
            ? String(Int(tenths / 10)) : String(Double(Int(tenths)) / 10)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// Text made safe for HTML: the summary page's and the server's dashboard's.
public enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as entities, so the text is safe in content and in quoted attributes.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
