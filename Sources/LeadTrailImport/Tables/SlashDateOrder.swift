/// How a file writes its dates with slashes (`01/10/2026`): the one rule for spend exports and CRM tables alike.
///
/// The file decides, as it does for money: day first when some date's first number is above 12 (`13/10/2026`), month
/// first when some date's second number is (`10/13/2026`, a US export); nil when no date has slashes or each reads
/// one way (`05/05/2026`). Dates of both kinds, or dates that read two ways (`10/01/2026`) with none to tell, refuse the
/// file naming both readings: the money would land on other days. `--date-order dmy|mdy` says.
enum SlashDateOrder {
    /// A cell that may hold a date, with its place in the file.
    struct Cell {
        var row: Int
        var line: Int?
        var text: String
    }

    /// Day first (true), month first (false), or nil when the cells do not tell and need not.
    static func decide(_ cells: some Sequence<Cell>, in source: any RawRecordSource) throws(ImportFileError) -> Bool? {
        func failure(_ message: String, _ cell: Cell) -> ImportFileError {
            ImportFileError(
                file: source.fileName, record: cell.row, numbering: source.numbering, line: cell.line, message: message)
        }
        var dayFirst: Cell?
        var monthFirst: Cell?
        var twoWays: Cell?
        for cell in cells {
            guard let (first, second) = SpendRow.slashDate(cell.text) else { continue }
            if first > 12, second <= 12 {
                if dayFirst == nil { dayFirst = cell }
            } else if second > 12, first <= 12 {
                if monthFirst == nil { monthFirst = cell }
            } else if first != second, first <= 12, second <= 12, twoWays == nil {
                twoWays = cell
            }
        }
        if let dayFirst, let monthFirst {
            throw failure(
                "dates disagree: data row \(dayFirst.row) has '\(dayFirst.text)' (day first), data row"
                    + " \(monthFirst.row) '\(monthFirst.text)' (month first)", monthFirst)
        }
        if dayFirst != nil { return true }
        if monthFirst != nil { return false }
        if let twoWays, let (first, second) = SpendRow.slashDate(twoWays.text) {
            let year = twoWays.text.split(separator: "/")[2]
            func iso(month: Int, day: Int) -> String {
                "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            }
            throw failure(
                "the date '\(twoWays.text)' reads two ways (day first: \(iso(month: second, day: first)); month first:"
                    + " \(iso(month: first, day: second))) and no date of the file tells which: give --date-order dmy"
                    + " or mdy", twoWays)
        }
        return nil
    }
}
