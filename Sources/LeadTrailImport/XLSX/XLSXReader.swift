public import Foundation
internal import XMLCoder
internal import ZIPFoundation

/// Reads the first sheet (or the one named) of an `.xlsx` workbook as table rows keyed by its header row, like
/// ``TableReader`` does for CSV, so every CSV preset reads the XLSX exports Russian Meta and VK Ads accounts give.
///
/// Cells are read as Excel shows them: shared and inline strings as text, numbers as their stored decimal text rounded to
/// the 15 significant digits Excel shows (``displayedNumber(_:)``: `1165.0999999999999` is 1165.1), booleans
/// as `true`/`false`, and numbers in a date format (built-in formats 14–22, or a custom format with `d`, `m`, `y`) as
/// `YYYY-MM-DD` (Excel's 1900 date system). The first row with a value is the header; empty rows are skipped. A row
/// is numbered as a data row, with its sheet row as the line. The workbook is read whole (spend exports are small).
public final class XLSXReader: RawRecordSource {
    /// The file's name, for messages.
    public let fileName: String
    /// Rows are numbered as data rows, with their sheet row.
    public var numbering: ImportFileError.Numbering { .row }
    /// All bytes are read when the reader opens.
    public var bytesRead: Int64 { totalBytes }
    /// The file's size.
    public let totalBytes: Int64
    /// The header's column names, trimmed, in order.
    public private(set) var header: [String] = []
    /// The sheet row of the header.
    public private(set) var headerLine = 1
    /// The sheet read.
    public let sheetName: String

    private var rows: [(line: Int, values: [String])] = []
    private var position = 0

    /// Whether the file starts like a ZIP archive (`PK\u{3}\u{4}`), as every `.xlsx` does.
    public static func isZIP(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return head == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Opens the workbook and reads the sheet; a ZIP that is no workbook, or a missing sheet, throws.
    public init(url: URL, sheet: String? = nil) throws(ImportFileError) {
        let name = url.lastPathComponent
        fileName = name
        func failure(_ message: String) -> ImportFileError { ImportFileError(file: name, message: message) }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
            totalBytes = Int64(
                (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0)
        } catch {
            throw failure("cannot open the ZIP archive (is the .xlsx file damaged?)")
        }
        func part(_ path: String) throws(ImportFileError) -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry) { data.append($0) }
            } catch {
                throw failure("cannot unpack \(path) from the workbook (is the .xlsx file damaged?)")
            }
            return data
        }
        func decode<T: Decodable>(_ type: T.Type, _ path: String, _ data: Data) throws(ImportFileError) -> T {
            let decoder = XMLDecoder()
            decoder.trimValueWhitespaces = false
            do {
                return try decoder.decode(T.self, from: data)
            } catch {
                throw failure("cannot read \(path) of the workbook: it is not SpreadsheetML this reader understands")
            }
        }
        guard let workbookData = try part("xl/workbook.xml") else {
            throw failure("a ZIP archive, but not an .xlsx workbook (no xl/workbook.xml); export the report as CSV")
        }
        let workbook = try decode(XLSXParts.Workbook.self, "xl/workbook.xml", workbookData)
        let sheets = workbook.sheets.sheet
        guard let chosen = sheet.map({ wanted in sheets.first { $0.name == wanted } }) ?? sheets.first else {
            let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
            throw failure("the workbook has no sheet '\(sheet ?? "")'; its sheets are \(names)")
        }
        sheetName = chosen.name
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let relationship = chosen.relationship, let relsData = try part("xl/_rels/workbook.xml.rels") {
            let rels = try decode(XLSXParts.Relationships.self, "xl/_rels/workbook.xml.rels", relsData)
            if let target = rels.relationship.first(where: { $0.id == relationship })?.target {
                sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        let shared =
            try part("xl/sharedStrings.xml").map { data throws(ImportFileError) in
                try decode(XLSXParts.SharedStrings.self, "xl/sharedStrings.xml", data).si?.map(\.plain) ?? []
            } ?? []
        var dateStyles: Set<Int> = []
        var timeStyles: Set<Int> = []
        if let stylesData = try part("xl/styles.xml") {
            let styles = try decode(XLSXParts.Styles.self, "xl/styles.xml", stylesData)
            let custom = Dictionary(
                (styles.numFmts?.numFmt ?? []).map { ($0.numFmtId, $0.formatCode) },
                uniquingKeysWith: { first, _ in first })
            for (index, format) in (styles.cellXfs?.xf ?? []).enumerated() {
                let id = format.numFmtId ?? 0
                if (14...22).contains(id) || custom[id].map(XLSXReader.isDateFormat) == true {
                    dateStyles.insert(index)
                    // A date with a time of day (`dd.mm.yyyy hh:mm`, built-in 22): a deal's close keeps its hour.
                    if id == 22 || custom[id].map(XLSXReader.showsTime) == true { timeStyles.insert(index) }
                }
            }
        }
        guard let sheetData = try part(sheetPath) else {
            throw failure("the workbook's sheet '\(chosen.name)' is missing (\(sheetPath))")
        }
        let worksheet = try decode(XLSXParts.Worksheet.self, sheetPath, sheetData)
        var nextLine = 1
        for row in worksheet.sheetData.row ?? [] {
            let line = row.r ?? nextLine
            nextLine = line + 1
            var values: [String] = []
            for (index, cell) in (row.c ?? []).enumerated() {
                let column = cell.r.flatMap(XLSXReader.columnIndex) ?? index
                while values.count < column { values.append("") }
                let text = try XLSXReader.text(
                    of: cell, shared: shared, dateStyles: dateStyles, timeStyles: timeStyles, name: name, line: line)
                if column < values.count { values[column] = text } else { values.append(text) }
            }
            if values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            rows.append((line, values))
        }
        guard !rows.isEmpty else { throw failure("the sheet '\(chosen.name)' is empty; expected a header row") }
        let first = rows.removeFirst()
        headerLine = first.line
        header = first.values.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The next row, or nil after the last.
    public func next() throws(ImportFileError) -> RawRecord? {
        guard position < rows.count else { return nil }
        let row = rows[position]
        position += 1
        var object = JSONObject()
        for (index, name) in header.enumerated() where !name.isEmpty && index < row.values.count {
            object.append(name, .string(row.values[index]))
        }
        let result: Result<JSONObject, RecordError> =
            row.values.count > header.count && row.values[header.count...].contains(where: { !$0.isEmpty })
            ? .failure(
                RecordError(message: "the row has \(row.values.count) values; the header has \(header.count) columns"))
            : .success(object)
        return RawRecord(number: position, line: row.line, text: row.values.joined(separator: "\t"), object: result)
    }

    /// `AB12` → 27 (0-based column).
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : column - 1
    }

    /// A custom number format that shows a date: it has d, m or y outside quotes and brackets (`[Red]`, `"m"`).
    static func isDateFormat(_ code: String) -> Bool { shows(anyOf: "dmy", in: code) }

    /// A date format that also shows the time of day: an `h` outside quotes and brackets.
    static func showsTime(_ code: String) -> Bool { shows(anyOf: "h", in: code) }

    /// Whether a number format writes one of `letters` (lower case) outside quotes and brackets.
    private static func shows(anyOf letters: String, in code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        for character in code.lowercased() {
            switch character {
            case "\"": inQuotes.toggle()
            case "[": inBrackets = true
            case "]": inBrackets = false
            default: if !inQuotes && !inBrackets && letters.contains(character) { return true }
            }
        }
        return false
    }

    private static func text(
        of cell: XLSXParts.Worksheet.Cell, shared: [String], dateStyles: Set<Int>, timeStyles: Set<Int>, name: String,
        line: Int
    ) throws(ImportFileError) -> String {
        switch cell.t {
        case "s":
            guard let index = cell.v.flatMap({ Int($0) }), shared.indices.contains(index) else {
                throw ImportFileError(
                    file: name, line: line, message: "cell \(cell.r ?? "?") names a missing shared string")
            }
            return shared[index]
        case "inlineStr": return cell.inline?.plain ?? ""
        case "b": return cell.v == "1" ? "true" : "false"
        case "e":
            throw ImportFileError(
                file: name, line: line, message: "cell \(cell.r ?? "?") holds the error \(cell.v ?? "")")
        case "str": return cell.v ?? ""
        default:
            guard let value = cell.v else { return "" }
            if let style = cell.s, dateStyles.contains(style), let serial = Double(value) {
                let seconds = Int(((serial - serial.rounded(.down)) * 86_400).rounded())
                guard timeStyles.contains(style), seconds > 0, seconds < 86_400 else { return excelDate(serial) }
                func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
                return excelDate(serial) + " \(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
            }
            return displayedNumber(value)
        }
    }

    /// Excel's 1900 date system serial (days since 1899-12-30) as `YYYY-MM-DD`.
    public static func excelDate(_ serial: Double) -> String {
        let days = Int(serial.rounded(.down)) - 25_569  // days since 1970-01-01
        // Civil date from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
