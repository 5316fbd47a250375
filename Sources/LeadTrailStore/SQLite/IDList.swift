extension SQLiteStore {
    /// Ids as the JSON array `json_each(?)` lists, in the order given: the outer loop of a `CROSS JOIN` that reads
    /// rows by id in that order. Written digit by digit into one string, without an array of strings between.
    static func idList(_ ids: some Sequence<Int64>) -> String {
        var text = "["
        text.reserveCapacity(ids.underestimatedCount * 8 + 2)
        var first = true
        for id in ids {
            if !first { text += "," }
            first = false
            text += String(id)
        }
        return text + "]"
    }
}
