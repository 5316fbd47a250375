/// The known key a typed one most likely meant: `vk_zma` for `vk_zima`, so that a typo that would make a new
/// campaign is named before the user finds its spend missing from the campaign they meant.
public enum NearestKey {
    /// The key of `known` within two edits (insertions, deletions, substitutions of one character) of `typed`, the
    /// closest and then the first in code-point order; nil when `typed` is known, shorter than 4 characters (short
    /// keys are all near each other), or nothing is that close.
    public static func suggestion(for typed: String, among known: some Sequence<String>) -> String? {
        let typed = Array(typed)
        guard typed.count >= 4 else { return nil }
        var best: (distance: Int, key: String)?
        for key in known {
            let candidate = Array(key)
            guard candidate != typed, abs(candidate.count - typed.count) <= 2 else {
                if candidate == typed { return nil }
                continue
            }
            let distance = editDistance(typed, candidate)
            guard distance <= 2 else { continue }
            if best == nil || distance < best!.distance
                || distance == best!.distance && key.unicodeScalars.lexicographicallyPrecedes(best!.key.unicodeScalars)
            {
                best = (distance, key)
            }
        }
        return best?.key
    }

    /// Levenshtein distance over characters, in one row of memory.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, right) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (left == right ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}
