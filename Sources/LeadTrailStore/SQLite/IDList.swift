extension SQLiteStore {
    /// Ids as the JSON array `json_each(?)` lists, in the order given: the outer loop of a `CROSS JOIN` that reads
    /// rows by id in that order. Written digit by digit into one byte buffer: appending `String(id)` to a string
    /// cost a thousand instructions an id, 7% of June's ROAS.
    static func idList(_ ids: some Sequence<Int64>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.underestimatedCount * 8 + 2)
        bytes.append(UInt8(ascii: "["))
        for id in ids {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            if id < 0 { bytes.append(UInt8(ascii: "-")) }
            // The magnitude's digits, last first, then turned around (`Int64.min`'s magnitude fits a UInt64).
            let start = bytes.count
            var rest = id.magnitude
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            // Swapped in place: `bytes[start...].reverse()` copied the slice each time.
            var (low, high) = (start, bytes.count - 1)
            while low < high {
                bytes.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
