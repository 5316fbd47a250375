import LeadTrailCore

extension SummaryReport {
    /// One figure of the headline with its change against the previous period and whether that change is good news.
    struct HeadlineCard {
        /// Which way a figure should go.
        enum Direction {
            /// Leads, won deals, revenue, ROAS, ROMI.
            case upIsBetter
            /// Costs: CPL.
            case downIsBetter
            /// Spend: a budget decision, neither good nor bad in itself; what it bought shows in CPL and ROAS.
            case neither
        }

        /// What a change means to the owner: the class that colours it.
        enum Judgement: String {
            case better
            case worse
            case unchanged
            /// Spend: not judged.
            case neutral
        }

        var name: String
        var value: String
        /// The signed percent change, `—` where a percent would mislead (from 0, or across a sign change); nil
        /// without a previous period.
        var change: String?
        /// The sign of the exact change (−1, 0, 1); nil when either period's figure is missing.
        var sign: Int?
        var direction: Direction

        var judgement: Judgement? {
            guard change != nil, let sign else { return nil }
            if sign == 0 { return .unchanged }
            switch direction {
            case .neither: return .neutral
            case .upIsBetter: return sign > 0 ? .better : .worse
            case .downIsBetter: return sign < 0 ? .better : .worse
            }
        }

        /// `▲`, `▼` or nothing: the direction in a sign people see without colour.
        var arrow: String {
            switch sign {
            case 1: "▲"
            case -1: "▼"
            default: ""
            }
        }

        /// The change as the page prints it: arrow, signed percent (or `up`/`down` where a percent would mislead).
        var changeText: String? {
            guard let change else { return nil }
            let shown = change != "—" ? change : sign == 1 ? "up" : sign == -1 ? "down" : change
            return arrow.isEmpty ? shown : "\(arrow) \(shown)"
        }

        /// What a screen reader says for the change: the figure, its move, and whether that is good news.
        var changeLabel: String? {
            guard let change, let judgement else { return nil }
            let move = sign == 1 ? "up" : sign == -1 ? "down" : "unchanged"
            let amount = change == "—" || sign == 0 ? "" : " " + change.drop { $0 == "+" || $0 == "-" }
            let meaning =
                switch judgement {
                case .better: ": better"
                case .worse: ": worse"
                case .unchanged: ""
                case .neutral: ": not judged"
                }
            return "\(name) \(move)\(amount) against the previous period\(meaning)"
        }
    }

    /// The headline: the period's totals, each with its change against the period before when there is one. Its
    /// won deals are the deals closed in the period (credited by the model), not the funnel's leads won.
    var headline: [HeadlineCard] {
        let now = Dictionary(roas.fields(roas.totals), uniquingKeysWith: { first, _ in first })
        let before = previous.map { Dictionary($0.fields($0.totals), uniquingKeysWith: { first, _ in first }) }
        let shown: [(String, String, HeadlineCard.Direction)] = [
            ("spend", "Spend", .neither), ("leads", "Leads", .upIsBetter), ("cpl", "CPL", .downIsBetter),
            ("won", "Won deals (closed in period)", .upIsBetter), ("revenue", "Revenue", .upIsBetter),
            ("roas", "ROAS", .upIsBetter), ("romi", "ROMI", .upIsBetter),
        ]
        return shown.map { field, name, direction in
            let value = now[field] ?? .null
            let text = Self.grouped(ReportNumber.forTable(value, column: field).plainText)
            let difference = before.map { FigureChange(current: value, previous: $0[field] ?? .null) }
            let change = difference.map { ComparedReport.signed(ReportNumber.forTable($0.percent, percent: true)) }
            let sign = difference.flatMap { FigureChange.micro($0.change) }.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
            return HeadlineCard(
                name: name, value: value == .null ? "—" : text,
                change: change.map { $0 == .null ? "—" : Self.grouped($0.plainText) }, sign: sign,
                direction: direction)
        }
    }
}
