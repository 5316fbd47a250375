/// How `--format csv` writes a file: for Unix tools and most software, or for Excel in a Russian locale.
///
/// `rfc4180` (the default) is comma-separated UTF-8 without a BOM, `.` decimals and times as printed in tables.
/// `excel-ru` is what Excel and LibreOffice in a Russian locale open with a double-click: UTF-8 with a BOM (or
/// Excel reads Cyrillic as Windows-1251), `;` between fields, CRLF line ends, a decimal comma (`150000,50`), times
/// as `ДД.ММ.ГГГГ ЧЧ:ММ` and phones written so that no spreadsheet takes them for numbers (`+7 916 123-45-67`).
public enum CSVDialect: String, CaseIterable, Sendable {
    case rfc4180
    case excelRU = "excel-ru"

    /// Parses a dialect as users write it: `excel-ru`, `excel_ru`, `RFC4180`, `rfc-4180`, `standard`.
    public init?(parsing text: String) {
        let normalized = String(text.trimmingWhitespace().lowercased().map { $0 == "_" ? "-" : $0 })
        switch normalized {
        case "rfc4180", "rfc-4180", "standard": self = .rfc4180
        case "excel-ru": self = .excelRU
        default: return nil
        }
    }
}
