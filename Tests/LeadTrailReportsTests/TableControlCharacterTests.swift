import Foundation
import Testing

@testable import LeadTrailReports

/// A name typed over two lines, a tab from a copied cell, an escape sequence from a web form: a table shows each on
/// one line, visibly, in one column each, so rows and columns hold; JSON and CSV keep the exact text.
struct TableControlCharacterTests {
    @Test(arguments: [
        ("Line1\nLine2", "Line1↵Line2"), ("a\r\nb", "a↵b"), ("a\rb", "a↵b"), ("a\n\nb", "a↵↵b"), ("a\tb", "a b"),
        ("\u{1B}[2Jx", "␛[2Jx"), ("a\u{7F}", "a␡"), ("a\u{0}", "a␀"), ("a\u{85}b\u{2028}c", "a↵b↵c"),
        ("a\u{9B}b", "a\u{FFFD}b"), ("Анна Петрова", "Анна Петрова"), ("🚀 中", "🚀 中"), ("", ""),
        // A right-to-left override would turn the rest of the row around: `‮00.005` would read as 500.00.
        ("Иван\u{202E}00.005", "Иван\u{FFFD}00.005"), ("a\u{2066}b\u{2069}", "a\u{FFFD}b\u{FFFD}"),
        ("a\u{202A}b\u{202C}", "a\u{FFFD}b\u{FFFD}"), ("שלום", "שלום"),
    ])
    func controlCharactersShowOnOneLine(text: String, shown: String) {
        #expect(Listing.visible(text) == shown)
    }

    @Test func rowsStayOneLineAndAligned() {
        let listing = Listing(
            columns: ["id", "name", "owner"],
            rows: [
                [.integer(1), .string("Line1\nLine2"), .string("Иван")],
                [.integer(2), .string("Анна\tПетрова"), .string("Пётр")],
                [.integer(3), .string("Ёлка"), .string("a\u{1B}[31m")],
            ])
        let lines = listing.table.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5, "\(listing.table)")
        // Every owner starts in the same column: the name cells are as wide as they are shown.
        let owners = lines.dropFirst(2).map { line in
            line.distance(from: line.startIndex, to: line.range(of: line.split(separator: " ").last!)!.lowerBound)
        }
        #expect(Set(owners).count == 1, "\(listing.table)")
        #expect(listing.table.contains("Line1↵Line2") && listing.table.contains("Анна Петрова"))
        #expect(!listing.table.contains("\u{1B}") && !listing.table.contains("\t"))
        // JSON and CSV keep the text as it was.
        #expect(listing.rendered(as: .json).contains(#""Line1\nLine2""#))
        #expect(listing.csv.contains("1,\"Line1\nLine2\",Иван"))
        #expect(listing.csv.contains("2,Анна\tПетрова,Пётр"))
    }
}
