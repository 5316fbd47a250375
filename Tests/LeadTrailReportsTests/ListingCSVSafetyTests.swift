import Testing

@testable import LeadTrailReports

/// OWASP's CSV-injection rule in `Listing.csv`: text a spreadsheet would run gets a leading `'`; numbers do not.
struct ListingCSVSafetyTests {
    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""), ("=HYPERLINK(\"u\",\"c\")", "\"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\""), ("-", "'-"),
        ("Анна", "Анна"), ("a=b", "a=b"), (" =1", " =1"), ("", ""),
        // Text that is only a signed number is a number: a spreadsheet reads it as one and runs nothing.
        ("+79161234567", "+79161234567"), ("-5", "-5"), ("-12.50", "-12.50"), ("-1.2.3", "'-1.2.3"), ("+", "'+"),
    ])
    func textCells(text: String, expected: String) {
        let csv = Listing(columns: ["name"], rows: [[.string(text)]]).csv
        #expect(csv == "name\n\(expected)\n")
    }

    @Test func numbersAndOtherValuesAreWrittenAsTheyAre() {
        let listing = Listing(
            columns: ["count", "money", "flag", "empty"],
            rows: [[.integer(-5), .decimal("-1250.00"), .bool(true), .null]])
        #expect(listing.csv == "count,money,flag,empty\n-5,-1250.00,yes,\n")
        // Tables and JSON are not spreadsheets: they show the value unchanged.
        let names = Listing(columns: ["name"], rows: [[.string("=1+2")]])
        #expect(names.table.contains("=1+2") && !names.table.contains("'=1+2"))
        #expect(names.rendered(as: .json).contains("\"=1+2\""))
    }

    /// Excel-RU writes phones as text grouped after their real country code: a German, US or French number read
    /// as `+493 …`, `+121 …`, `+331 …` showed a rep country codes that do not exist.
    @Test(arguments: [
        ("+79161234567", "+7 916 123-45-67"), ("+380501234567", "+380 501-234-567"),
        ("+493012345678", "+49 301-234-5678"), ("+12125550100", "+1 212-555-0100"),
        ("+33123456789", "+33 123-456-789"), ("+998901234567", "+998 901-234-567"),
    ])
    func excelRUPhonesAreGroupedAfterTheirCountryCode(phone: String, expected: String) {
        #expect(Listing.phoneAsText(phone) == expected)
    }
}
