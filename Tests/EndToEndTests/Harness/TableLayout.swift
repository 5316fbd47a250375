import Foundation

/// Column positions of a rendered table, measured in Characters (what a terminal shows), not bytes.
enum TableLayout {
    /// The Character offset where `text` starts in `line`, or nil.
    static func offset(of text: String, in line: String) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: range.lowerBound)
    }

    /// The Character offsets where each run of non-space characters starts (a column start, for a rule line made
    /// of `─` runs or a header of one-word column names).
    static func runStarts(_ line: String) -> [Int] {
        var starts: [Int] = []
        var previous: Character = " "
        for (index, character) in line.enumerated() {
            if character != " " && previous == " " { starts.append(index) }
            previous = character
        }
        return starts
    }
}
