/// Why a run of bytes is not valid JSON, and where (a byte offset from the start of the scanned bytes).
struct JSONSyntaxError: Error, Sendable {
    var message: String
    var offset: Int
    /// The bytes ended in the middle of a value: with more input the value might still be valid.
    var isTruncated: Bool

    static func truncated(at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: "unexpected end of input", offset: offset, isTruncated: true)
    }
}
