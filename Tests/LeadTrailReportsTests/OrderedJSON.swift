import Foundation

/// JSON read with its keys in the order they were written, and numbers kept as their text, so tests can check the
/// SPEC's field order and the exact digits. Foundation's `JSONSerialization` checks the same text is valid JSON.
indirect enum OrderedJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool { lhs.description == rhs.description }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let text): text
        case .string(let text): "\"\(text)\""
        case .array(let values): "[" + values.map(\.description).joined(separator: ",") + "]"
        case .object(let pairs): "{" + pairs.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "invalid JSON at byte \(offset)" }
    }

    /// Parses one JSON text; trailing whitespace only.
    static func parse(_ text: String) throws -> OrderedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw ParseError(offset: parser.position) }
        return value
    }

    // MARK: Access

    /// The keys of an object, in order.
    var keys: [String] {
        guard case .object(let pairs) = self else { return [] }
        return pairs.map(\.0)
    }

    subscript(key: String) -> OrderedJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var array: [OrderedJSON]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The number's text, as printed.
    var numberText: String? {
        guard case .number(let text) = self else { return nil }
        return text
    }

    var isNull: Bool { self == .null }

    /// A number in scaled integer units (`12.5` at 6 digits → 12_500_000), read exactly from the text.
    func scaled(digits: Int) -> Int64? {
        guard let text = numberText else { return nil }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= digits, fraction.allSatisfy(\.isNumber) else { return nil }
        fraction += String(repeating: "0", count: digits - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = whole * scale + (Int64(fraction) ?? 0)
        return negative ? -magnitude : magnitude
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func value() throws -> OrderedJSON {
            skipSpace()
            guard position < bytes.count else { throw ParseError(offset: position) }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var pairs: [(String, OrderedJSON)] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(pairs)
                }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw ParseError(offset: position) }
                    skipSpace()
                    try expect(":")
                    pairs.append((key, try value()))
                    skipSpace()
                    if try endOrComma("}") { return .object(pairs) }
                }
            case UInt8(ascii: "["):
                position += 1
                var values: [OrderedJSON] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(values)
                }
                while true {
                    values.append(try value())
                    skipSpace()
                    if try endOrComma("]") { return .array(values) }
                }
            case UInt8(ascii: "\""):
                position += 1
                var scalars: [UInt8] = []
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == UInt8(ascii: "\\") {
                        position += 1
                        guard position < bytes.count else { throw ParseError(offset: position) }
                        switch bytes[position] {
                        case UInt8(ascii: "n"): scalars.append(0x0A)
                        case UInt8(ascii: "t"): scalars.append(0x09)
                        case UInt8(ascii: "r"): scalars.append(0x0D)
                        case UInt8(ascii: "u"):
                            guard position + 4 < bytes.count,
                                let code = UInt32(
                                    String(decoding: bytes[(position + 1)...(position + 4)], as: UTF8.self), radix: 16),
                                let scalar = Unicode.Scalar(code)
                            else { throw ParseError(offset: position) }
                            scalars += Array(String(Character(scalar)).utf8)
                            position += 4
                        default: scalars.append(bytes[position])
                        }
                    } else {
                        scalars.append(bytes[position])
                    }
                    position += 1
                }
                try expect("\"")
                return .string(String(decoding: scalars, as: UTF8.self))
            case UInt8(ascii: "t"):
                try word("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try word("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try word("null")
                return .null
            default:
                let start = position
                while position < bytes.count, "-+.eE0123456789".utf8.contains(bytes[position]) { position += 1 }
                guard position > start else { throw ParseError(offset: position) }
                return .number(String(decoding: bytes[start..<position], as: UTF8.self))
            }
        }

        mutating func expect(_ character: Character) throws {
            guard position < bytes.count, bytes[position] == character.asciiValue else {
                throw ParseError(offset: position)
            }
            position += 1
        }

        mutating func word(_ text: String) throws {
            for byte in text.utf8 {
                guard position < bytes.count, bytes[position] == byte else { throw ParseError(offset: position) }
                position += 1
            }
        }

        mutating func endOrComma(_ end: Character) throws -> Bool {
            guard position < bytes.count else { throw ParseError(offset: position) }
            if bytes[position] == end.asciiValue {
                position += 1
                return true
            }
            try expect(",")
            return false
        }
    }
}

/// Whether Foundation reads the text as one JSON object.
func isValidJSONObject(_ text: String) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
}
