public import LeadTrailCore

/// The names CRMs give a deal's status, read as `open`, `won` or `lost` by `import deals` (JSON and tables alike).
///
/// Explicit and short on purpose: the three statuses, the closing stages amoCRM, Bitrix24, HubSpot and Roistat write
/// in their exports, and the default open stages of their standard pipelines. Names are matched trimmed, in any case,
/// with runs of spaces as one and `ё` as `е`. Any other name (a pipeline's own stage, `Переговоры с ЛПР`) is refused,
/// naming it and these; `--map`'s `"values": {"status": {"Переговоры с ЛПР": "open"}}` reads it (docs/presets.md,
/// "From a CRM export").
extension DealStatus {
    /// Each status with the names read as it, in the order messages list them.
    public static let crmNames: [(status: DealStatus, names: [String])] = [
        (
            .won,
            [
                "won", "closed won", "closedwon", "успешно реализовано", "сделка успешна", "успешно", "выиграна",
                "paid", "оплачен", "оплачено",
            ]
        ),
        (
            .lost,
            [
                "lost", "closed lost", "closedlost", "закрыто и не реализовано", "сделка провалена", "провалена",
                "проиграна", "canceled", "cancelled", "отменен", "отменено",
            ]
        ),
        (
            .open,
            [
                "open", "in progress", "progress", "в работе", "новая", "неразобранное", "первичный контакт",
                "переговоры", "принимают решение", "согласование договора", "подготовка документов",
                "счет на предоплату", "финальный счет", "appointment scheduled", "appointmentscheduled",
                "qualified to buy", "qualifiedtobuy", "presentation scheduled", "presentationscheduled",
                "decision maker bought-in", "decisionmakerboughtin", "contract sent", "contractsent",
            ]
        ),
    ]

    private static let byName: [String: DealStatus] = {
        var names: [String: DealStatus] = [:]
        for (status, spellings) in crmNames {
            for name in spellings { names[name] = status }
        }
        return names
    }()

    /// The status a CRM's name stands for (`Closed Won`, `Успешно реализовано`, `WON`), or nil.
    public init?(crmName text: String) {
        guard let status = Self.byName[FieldMap.nameKey(text)] else { return nil }
        self = status
    }

    /// The refusal of a name that is no status: the name, then every accepted one by status.
    static func unknownNameMessage(_ text: String) -> String {
        let accepted = crmNames.map { status, names in
            "\(status.rawValue) (\(names.dropFirst().joined(separator: ", ")))"
        }
        return "unknown status '\(ValidationError.shown(text))'; expected " + accepted.joined(separator: "; ")
            + ", in any case; for another name of a stage give --map a \"values\" entry saying which it is,"
            + " {\"values\": {\"status\": {\"\(ValidationError.shown(text))\": \"won, lost or open\"}}} with one of the three"
    }
}
