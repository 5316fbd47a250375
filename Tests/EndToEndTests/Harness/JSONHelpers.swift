import Foundation
import Testing

/// Parses a command's JSON output with Foundation (not the project's own writer), so the test checks what any
/// JSON consumer would read.
func parseJSON(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
    do {
        return try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
        Issue.record("not valid JSON (\(error)):\n\(text)", sourceLocation: sourceLocation)
        throw error
    }
}

func jsonArray(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    try #require(try parseJSON(text, sourceLocation: sourceLocation) as? [[String: Any]], sourceLocation: sourceLocation)
}

func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try parseJSON(text, sourceLocation: sourceLocation) as? [String: Any], sourceLocation: sourceLocation)
}

/// A JSON number as an exact decimal; nil for anything else.
func jsonDecimal(_ value: Any?) -> Decimal? {
    guard let number = value as? NSNumber else { return nil }
    return Decimal(string: number.stringValue) ?? number.decimalValue
}

/// A JSON integer; nil for anything else.
func jsonInt(_ value: Any?) -> Int? {
    value as? Int
}
