/// A hand-written JSON scanner over UTF-8 bytes.
///
/// Foundation's JSONDecoder and JSONSerialization read 27–35 MB/s here (STYLE.md); this scanner works on raw bytes,
/// builds each string once from a byte slice, and keeps numbers as their text. Invalid UTF-8 inside a string does
/// not stop the scan (the record's boundaries are still known): it is noted in `invalidUTF8Field` so the caller can
/// reject that one record, naming the field.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether `bytes` ends the input: when false, running out of bytes is reported as truncation, not an error.
    private let isFinal: Bool
    private(set) var position: Int
    private var scratch: [UInt8] = []
    private var depth = 0
    /// The top-level key being read, to name the field of an encoding error.
    private var topLevelKey: String?
    /// Set at the first string with invalid UTF-8: the top-level key it was under (nil when in a key or at top level).
    private(set) var invalidUTF8Field: String??

    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, isFinal: Bool) {
        self.bytes = bytes
        self.position = position
        self.isFinal = isFinal
    }

    // MARK: Whitespace

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The byte at the current position, or nil at the end.
    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    // MARK: Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        default:
            throw error("unexpected \(describe(bytes[position])); expected a value")
        }
    }

    /// Parses an object starting at `{`.
    mutating func parseObject() throws(JSONSyntaxError) -> JSONObject {
        position += 1
        depth += 1
        defer { depth -= 1 }
        if depth > JSONScanner.maximumDepth { throw error("nesting deeper than \(JSONScanner.maximumDepth) levels") }
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(at: position) }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            return JSONObject()
        }
        return try parseMembers()
    }

    /// Parses the members after `,` in an object whose earlier members were read elsewhere (position at the `,`),
    /// through the closing `}`. Used to read past `"paging"` after a Graph API page's `data` array.
    mutating func parseObjectRemainder() throws(JSONSyntaxError) -> JSONObject {
        position += 1
        depth += 1
        defer { depth -= 1 }
        return try parseMembers()
    }

    /// Members `"key": value` separated by commas, through the closing `}`.
    private mutating func parseMembers() throws(JSONSyntaxError) -> JSONObject {
        var object = JSONObject()
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw .truncated(at: position) }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describe(bytes[position])); expected a key in quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count else { throw .truncated(at: position) }
            guard bytes[position] == UInt8(ascii: ":") else {
                throw error("unexpected \(describe(bytes[position])) after key '\(key)'; expected ':'")
            }
            position += 1
            if depth == 1 { topLevelKey = key }
            let value = try parseValue()
            if depth == 1 { topLevelKey = nil }
            if !object.keys.contains(key) { object.appendUnchecked(key, value) }
            skipWhitespace()
            guard position < bytes.count else { throw .truncated(at: position) }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return object
            default:
                throw error("unexpected \(describe(bytes[position])) after the value of '\(key)'; expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        position += 1
        depth += 1
        defer { depth -= 1 }
        if depth > JSONScanner.maximumDepth { throw error("nesting deeper than \(JSONScanner.maximumDepth) levels") }
        var elements: [JSONValue] = []
        skipWhitespace()
        guard position < bytes.count else { throw .truncated(at: position) }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw .truncated(at: position) }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            default: throw error("unexpected \(describe(bytes[position])) in an array; expected ',' or ']'")
            }
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for index in 0..<count {
            guard position + index < bytes.count else {
                if isFinal { throw error("unexpected end of input in '\(literal)'") }
                throw .truncated(at: position)
            }
            guard bytes[position + index] == start[index] else {
                throw JSONSyntaxError(
                    message: "invalid literal; expected '\(literal)'", offset: position, isTruncated: false)
            }
        }
        position += count
        try requireDelimiter()
    }

    /// After a number or literal, the next byte must end the token (`tru` + `ex` is not `true`).
    private mutating func requireDelimiter() throws(JSONSyntaxError) {
        guard position < bytes.count else {
            if isFinal { return }
            throw .truncated(at: position)
        }
        switch bytes[position] {
        case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return
        default: throw error("unexpected \(describe(bytes[position])) after a value")
        }
    }

    /// Parses a number, validating the JSON grammar, and returns its exact text.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func digits(_ scanner: inout JSONScanner) -> Int {
            let from = scanner.position
            while scanner.position < scanner.bytes.count,
                scanner.bytes[scanner.position] &- UInt8(ascii: "0") < 10
            {
                scanner.position += 1
            }
            return scanner.position - from
        }
        guard position < bytes.count else { throw truncatedOrError("a number ends early", at: start) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if digits(&self) == 0 {
            throw error("invalid number: expected a digit")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            if digits(&self) == 0 {
                if position >= bytes.count { throw truncatedOrError("a number ends early", at: start) }
                throw error("invalid number: expected a digit after '.'")
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if digits(&self) == 0 {
                if position >= bytes.count { throw truncatedOrError("a number ends early", at: start) }
                throw error("invalid number: expected a digit in the exponent")
            }
        }
        if position >= bytes.count, !isFinal { throw .truncated(at: start) }
        try requireDelimiter()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote and returns it with escapes decoded.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        var high: UInt8 = 0
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if high & 0x80 != 0, !UTF8Validation.isValid(slice) { noteInvalidUTF8() }
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \(describe(byte)) in a string; it must be escaped") }
            high |= byte
            position += 1
        }
        guard position < bytes.count else { throw truncatedOrError("a string is not closed", at: start - 1) }
        // Slow path: copy what was scanned, then decode escapes.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                let valid = scratch.withUnsafeBufferPointer { high & 0x80 == 0 || UTF8Validation.isValid($0) }
                if !valid { noteInvalidUTF8() }
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character \(describe(byte)) in a string; it must be escaped") }
            if byte != UInt8(ascii: "\\") {
                high |= byte
                scratch.append(byte)
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { break }
            switch bytes[position] {
            case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                high |= 0x80
                appendUTF8(scalar)
                continue
            default: throw error("invalid escape '\\\(describe(bytes[position]))' in a string")
            }
            position += 1
        }
        throw truncatedOrError("a string is not closed", at: start - 1)
    }

    /// Reads `XXXX` after `\u` (position at the `u`), joining a surrogate pair; leaves position after the escape.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try readHex4()
        if (0xD800...0xDBFF).contains(first) {
            guard position + 1 < bytes.count || isFinal else { throw .truncated(at: position) }
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate \\u\(hex(first)) in a string") }
            position += 1
            let second = try readHex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("unpaired surrogate \\u\(hex(first)) in a string")
            }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            return Unicode.Scalar(value)!
        }
        if (0xDC00...0xDFFF).contains(first) { throw error("unpaired surrogate \\u\(hex(first)) in a string") }
        return Unicode.Scalar(first)!
    }

    /// Reads four hex digits after the `u` at `position`; leaves position after them.
    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 < bytes.count else {
            if isFinal { throw error("a \\u escape ends early") }
            throw .truncated(at: position)
        }
        var value: UInt32 = 0
        for index in 1...4 {
            let byte = bytes[position + index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape: \(describe(byte)) is not a hex digit")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 5
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        for unit in UTF8.encode(scalar)! { scratch.append(unit) }
    }

    private mutating func noteInvalidUTF8() {
        if invalidUTF8Field == nil { invalidUTF8Field = .some(depth == 1 ? topLevelKey : nil) }
    }

    // MARK: Errors

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: position, isTruncated: false)
    }

    private func truncatedOrError(_ message: String, at offset: Int) -> JSONSyntaxError {
        isFinal ? JSONSyntaxError(message: message, offset: offset, isTruncated: false) : .truncated(at: offset)
    }

    private func hex(_ value: UInt32) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
