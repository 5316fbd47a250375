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
}
