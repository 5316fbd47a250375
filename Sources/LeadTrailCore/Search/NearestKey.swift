/// The known key a typed one most likely meant: `vk_zma` for `vk_zima`, so that a typo that would make a new
/// campaign is named before the user finds its spend missing from the campaign they meant.
public enum NearestKey {
    /// The key of `known` within one edit of `typed` (an insertion, deletion, substitution or swap of two
    /// neighbours), two for keys of 8 characters or more, the closest and then the first in code-point order; nil
    /// when `typed` is known, shorter than 5 characters (short keys are all near each other), or nothing is that
    /// close. Keys that differ only in their digits (`vk_1`, `vk_2`; `sale_2025`, `sale_2026`) are different
    /// campaigns on purpose, never a typo.
    public static func suggestion(for typed: String, among known: some Sequence<String>) -> String? {
        let typed = Array(typed)
        guard typed.count >= 5 else { return nil }
        let limit = typed.count >= 8 ? 2 : 1
        let letters = typed.filter { !$0.isNumber }
        var best: (distance: Int, key: String)?
        for key in known {
            let candidate = Array(key)
            if candidate == typed { return nil }
            guard abs(candidate.count - typed.count) <= limit, candidate.filter({ !$0.isNumber }) != letters else {
                continue
            }
            let distance = editDistance(typed, candidate)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance
                || distance == best!.distance && key.unicodeScalars.lexicographicallyPrecedes(best!.key.unicodeScalars)
            {
                best = (distance, key)
            }
        }
        return best?.key
    }

    /// Edits between two texts, a swap of neighbours counting as one (optimal string alignment distance).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(repeating: 0, count: b.count + 1)
        var row = Array(0...b.count)
        for i in 1...a.count {
            var next = Array(repeating: 0, count: b.count + 1)
            next[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    next[j] = min(next[j], previous[j - 2] + 1)
                }
            }
            previous = row
            row = next
        }
        return row[b.count]
    }
}
