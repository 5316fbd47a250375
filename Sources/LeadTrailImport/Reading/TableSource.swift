/// A source of table rows with a header: a CSV/TSV file or an `.xlsx` sheet.
protocol TableSource: RawRecordSource {
    /// The header's column names, trimmed, in order.
    var header: [String] { get }
    /// The line (sheet row) of the header.
    var headerLine: Int { get }
}

extension TableReader: TableSource {}
extension XLSXReader: TableSource {}
