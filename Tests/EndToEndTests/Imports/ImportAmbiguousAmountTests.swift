import Foundation
import Testing

/// A spend table's `12,500` is 12.50 to a Russian export and 12500 to an English one (Google Ads writes thousands
/// with commas): refused naming the cell and both readings, never stored as the smaller (it was 12.50, exit 0).
struct ImportAmbiguousAmountTests {
    @Test func aSpendCellWithACommaBeforeThreeDigitsIsRefusedNamingBothReadings() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "spend.csv",
                text: "date,campaign,amount,currency\r\n2026-10-04,brand,\"1 200,50\",RUB\r\n2026-10-05,brand,\"12,500\",RUB\r\n")
            try ws.refuse(
                ["import", "spend", file],
                mentioning: "spend.csv: data row 2, line 3", "'12,500' reads two ways", "write 12.5 or 12500")
            #expect(try ws.integer("SELECT COUNT(*) FROM spend") == 0)
            // Written one way, the same day imports: a decimal comma with two digits, or the whole number.
            let fixed = try ws.write(
                "fixed.csv",
                text: "date,campaign,amount,currency\r\n2026-10-04,brand,\"1 200,50\",RUB\r\n2026-10-05,brand,12500,RUB\r\n")
            try ws.succeed(["import", "spend", fixed])
            #expect(try ws.integer("SELECT SUM(amount_minor) FROM spend") == 120_050 + 1_250_000)
        }
    }

    /// A costs file saved from Russian Excel (Roistat's, a hand-kept sheet): `;`, decimal commas and days written
    /// `13.10.2026` or `13/10/2026` import as the presets' do; `--platform` names the platform of rows that name
    /// none (it was silently ignored for a generic file); `01/10/2026` alone reads two ways until --date-order.
    @Test func aGenericSpendTableReadsExcelDaysAndTakesPlatform() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let file = try ws.write(
                "costs.csv",
                text: "date;campaign;amount;currency\r\n13.10.2026;ya_brand;1 234,56;RUB\r\n14/10/2026;ya_brand;100,00;RUB\r\n")
            try ws.succeed(["import", "spend", file, "--platform", "yandex"])
            #expect(try ws.integer("SELECT COUNT(*) FROM spend WHERE day IN ('2026-10-13', '2026-10-14')") == 2)
            #expect(try ws.integer("SELECT COUNT(*) FROM spend WHERE platform = 'yandex'") == 2)
            let twoWays = try ws.write(
                "two-ways.csv", text: "date,campaign,amount,currency\n01/10/2026,ya_brand,5.00,RUB\n")
            try ws.refuse(["import", "spend", twoWays], mentioning: "two-ways.csv", "--date-order")
            try ws.succeed(["import", "spend", twoWays, "--date-order", "mdy"])
            #expect(try ws.integer("SELECT COUNT(*) FROM spend WHERE day = '2026-01-10'") == 1)
        }
    }

    /// A generic spend table whose header does not name a needed column (`Date` is not `date`; no currency and no
    /// --currency) is refused at line 1 naming the columns it has, not at every row.
    @Test func aGenericSpendTableWithoutANeededColumnIsRefusedAtItsHeader() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let capital = try ws.write(
                "capital.csv", text: "Date,Campaign,Amount,Currency\n2026-10-01,brand,100.00,RUB\n")
            try ws.refuse(
                ["import", "spend", capital],
                mentioning: "capital.csv: line 1: no column 'date': the columns are 'Date', 'Campaign', 'Amount', 'Currency'",
                "lower case")
            let noCurrency = try ws.write("nocur.csv", text: "date,campaign,amount\n2026-10-01,brand,100.00\n")
            try ws.refuse(["import", "spend", noCurrency], mentioning: "no column 'currency'", "--currency")
            try ws.succeed(["import", "spend", noCurrency, "--currency", "RUB"])
        }
    }
}
