#if Postgres
/// A JSON text built by hand: ``PostgresStore/clickGroupJSON(_:)``'s flat objects of strings and integers.
struct JSONText {
    private(set) var text = ""

    mutating func reserve(_ capacity: Int) { text.reserveCapacity(capacity) }

    mutating func append(_ raw: String) { text.append(raw) }

    /// `"name":value`, after a comma unless `first`.
    mutating func field(_ name: String, _ value: Int64, first: Bool = false) {
        if !first { text.append(",") }
        text.append("\"\(name)\":\(value)")
    }

    /// `"name":"value"` (escaped), or `"name":null`; after a comma unless `first`.
    mutating func field(_ name: String, _ value: String?, first: Bool = false) {
        if !first { text.append(",") }
        text.append("\"\(name)\":")
        guard let value else {
            text.append("null")
            return
        }
        string(value)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, everything else as it is (UTF-8).
    private mutating func string(_ value: String) {
        text.append("\"")
        var start = value.utf8.startIndex
        var index = start
        let utf8 = value.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                text.append(contentsOf: value[start..<index])
                switch byte {
                case UInt8(ascii: "\""): text.append("\\\"")
                case UInt8(ascii: "\\"): text.append("\\\\")
                case UInt8(ascii: "\n"): text.append("\\n")
                case UInt8(ascii: "\r"): text.append("\\r")
                case UInt8(ascii: "\t"): text.append("\\t")
                default:
                    let hex = Array("0123456789abcdef")
                    text.append("\\u00")
                    text.append(hex[Int(byte >> 4)])
                    text.append(hex[Int(byte & 0x0F)])
                }
                index = utf8.index(after: index)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        text.append(contentsOf: value[start..<index])
        text.append("\"")
    }
}
#endif
