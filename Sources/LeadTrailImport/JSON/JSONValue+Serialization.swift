extension JSONValue {
    /// Parses one JSON value from UTF-8 text.
    ///
    /// Numbers keep their text; invalid UTF-8 or anything after the value is an error. For files, use
    /// ``RecordReader``, which streams.
    public init(parsing text: String) throws(RecordError) {
        var text = text
        let result: Result<JSONValue, RecordError> = text.withUTF8 { bytes in
            var scanner = JSONScanner(bytes: bytes, isFinal: true)
            do throws(JSONSyntaxError) {
                let value = try scanner.parseValue()
                scanner.skipWhitespace()
                if scanner.current != nil {
                    return .failure(RecordError(message: "invalid JSON: unexpected text after the value"))
                }
                return .success(value)
            } catch {
                return .failure(RecordError(message: "invalid JSON: \(error.message) at byte \(error.offset + 1)"))
            }
        }
        self = try result.get()
    }

    /// Compact JSON text: no spaces, members in order, non-ASCII characters kept as they are.
    ///
    /// Used to store free-form `fields`; numbers are written back exactly as they were read.
    public var jsonText: String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    func write(to output: inout [UInt8]) {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object): object.write(to: &output)
        }
    }

    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONObject {
    /// Compact JSON text of the object: `{"a":1,"b":"x"}`.
    public var jsonText: String { JSONValue.object(self).jsonText }

    /// Parses a JSON object from text; any other kind of value is an error.
    public init(parsing text: String) throws(RecordError) {
        guard case .object(let object) = try JSONValue(parsing: text) else {
            throw RecordError(message: "expected a JSON object")
        }
        self = object
    }

    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for index in keys.indices {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(keys[index], to: &output)
            output.append(UInt8(ascii: ":"))
            values[index].write(to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }
}
