import Foundation

/// Column positions of a rendered table, measured in Characters (what a terminal shows), not bytes.
enum TableLayout {
    /// The Character offset where `text` starts in `line`, or nil.
    static func offset(of text: String, in line: String) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: range.lowerBound)
    }

    /// The Character offsets where each column starts: a run of non-space characters at the line's start or after
    /// the two spaces that separate columns (a rule line of `─` runs, or a header whose names may hold one space,
    /// as `created_at (UTC)` does).
    static func runStarts(_ line: String) -> [Int] {
        var starts: [Int] = []
        var spaces = 2
        for (index, character) in line.enumerated() {
            if character == " " {
                spaces += 1
            } else {
                if spaces >= 2 { starts.append(index) }
                spaces = 0
            }
        }
        return starts
    }
}
