internal import Foundation
internal import LeadTrailCore

/// A CRM export given to `import clicks`, `forms` or `deals` in the generic format: a CSV/TSV table or an `.xlsx`
/// sheet, each row a record whose fields are the header's names (then `--map`), its cells read by ``TableCells``.
///
/// Before the first row the header is checked: a Metrica visits table names its preset, and a table with no column
/// for a required field is refused at its header line, naming the columns there are. When `--date-order` is not given,
/// the file's time cells decide how slash dates read (``SlashDateOrder``, a first pass over the file).
struct TableInput {
    /// The rows.
    let source: any RawRecordSource
    /// The import's options, with the file's date order.
    let options: ImportOptions

    /// The generic fields a table must give, per kind (each entry: any of these names).
    private static let required: [String: [[String]]] = [
        "clicks": [["at"], ["visitor"]],
        "forms": [["submitted_at"], ["email", "phone"]],
        "deals": [
            ["id"], ["lead", "lead.id", "lead.external_id", "lead.email", "lead.phone"], ["amount"], ["currency"],
            ["created_at"],
        ],
    ]

    /// Opens `url` as a table when it is one (``InputShape``); nil for JSON. Options the file does not use are refused.
    static func open(_ url: URL, kind: String, options: ImportOptions) throws(ImportFileError) -> TableInput? {
        let shape = InputShape.of(url)
        try shape.refuseUnused(options, url: url, readsDates: shape != .json)
        guard shape != .json else { return nil }
        let source = try rows(of: url, shape: shape, options: options)
        try checkHeader(source, kind: kind, options: options)
        var fileOptions = options
        if options.slashDatesDayFirst == nil {
            fileOptions.slashDatesDayFirst = try dateOrder(
                of: try rows(of: url, shape: shape, options: options), kind: kind, options: options)
        }
        return TableInput(source: source, options: fileOptions)
    }

    private static func rows(of url: URL, shape: InputShape, options: ImportOptions) throws(ImportFileError)
        -> any TableSource
    {
        if shape == .workbook { return try XLSXReader(url: url, sheet: options.sheet) }
        return try TableReader(url: url, encoding: options.encoding)
    }

    /// A row through `make`, its cells read first (``TableCells``), its error naming the column.
    static func record<Record>(
        _ row: JSONObject, kind: String, options: ImportOptions,
        _ make: (JSONObject) throws(RecordError) -> ImportOutcome<Record>
    ) throws(RecordError) -> ImportOutcome<Record> {
        do throws(RecordError) {
            let mapped = ImportStream<Record>.mapped(row, options)
            return try make(try TableCells.generic(mapped, kind: kind, options: options))
        } catch {
            throw TableCells.located(error, options: options)
        }
    }

    private static func checkHeader(_ table: any TableSource, kind: String, options: ImportOptions)
        throws(ImportFileError)
    {
        func refusal(_ message: String) -> ImportFileError {
            ImportFileError(file: table.fileName, line: table.headerLine, message: message)
        }
        if RecordReader.isMetricaVisitsHeader(names: table.header) {
            throw refusal(
                "this is a Yandex Metrica Logs API visits table (ym:s: columns): import it with"
                    + " 'leadtrail import clicks FILE --preset yandex-metrica'")
        }
        var probe = JSONObject()
        for name in table.header where !name.isEmpty { probe.append(name, .string("")) }
        let given = Set(ImportStream<Never>.mapped(probe, options).keys)
        for names in required[kind] ?? [] where !names.contains(where: { given.contains($0) }) {
            if names == ["currency"], options.defaultCurrency != nil { continue }
            let columns = table.header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
            let field = names.count == 1 ? "'\(names[0])'" : names.map { "'\($0)'" }.joined(separator: " or ")
            let example =
                names == ["currency"]
                ? "give --currency (RUB, USD…) or a currency column"
                : "name its column in --map, such as {\"fields\": {\"\(names.last ?? "")\": \"<column>\"}}"
            throw refusal(
                "no column gives \(field), which \(kind) need: the columns are \(columns); \(example)"
                    + " (docs/presets.md, \"From a CRM export\")" + (platformHint(table.header) ?? ""))
        }
    }

    /// A platform's export given to the wrong import or without its preset: which command reads it.
    private static func platformHint(_ header: [String]) -> String? {
        let names = Set(header.map { $0.lowercased() })
        if names.contains("created_time"), names.contains("form_id") || names.contains("is_organic") {
            return "; this looks like Meta's Leads Center export: give --preset meta-lead-ads"
        }
        return SpendPreset.suggested(forHeader: header).map {
            "; this looks like \($0.displayName): import it with 'leadtrail import spend FILE --preset \($0.rawValue)'"
        }
    }

    /// How the file's time cells write slash dates (``SlashDateOrder``), read from a pass of their own.
    private static func dateOrder(of table: any TableSource, kind: String, options: ImportOptions)
        throws(ImportFileError) -> Bool?
    {
        let fields = TableCells.timeFields[kind] ?? []
        var cells: [SlashDateOrder.Cell] = []
        while let raw = try table.next() {
            guard case .success(let row) = raw.object else { continue }
            let mapped = ImportStream<Never>.mapped(row, options)
            for field in fields {
                guard let text = mapped[field]?.scalarText?.trimmingWhitespace(), !text.isEmpty else { continue }
                let date = String(text.prefix { $0 != " " })
                cells.append(SlashDateOrder.Cell(row: raw.number, line: raw.line, text: date))
            }
        }
        return try SlashDateOrder.decide(cells, in: table)
    }
}
