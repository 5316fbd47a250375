#if Postgres
import LeadTrailStore
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`, built in one buffer: fields separated by a tab, rows
/// ended by a newline, NULL written `\N`.
///
/// Every value a URL or a UTM can hold goes through unchanged: a backslash, a tab, a newline and a carriage return
/// inside a value are escaped (`\\`, `\t`, `\n`, `\r`), every other byte (Cyrillic, emoji, other control characters)
/// is sent as it is; so a backslash never starts an escape the server would read, and `\.` inside a value is no end
/// of data. A NUL character cannot be stored in PostgreSQL's text: the import refuses it before it gets here
/// (``ClickRecord``), and the row writer throws rather than send it.
struct CopyTextRows {
    private(set) var buffer: ByteBuffer
    private(set) var rowCount = 0
    private var fieldsInRow = 0

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// A text field (NULL when nil).
    mutating func append(_ value: String?) throws(CopyTextRows.NulCharacter) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        var text = value
        let clean = text.withUTF8 { bytes -> Bool in
            var plainFrom = 0
            for index in 0..<bytes.count {
                let escaped: UInt8
                switch bytes[index] {
                case UInt8(ascii: "\\"): escaped = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escaped = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escaped = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escaped = UInt8(ascii: "r")
                case 0: return false
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[plainFrom..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escaped)
                plainFrom = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[plainFrom...]))
            return true
        }
        guard clean else { throw NulCharacter() }
    }

    /// A field whose text is known to need no escaping (a fixed word of the schema, such as a touch's origin).
    mutating func append(origin word: StaticString) {
        separate()
        buffer.writeStaticString(word)
    }

    /// An integer field (NULL when nil).
    mutating func append(_ value: Int64?) {
        separate()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        buffer.writeString(String(value))
    }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
        rowCount += 1
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    /// A value held a NUL character, which PostgreSQL's text cannot store.
    struct NulCharacter: Error {}
}
#endif
