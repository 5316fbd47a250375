extension Listing {
    /// A cell as a table shows it: on one line, every control character visible.
    ///
    /// Names and form fields come from the public web and from people typing: a line break inside a name would
    /// split a row in two, a tab would push the columns after it, and an escape sequence would talk to the terminal.
    /// A line break (LF, CR, CRLF, NEL, U+2028, U+2029) shows as `↵`, a tab as one space, any other control
    /// character as its Unicode control picture (`␛` for ESC, `␡` for DEL) or `�` (C1 controls). A bidirectional
    /// embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) shows as `�` too: the terminal would otherwise
    /// reverse the rest of the row, so that `‮1 000 RUB` reads as another amount. Each takes one column, so
    /// alignment holds. JSON and CSV keep the exact text.
    ///
    /// ```swift
    /// Listing.visible("Line1\nLine2")  // "Line1↵Line2"
    /// ```
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsShowing) else { return text }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A where afterCR: continue
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: out.append("↵")
            case 0x09: out.append(" ")
            case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsShowing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
