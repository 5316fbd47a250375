import Foundation
import LeadTrailCore
import LeadTrailImport
import Testing

/// Seeded fuzzing of the readers and of the URL, phone and money parsers: mutated files and hostile strings must end
/// in a record, a skip or a one-line error — never a trap (a trap would kill the whole test run).
///
/// The seed corpus is `Corpus/` beside this file plus the preset samples; each case mutates one file with a fixed
/// seed (bit flips, truncation, huge numbers, `1e309`, `-0`, `NaN`, 400-digit numbers, odd Unicode, `%`-escapes,
/// empty values). `LEADTRAIL_PROPERTY_CASES` sets the number of cases (default 250 per corpus file).
struct ImportFuzzTests {
    /// One seed file and how to import it.
    struct Seed: Sendable, CustomTestStringConvertible {
        enum Kind: Sendable { case clicks, forms(FormPreset), deals, spend(SpendPreset) }
        var url: URL
        var kind: Kind
        var testDescription: String { url.lastPathComponent }
    }

    static let corpus: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    static let seeds: [Seed] = [
        Seed(url: corpus.appendingPathComponent("clicks.ndjson"), kind: .clicks),
        Seed(url: corpus.appendingPathComponent("forms.json"), kind: .forms(.generic)),
        Seed(url: corpus.appendingPathComponent("deals.json"), kind: .deals),
        Seed(url: corpus.appendingPathComponent("spend.csv"), kind: .spend(.generic)),
        Seed(url: corpus.appendingPathComponent("spend.tsv"), kind: .spend(.generic)),
        Seed(url: presetSamples.appendingPathComponent("tilda-forms.json"), kind: .forms(.tilda)),
        Seed(url: presetSamples.appendingPathComponent("meta-lead-ads.json"), kind: .forms(.metaLeadAds)),
        Seed(url: presetSamples.appendingPathComponent("vk-lead-forms.json"), kind: .forms(.vkLeadForms)),
        Seed(url: presetSamples.appendingPathComponent("meta-ads-ru.csv"), kind: .spend(.metaAds)),
        Seed(url: presetSamples.appendingPathComponent("vk-ads.csv"), kind: .spend(.vkAds)),
        Seed(url: presetSamples.appendingPathComponent("yandex-direct.tsv"), kind: .spend(.yandexDirect)),
    ]

    @Test(arguments: seeds)
    func mutatedFilesNeverTrap(_ seed: Seed) throws {
        let original = try [UInt8](Data(contentsOf: seed.url))
        let folder = TemporaryFolder()
        let cases = FuzzInput.caseCount(default: 250)
        for index in 0..<cases {
            let caseSeed = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(seed.url.lastPathComponent.utf8.count)
            var random = FuzzRandom(seed: caseSeed)
            let bytes = FuzzInput.mutate(original, using: &random)
            let file = folder.file("case-\(index)." + seed.url.pathExtension, bytes: bytes)
            let outcome = Self.drain(file, as: seed.kind)
            let shown = String(decoding: bytes.prefix(600), as: UTF8.self).debugDescription
            for message in outcome.messages {
                let why = "seed \(caseSeed) of \(seed.testDescription): an error is not one line: "
                    + "\(message.debugDescription) for input \(shown)"
                #expect(FuzzInput.isOneLine(message), "\(why)")
            }
        }
    }

    /// Every record's outcome of one file: the error messages met along the way.
    static func drain(_ file: URL, as kind: Seed.Kind) -> (records: Int, messages: [String]) {
        var messages: [String] = []
        var records = 0
        func each<Record>(_ make: () throws -> ImportStream<Record>) {
            do {
                let stream = try make()
                while let item = try stream.next() {
                    switch item.outcome {
                    case .record: records += 1
                    case .rejected(let error): messages.append(error.description)
                    default: break
                    }
                }
            } catch {
                messages.append(String(describing: error))
            }
        }
        switch kind {
        case .clicks: each { try ImportStream(clicks: file, options: options) }
        case .forms(let preset): each { try ImportStream(forms: file, preset: preset, options: options) }
        case .deals: each { try ImportStream(deals: file, options: options) }
        case .spend(let preset): each { try ImportStream(spend: file, preset: preset, options: options) }
        }
        return (records, messages)
    }

    /// Hostile strings through the parsers: each returns a value inside the documented ranges or throws a one-line
    /// error.
    @Test func parsersKeepTheirRangesOnHostileText() {
        var random = FuzzRandom(seed: 20_261_203)
        let rub = Currency.rub
        let jpy = try! Currency(code: "JPY")
        for index in 0..<FuzzInput.caseCount(default: 250) * 8 {
            let text = FuzzInput.hostileText(using: &random)
            let context = "case \(index) (seed 20261203), input \(text.debugDescription)"
            _ = TrackedURL(parsing: text)
            _ = TrackedURL(parsing: "https://example.com/?utm_source=" + text + "&gclid=" + text)
            do {
                let phone = try Phone(parsing: text)
                let digits = phone.e164.utf8.count - 1
                #expect(phone.e164.hasPrefix("+") && (10...15).contains(digits), "\(context) → \(phone.e164)")
            } catch {
                #expect(FuzzInput.isOneLine(error.description), "\(context)")
            }
            for currency in [rub, jpy] {
                for locale in [false, true] {
                    do {
                        let money = try Money.parse(
                            text, currency: currency, allowsNegative: true, allowsLocaleForms: locale)
                        #expect(money.minorUnits.magnitude <= UInt64(Limits.maxMinorUnits), "\(context)")
                        // The exact text reads back to the same amount.
                        let again = try? Money.parse(money.amountText, currency: currency, allowsNegative: true)
                        #expect(again == money, "\(context) → \(money.amountText)")
                    } catch {
                        #expect(FuzzInput.isOneLine(error.description), "\(context)")
                    }
                }
            }
            if let rate = try? ExchangeRate.parseRate(text) {
                #expect(Limits.exchangeRates.contains(rate), "\(context) → \(rate)")
            }
            for metric in GoalMetric.allCases {
                if case .decimal(let value)? = try? GoalTarget.parse(text, for: metric, currency: rub) {
                    let number = Double(value) ?? .nan
                    #expect(number.isFinite, "\(context) for \(metric.rawValue) → \(value)")
                    if metric.isCappedShare { #expect(number <= 1, "\(context) for \(metric.rawValue) → \(value)") }
                    if metric.isAdditive {
                        #expect(!value.contains(".") && number <= Double(Limits.maxCount), "\(context) → \(value)")
                    }
                }
            }
            _ = try? Timestamp.parse(text, timeZone: utc)
            _ = try? CalendarDate(parsing: text)
            _ = try? Email(parsing: text)
        }
    }
}

/// The fuzz cases come from the shared seeded generator, so every run fuzzes the same cases.
typealias FuzzRandom = SplitMix64

/// Mutations and hostile values.
enum FuzzInput {
    /// Whether an error message is one non-empty line.
    static func isOneLine(_ message: String) -> Bool { !message.isEmpty && !message.contains(where: \.isNewline) }

    /// `LEADTRAIL_PROPERTY_CASES`, else `default`.
    static func caseCount(default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["LEADTRAIL_PROPERTY_CASES"].flatMap { Int($0) }.map { max($0, 1) }
            ?? fallback
    }

    /// Values that have broken parsers elsewhere: extremes, non-numbers, odd Unicode, escapes, empties.
    static let specials: [String] = [
        "", " ", "0", "-0", "+0", "-", "1e309", "-1e309", "1e-400", "NaN", "nan", "inf", "-inf", "Infinity",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "999999999999999", "1000000000000000", "5000000000000000000", "0.000000001", "0.0000000001", "1000000000",
        "1000000000.5", String(repeating: "9", count: 400), "0." + String(repeating: "0", count: 400) + "1",
        "1 234,50", "1\u{00A0}234,5", "12,345.67", "−12", "١٢٣", "１２３", "1_000", "0x10", "1e3", ".5", "5.",
        "%", "%%", "%zz", "%D0%B0", "%00", "%F0%9F%98%80", "%ED%A0%80", "+7 (916) 123-45-67",
        "8 (916) 123-45-67", "+" + String(repeating: "1", count: 40), "+1234567890123456",
        "\u{202E}evil\u{202C}", "e\u{0301}", "\u{FEFF}", "\u{FFFF}", "\u{10FFFF}", "😀", "Анна", "₽",
        "\"", "\\", "\\u0000", "\u{0}", "\n", "\r\n", "\t", ",", ";", "{", "}", "[", "]", "null", "true", "[]", "{}",
        "2026-13-45T25:61:61Z", "9999-12-31T23:59:59.999999+14:00", "0000-01-01T00:00:00Z", "2026-02-29",
        "https://", "http://[::1", "https://x.ru/?utm_source=%", "?&&==&", "5%", "150%", "100%", "0.5", "10.5",
    ]

    /// A hostile string: a special, a random mix of specials and random scalars, or random bytes decoded lossily.
    static func hostileText(using random: inout FuzzRandom) -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return specials.randomElement(using: &random)!
        case 1:
            return (0..<Int.random(in: 1...4, using: &random)).map { _ in specials.randomElement(using: &random)! }
                .joined()
        case 2:
            let digits = Int.random(in: 1...40, using: &random)
            var text = Bool.random(using: &random) ? "-" : ""
            for position in 0..<digits {
                if position > 0 && Int.random(in: 0..<12, using: &random) == 0 { text += Bool.random(using: &random) ? "." : "," }
                text += String(Int.random(in: 0...9, using: &random))
            }
            return text
        default:
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// One to four mutations of a file's bytes.
    static func mutate(_ original: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0:  // a bit flip
                bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
            case 1:  // truncation
                bytes.removeSubrange(position...)
            case 2, 3:  // a number replaced by an extreme value
                let numbers = numberRuns(in: bytes)
                guard let run = numbers.randomElement(using: &random) else { continue }
                bytes.replaceSubrange(run, with: Array(specials.randomElement(using: &random)!.utf8))
            case 4:  // a quoted value emptied or replaced by odd text
                let values = quotedRuns(in: bytes)
                guard let run = values.randomElement(using: &random) else { continue }
                let replacement = Bool.random(using: &random) ? "" : hostileText(using: &random)
                bytes.replaceSubrange(run, with: Array(replacement.utf8))
            case 5:  // a special inserted anywhere
                bytes.insert(contentsOf: Array(specials.randomElement(using: &random)!.utf8), at: position)
            default:  // a slice repeated
                let end = min(bytes.count, position + Int.random(in: 1...200, using: &random))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: end)
            }
        }
        return bytes
    }

    /// Ranges of ASCII digits (with a sign, a point or a comma inside).
    static func numberRuns(in bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isInner = start != nil && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","))
            if isDigit || isInner {
                if start == nil { start = index }
            } else if let first = start {
                runs.append(first..<index)
                start = nil
            }
        }
        if let first = start { runs.append(first..<bytes.count) }
        return runs
    }

    /// Ranges of the text between double quotes (JSON string contents).
    static func quotedRuns(in bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if let first = start {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    runs.append(first..<index)
                    start = nil
                }
            } else if byte == UInt8(ascii: "\"") {
                start = index + 1
            }
        }
        return runs
    }
}
