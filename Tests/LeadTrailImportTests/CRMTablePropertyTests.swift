import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// For any deals a CRM could export, the JSON file and the table of the same deals (Russian or English cell forms,
/// `;` or `,`, day-first or month-first dates, an `.xlsx`-like ISO time) read to the same records: the same content
/// hash, so a table and its JSON are one import, and a re-import of either changes nothing.
///
/// Fixed seed; `LEADTRAIL_PROPERTY_CASES` sets the number of cases (200 by default).
struct CRMTablePropertyTests {
    static let seed: UInt64 = 0xC0FF_EE20_2612_0401

    static var cases: Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap(Int.init) ?? 200
    }

    /// One deal: minor units, times as (year, month, day, hour, minute), status and lead.
    private struct Deal {
        var id: String
        var minorUnits: Int64
        var created: (Int, Int, Int, Int, Int)
        var closed: (Int, Int, Int, Int, Int)?
        var status: String
        var email: String
    }

    private func random(_ generator: inout SplitMix64, index: Int) -> Deal {
        func time() -> (Int, Int, Int, Int, Int) {
            (2026, 1 + generator.below(12), 1 + generator.below(28), generator.below(24), generator.below(60))
        }
        let magnitude = [100, 10_000, 1_000_000, 1_000_000_000][generator.below(4)]
        let created = time()
        let status = ["won", "lost", "open"][generator.below(3)]
        var closed: (Int, Int, Int, Int, Int)? = nil
        if status != "open" {
            let later = (created.0 + 1, created.1, created.2, created.3, created.4)
            closed = later
        }
        return Deal(
            id: "d\(index)", minorUnits: Int64(generator.below(magnitude)), created: created, closed: closed,
            status: status, email: "p\(generator.below(5))@example.com")
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    private func iso(_ time: (Int, Int, Int, Int, Int)) -> String {
        "\(time.0)-\(two(time.1))-\(two(time.2))T\(two(time.3)):\(two(time.4)):00"
    }

    /// The time as a CRM writes it: `04.12.2026 12:00`, `12/04/2026 12:00 PM`-like US form, or ISO with a space.
    private func cell(_ time: (Int, Int, Int, Int, Int), style: Int) -> String {
        switch style {
        case 0: return "\(two(time.2)).\(two(time.1)).\(time.0) \(two(time.3)):\(two(time.4))"
        case 1:
            let hour = time.3 % 12 == 0 ? 12 : time.3 % 12
            return "\(two(time.1))/\(two(time.2))/\(time.0) \(hour):\(two(time.4)) \(time.3 < 12 ? "AM" : "PM")"
        default: return "\(time.0)-\(two(time.1))-\(two(time.2)) \(two(time.3)):\(two(time.4))"
        }
    }

    /// The amount as a CRM writes it: `24 900,00` (no-break space or space), `24,900.00`, or `24900.00`.
    private func amount(_ minorUnits: Int64, russian: Bool, generator: inout SplitMix64) -> String {
        let whole = String(minorUnits / 100)
        let cents = two(Int(minorUnits % 100))
        guard generator.chance(70) else { return "\(whole).\(cents)" }
        var groups: [String] = []
        var rest = Substring(whole)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        if russian {
            return groups.joined(separator: generator.chance(50) ? "\u{A0}" : " ") + "," + cents
        }
        return groups.joined(separator: ",") + "." + cents
    }

    @Test func theTableOfSomeDealsReadsAsTheirJSON() throws {
        var generator = SplitMix64(seed: Self.seed)
        let folder = TemporaryFolder()
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        for number in 0..<Self.cases {
            let deals = (0..<(1 + generator.below(6))).map { random(&generator, index: $0) }
            let json = deals.map { deal in
                var fields = [
                    #""id": "\#(deal.id)""#, #""lead": {"email": "\#(deal.email)"}"#,
                    #""amount": "\#(deal.minorUnits / 100).\#(two(Int(deal.minorUnits % 100)))""#,
                    #""currency": "RUB""#, #""created_at": "\#(iso(deal.created))""#, #""status": "\#(deal.status)""#,
                ]
                if let closed = deal.closed { fields.append(#""closed_at": "\#(iso(closed))""#) }
                return "{" + fields.joined(separator: ", ") + "}"
            }.joined(separator: "\n")
            let style = generator.below(3)
            let russian = style == 0 || (style == 2 && generator.chance(50))
            let delimiter = russian ? ";" : ","
            let names = [
                "won": ["Успешно реализовано", "Closed Won", "WON"],
                "lost": ["Закрыто и не реализовано", "Closed Lost", "lost"],
                "open": ["Переговоры", "Appointment Scheduled", "open"],
            ]
            var lines = [["ID", "Email", "Бюджет", "Создана", "Закрыта", "Этап"].joined(separator: delimiter)]
            for deal in deals {
                let written = amount(deal.minorUnits, russian: russian, generator: &generator)
                let quoted = written.contains(delimiter) ? "\"\(written)\"" : written
                let stage = names[deal.status]![generator.below(3)]
                lines.append(
                    [
                        deal.id, deal.email, quoted, cell(deal.created, style: style),
                        deal.closed.map { cell($0, style: style) } ?? "", stage,
                    ].joined(separator: delimiter))
            }
            let jsonURL = folder.file("deals-\(number).ndjson", json + "\n")
            let csvURL = folder.file("deals-\(number).csv", lines.joined(separator: "\r\n") + "\r\n")
            var options = ImportOptions(timeZone: moscow, importTime: importTime)
            let fromJSON = try readAll(try ImportStream(deals: jsonURL, options: options)).map(\.outcome)
            options.map = try FieldMap(
                contentsOf: folder.file(
                    "map.json",
                    #"{"fields": {"id": "ID", "lead.email": "Email", "amount": "Бюджет", "created_at": "Создана", "closed_at": "Закрыта", "status": "Этап"}, "constants": {"currency": "RUB"}}"#
                ))
            // US dates say their order, as a HubSpot user would with --date-order mdy.
            options.slashDatesDayFirst = style == 1 ? false : nil
            let fromCSV = try readAll(try ImportStream(deals: csvURL, options: options)).map(\.outcome)
            let expected = fromJSON.map { outcome -> String in
                if case .record(let record) = outcome { return record.contentHash }
                return "\(outcome)"
            }
            let actual = fromCSV.map { outcome -> String in
                if case .record(let record) = outcome { return record.contentHash }
                return "\(outcome)"
            }
            #expect(expected == actual, "case \(number) (seed \(Self.seed)):\n\(lines.joined(separator: "\n"))")
            if expected != actual { return }
        }
    }
}
