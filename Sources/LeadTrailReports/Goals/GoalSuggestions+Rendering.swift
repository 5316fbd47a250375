import LeadTrailCore

extension GoalSuggestions {
    /// The `goal set` command line that sets a suggestion, ready to paste; nil without a proposed target.
    ///
    /// `database` is the `--db` the user gave, repeated so the command writes where they read.
    public func command(for suggestion: Suggestion, database: String? = nil) -> String? {
        guard let target = suggestion.target else { return nil }
        var words = ["leadtrail", "goal", "set", "--metric", suggestion.metric.rawValue, "--target", target.numberText]
        if let currency = target.currency { words += ["--currency", currency.code] }
        words += ["--campaign", campaign.key, "--from", from.description, "--to", to.description]
        if let database { words += ["--db", database] }
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy {
                ($0.value < 0x80 && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || "-_./:=%,+@".unicodeScalars.contains($0)
            }
        if plain { return word }
        var quoted = "'"
        for character in word { quoted += character == "'" ? "'\\''" : String(character) }
        return quoted + "'"
    }

    /// JSON: one object with the campaign, the objective, both periods and the suggestions; CSV: one row per
    /// suggestion; a table followed by the ready-to-run commands.
    public func rendered(as format: OutputFormat, database: String? = nil) -> String {
        func shown(_ suggestion: Suggestion) -> OutputValue {
            guard let value = suggestion.previous else { return .null }
            let digits = suggestion.metric.isMoney ? currency.minorDigits : 6
            let scaled = GoalProgress.scaled(value, digits: digits)
            return suggestion.metric.isMoney
                ? .decimal(Money(minorUnits: scaled, currency: currency).amountText)
                : .decimal(ReportNumber.decimalText(scaled, digits: 6))
        }
        func fields(_ suggestion: Suggestion) -> [(String, OutputValue)] {
            [
                ("metric", .string(suggestion.metric.rawValue)),
                ("direction", .string(suggestion.metric.isCost ? "at_most" : "at_least")),
                ("previous", shown(suggestion)),
                ("target", suggestion.target.map { .decimal($0.numberText) } ?? .null),
                ("currency", .text(suggestion.metric.isMoney ? currency.code : nil)),
                ("command", .text(command(for: suggestion, database: database))),
            ]
        }
        switch format {
        case .json:
            return OutputValue.object([
                ("campaign", .string(campaign.key)), ("objective", .string(objective.rawValue)),
                ("objective_inferred", .bool(inference != nil)), ("inference", .text(inference)),
                ("from", .string(from.description)), ("to", .string(to.description)),
                ("previous_from", .string(previousFrom.description)), ("previous_to", .string(previousTo.description)),
                ("suggestions", .array(suggestions.map { .object(fields($0)) })),
            ]).prettyJSON + "\n"
        case .csv:
            let rows = suggestions.map(fields)
            return Listing(
                columns: ["campaign", "objective"] + (rows.first ?? fields(suggestions[0])).map(\.0),
                rows: rows.map { [.string(campaign.key), .string(objective.rawValue)] + $0.map(\.1) }
            ).csv
        case .table:
            var out = "Campaign \(campaign.key) · "
            if let inference {
                out += "no objective set; inferred \(objective.rawValue): \(inference)\n"
            } else {
                out += "objective \(objective.rawValue)\n"
            }
            out += "Targets for \(from)…\(to), 10% better than \(previousFrom)…\(previousTo)\n\n"
            var listing = Listing(
                columns: ["metric", "previous", "target", "basis"],
                rows: suggestions.map { suggestion in
                    func text(_ value: OutputValue) -> OutputValue {
                        guard value != .null else { return .decimal("—") }
                        if suggestion.metric.isMoney {
                            return .decimal("\(Listing.grouped(value.plainText)) \(currency.code)")
                        }
                        if suggestion.metric.isRate { return ReportNumber.forTable(value, percent: true) }
                        if suggestion.metric == .roas || suggestion.metric == .romi {
                            return ReportNumber.forTable(value, percent: false)
                        }
                        return .decimal(Listing.grouped(value.plainText))
                    }
                    let target = suggestion.target.map { OutputValue.decimal($0.numberText) } ?? .null
                    return [
                        .string(suggestion.metric.rawValue), text(shown(suggestion)),
                        suggestion.target == nil
                            ? .decimal("—")
                            : .decimal((suggestion.metric.isCost ? "≤ " : "≥ ") + text(target).plainText),
                        .string(
                            suggestion.target == nil
                                ? "no previous figure to improve on"
                                : suggestion.metric.isCost ? "previous − 10%" : "previous + 10%"),
                    ]
                })
            listing.nullMark = "—"
            out += listing.table
            let commands = suggestions.compactMap { command(for: $0, database: database) }
            if !commands.isEmpty { out += "\nTo set them:\n" + commands.map { "  \($0)\n" }.joined() }
            return out
        }
    }
}
