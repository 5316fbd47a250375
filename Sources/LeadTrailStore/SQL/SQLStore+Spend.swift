package import LeadTrailCore

/// Exchange rates, written once for both stores. Spend rows are each store's own: PostgreSQL tells a replaced row
/// from the upsert itself.
extension SQLStore {
    package static func setRate(_ db: some SQLTransaction, _ rate: ExchangeRate) throws {
        try db.execute(
            sql: """
                INSERT INTO exchange_rate (day, from_currency, to_currency, rate) VALUES (?, ?, ?, ?)
                ON CONFLICT (from_currency, to_currency, day) DO UPDATE SET rate = excluded.rate
                """,
            arguments: [rate.date.description, rate.from.code, rate.to.code, rate.rateText])
    }

    package static func rates(_ db: some SQLTransaction) throws -> [ExchangeRate] {
        try db.fetchAll(sql: "SELECT * FROM exchange_rate ORDER BY from_currency, to_currency, day").map { row in
            let text: String = row["rate"]
            return ExchangeRate(
                date: try CalendarDate(parsing: row["day"]), from: try Currency(code: row["from_currency"]),
                to: try Currency(code: row["to_currency"]), rate: try ExchangeRate.parseRate(text), rateText: text)
        }
    }
}
