import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailStore
import Testing

/// Issue 16, acceptance 2: for any spend file a preset accepts, the sum stored equals the sum of the file's spend
/// cells (the summary row excluded), to the minor unit. Files are generated from a fixed seed (SplitMix64); set
/// `LEADTRAIL_PROPERTY_CASES` for more cases than the default 200. A failing case prints its seed and the file.
@Suite struct SpendSumPropertyTests {
    /// One generated file: its text, name, preset, options, and the sum of its spend cells in minor units.
    struct GeneratedFile {
        var name: String
        var text: String
        var preset: SpendPreset
        var currency: Currency?
        var micros: Bool?
        var expectedMinorUnits: Int64
    }

    static let campaigns = ["Осень", "осень ", "VK_Autumn_Sale", "vk_autumn_sale", "brand", "Зима «Ёлка»", "a,b; \"c\""]

    /// A campaign's id in the platform: one per campaign key, as a real export has it (one id under two names on one
    /// day is a campaign counted twice, which the file reader refuses).
    static func campaignID(_ campaign: String) -> String {
        let keys = campaigns.map { Normalize.key($0) ?? $0 }
        return String(53_811_200 + (keys.firstIndex(of: Normalize.key(campaign) ?? campaign) ?? 0))
    }

    static func major(_ minor: Int64, _ separator: String = ".") -> String {
        "\(minor / 100)\(separator)\(String(format: "%02d", minor % 100))"
    }

    static func russian(_ minor: Int64, random: inout SplitMix64) -> String {
        var whole = String(minor / 100)
        if whole.count > 3, random.chance(70) {
            let space: Character = random.chance(50) ? "\u{00A0}" : " "
            var grouped = ""
            for (index, digit) in whole.enumerated() {
                if index > 0, (whole.count - index) % 3 == 0 { grouped.append(space) }
                grouped.append(digit)
            }
            whole = grouped
        }
        return whole + "," + String(format: "%02d", minor % 100)
    }

    static func quoted(_ cell: String, _ delimiter: String) -> String {
        cell.contains(delimiter) || cell.contains("\"") ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }

    static func generate(seed: UInt64) -> GeneratedFile {
        var random = SplitMix64(seed: seed)
        let count = 1 + random.below(25)
        var rows: [(day: Int, campaign: String, minor: Int64)] = []
        for _ in 0..<count {
            let minor = random.chance(10) ? 0 : Int64(random.below(random.chance(30) ? 100_000_000 : 100_000))
            rows.append((1 + random.below(4), campaigns[random.below(campaigns.count)], minor))
        }
        let total = rows.reduce(Int64(0)) { $0 + $1.minor }
        switch random.below(3) {
        case 0:
            let dayColumn = random.chance(50)
            let header =
                (dayColumn ? ["Day"] : ["Reporting Starts", "Reporting Ends"])
                + ["Campaign name", "Amount spent (USD)", "Impressions"]
            var lines = [header.map { quoted($0, ",") }.joined(separator: ",")]
            if random.chance(50) {
                lines.append(
                    (dayColumn ? [""] : ["2026-10-01", "2026-10-04"]) .joined(separator: ",") + ",," + major(total) + ",")
            }
            for row in rows {
                let date = "2026-10-0\(row.day)"
                let dates = dayColumn ? [date] : [date, date]
                lines.append((dates + [quoted(row.campaign, ","), major(row.minor), String(random.below(1000))]).joined(separator: ","))
            }
            return GeneratedFile(
                name: "meta.csv", text: lines.joined(separator: "\n") + "\n", preset: .metaAds, currency: nil, micros: nil,
                expectedMinorUnits: total)
        case 1:
            var lines = ["Дата;Кампания;ID кампании;Показы;Потрачено, ₽"]
            for row in rows {
                lines.append(
                    "0\(row.day).10.2026;\(quoted(row.campaign, ";"));\(Self.campaignID(row.campaign));\(random.below(9999));"
                        + quoted(russian(row.minor, random: &random), ";"))
            }
            if random.chance(50) { lines.append("Итого;;;;" + quoted(russian(total, random: &random), ";")) }
            return GeneratedFile(
                name: "vk.csv", text: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n", preset: .vkAds,
                currency: nil, micros: nil, expectedMinorUnits: total)
        default:
            let inMicros = random.chance(50)
            let said: Bool? = random.chance(50) ? inMicros : nil
            var lines: [String] = []
            if random.chance(50) { lines.append("\"Отчёт (2026-10-01 - 2026-10-04)\"") }
            lines.append("Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost")
            for (index, row) in rows.enumerated() {
                var minor = row.minor
                // A file in currency units that the file itself must tell apart: one cell with kopecks.
                if !inMicros, said == nil, index == 0, minor % 100 == 0 { minor += 1 }
                rows[index].minor = minor
                let cost =
                    inMicros ? String(minor * 10_000) : (minor % 100 == 0 && random.chance(50) ? String(minor / 100) : major(minor))
                lines.append("2026-10-0\(row.day)\t\(Self.campaignID(row.campaign))\t\(row.campaign)\t\(random.below(999))\t0\t\(cost)")
            }
            if random.chance(50) { lines.append("Total rows: \(rows.count)") }
            return GeneratedFile(
                name: "ya.tsv", text: lines.joined(separator: "\n") + "\n", preset: .yandexDirect, currency: .rub,
                micros: said, expectedMinorUnits: rows.reduce(Int64(0)) { $0 + $1.minor })
        }
    }

    @Test func storedSpendEqualsTheSumOfTheFilesSpendCells() throws {
        let cases = Int(ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"] ?? "") ?? 200
        var master = SplitMix64(seed: 20_261_204)
        for _ in 0..<cases {
            let seed = master.next()
            let file = Self.generate(seed: seed)
            let folder = TemporaryFolder()
            let url = folder.file(file.name, file.text)
            let store = try SQLiteStore.create(path: folder.url.appendingPathComponent("s.sqlite").path).store
            var options = options
            options.defaultCurrency = file.currency
            options.moneyInMicros = file.micros
            let job = ImportJob(kind: .spend, file: url, spendPreset: file.preset, options: options)
            let batch: ImportBatch
            do {
                batch = try Importer.run(job, store: store)
            } catch {
                Issue.record("seed \(seed): the file was refused: \(error)\n\(file.text)")
                continue
            }
            var stored: Int64 = 0
            for campaign in try store.campaigns() {
                for money in try store.campaignDetail(key: campaign.key).spend { stored += money.minorUnits }
            }
            let counts = batch.counts
            #expect(
                stored == file.expectedMinorUnits,
                "seed \(seed): stored \(stored), the file's cells sum to \(file.expectedMinorUnits) (\(counts))\n\(file.text)")
            #expect(counts.read == counts.imported + counts.skipped, "seed \(seed): \(counts)")
        }
    }
}
