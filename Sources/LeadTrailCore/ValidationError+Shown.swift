extension ValidationError {
    /// How an error quotes text the user gave: on one line, control and direction characters escaped (`\n`,
    /// `\u{202E}`), and long text cut after 60 characters — so that every error stays one honest line whatever the
    /// input held.
    ///
    /// `limit` nil keeps the whole text (a message already made of quoted parts).
    public static func shown(_ text: String, limit: Int? = 60) -> String {
        var result = ""
        var count = 0
        for character in text {
            if count == limit {
                result += "…"
                break
            }
            count += 1
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                default:
                    switch scalar.properties.generalCategory {
                    case .control, .lineSeparator, .paragraphSeparator, .format, .surrogate, .unassigned,
                        .privateUse:
                        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    default: result.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return result
    }
}
