internal import Foundation

/// What an import file is: JSON (an array, NDJSON, pretty-printed objects), a CSV/TSV table, or an `.xlsx` workbook,
/// and the refusal of an option the file does not use (`--sheet` on a JSON file), as the README promises.
enum InputShape: Equatable {
    case json, table, workbook

    /// A workbook for `.xlsx` or a ZIP of another name; a table for `.csv`/`.tsv`, or for another name whose first line
    /// is a table's header (not JSON); JSON otherwise. A ZIP named `.csv` or `.json` is left to its reader, which
    /// refuses it as the ZIP archive it is.
    static func of(_ url: URL) -> InputShape {
        switch url.pathExtension.lowercased() {
        case "xlsx": return .workbook
        case "csv", "tsv": return .table
        case "json", "ndjson", "jsonl": return .json
        default:
            if XLSXReader.isZIP(url) { return .workbook }
            return RecordReader.tableHeader(of: url) != nil ? .table : .json
        }
    }

    /// The file in words, for a refusal: `deals.json is JSON`.
    private func described(_ url: URL) -> String {
        let name = url.lastPathComponent
        switch self {
        case .json: return "\(name) is JSON"
        case .table: return "\(name) is a CSV/TSV table"
        case .workbook: return "\(name) is an .xlsx workbook"
        }
    }

    /// Refuses `--sheet` on a file that is no workbook, `--encoding` on a workbook (its XML is always Unicode) and,
    /// when `readsDates` is false (JSON, whose times are RFC 3339), `--date-order`.
    func refuseUnused(_ options: ImportOptions, url: URL, readsDates: Bool) throws(ImportFileError) {
        func refusal(_ option: String, _ use: String) -> ImportFileError {
            ImportFileError(
                file: url.lastPathComponent, message: "\(option) \(use); \(described(url)): leave \(option) out")
        }
        if options.sheet != nil, self != .workbook { throw refusal("--sheet", "picks a sheet of an .xlsx workbook") }
        if options.encoding != .utf8, self == .workbook {
            throw refusal("--encoding", "says how a CSV/TSV or JSON file's text is written")
        }
        if options.slashDatesDayFirst != nil, !readsDates {
            throw refusal("--date-order", "reads the dates of a CSV/TSV table or an .xlsx sheet (06/12/2026)")
        }
    }
}
