/// The marketing context read from a landing URL: its UTM values and click id.
///
/// Percent-decoding is UTF-8 (Cyrillic safe); `+` is a space inside the query; with a repeated parameter the first
/// wins; an empty value counts as absent; a malformed `%` escape is kept literally; the fragment is ignored.
public struct TrackedURL: Hashable, Sendable {
    public var utm: UTM
    public var clickID: ClickID?

    /// Reads the query of any URL text, with or without a scheme.
    ///
    /// A small byte parser rather than `URLComponents`, which rejects many URLs found in real exports (spaces,
    /// Cyrillic hosts, stray `%`). Parameter names match case-insensitively (`UTM_Source`); an empty value does not
    /// hide a later non-empty one of the same name. A `%` sequence that decodes to invalid UTF-8 is kept as written.
    public init(parsing url: String) {
        utm = UTM()
        clickID = nil
        var clickValues: [String: String] = [:]
        var text = url
        text.withUTF8 { bytes in
            guard let question = bytes.firstIndex(of: UInt8(ascii: "?")) else { return }
            if let hash = bytes.firstIndex(of: UInt8(ascii: "#")), hash < question { return }
            var start = question + 1
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&"), bytes[end] != UInt8(ascii: "#") { end += 1 }
                record(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &clickValues)
                if end < bytes.count, bytes[end] == UInt8(ascii: "#") { break }
                start = end + 1
            }
        }
        for parameter in ClickID.parameters {
            if let value = clickValues[parameter] {
                clickID = ClickID(parameter: parameter, value: value)
                break
            }
        }
    }

    private mutating func record(_ pair: UnsafeBufferPointer<UInt8>, into clickValues: inout [String: String]) {
        guard !pair.isEmpty else { return }
        let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.count
        let name = TrackedURL.decode(UnsafeBufferPointer(rebasing: pair[0..<equals]), lowercased: true)
        guard TrackedURL.isInteresting(name), equals < pair.count else { return }
        let value = TrackedURL.decode(UnsafeBufferPointer(rebasing: pair[(equals + 1)...]), lowercased: false)
        guard !value.trimmingWhitespace().isEmpty else { return }
        switch name {
        case "utm_source": if utm.source == nil { utm.source = value }
        case "utm_medium": if utm.medium == nil { utm.medium = value }
        case "utm_campaign": if utm.campaign == nil { utm.campaign = value }
        case "utm_content": if utm.content == nil { utm.content = value }
        case "utm_term": if utm.term == nil { utm.term = value }
        default: if clickValues[name] == nil { clickValues[name] = value }
        }
    }

    private static func isInteresting(_ name: String) -> Bool {
        name.hasPrefix("utm_") || ClickID.parameters.contains(name)
    }

    /// Percent-decodes a query component as UTF-8, with `+` as a space; a malformed escape stays as written.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, lowercased: Bool) -> String {
        var decoded: [UInt8] = []
        var literal: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        literal.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            var byte = bytes[index]
            if byte == UInt8(ascii: "+") { byte = UInt8(ascii: " ") }
            if lowercased && byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            literal.append(byte)
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = PercentDecoding.hexValue(bytes[index + 1]),
                let low = PercentDecoding.hexValue(bytes[index + 2])
            {
                var escaped = high << 4 | low
                if lowercased && escaped >= 0x41 && escaped <= 0x5A { escaped += 0x20 }
                decoded.append(escaped)
                literal.append(bytes[index + 1])
                literal.append(bytes[index + 2])
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        if let text = String(validating: decoded, as: UTF8.self) { return text }
        return String(decoding: literal, as: UTF8.self)
    }
}
