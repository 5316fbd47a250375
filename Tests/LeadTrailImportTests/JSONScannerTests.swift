import LeadTrailImport
import Testing

@Suite struct JSONScannerTests {
    @Test func parsesAllKindsAndKeepsNumberText() throws {
        let value = try JSONValue(parsing: #"{"a": -12.50, "b": [true, false, null], "c": {"d": "x"}, "e": 1e3}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object["a"] == .number("-12.50"))
        #expect(object["b"] == .array([.bool(true), .bool(false), .null]))
        #expect(object["c"] == .object(JSONObject([("d", .string("x"))])))
        #expect(object["e"] == .number("1e3"))
        #expect(object.keys == ["a", "b", "c", "e"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let object = try JSONObject(parsing: #"{"s": "q\"b\\s\/n\n t\t u\u0416 \ud83d\ude00 end"}"#)
        #expect(object["s"] == .string("q\"b\\s/n\n t\t uЖ 😀 end"))
    }

    @Test(arguments: [
        #"{"s": "\ud83d"}"#, #"{"s": "\ude00"}"#, #"{"s": "\x"}"#, #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": tru}"#,
        #"{"a" 1}"#, #"{"a": 1,}"#, "{\"a\": \"line\nbreak\"}", #"{"a": -}"#,
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: RecordError.self) { try JSONObject(parsing: text) }
    }

    @Test func firstDuplicateKeyWins() throws {
        let object = try JSONObject(parsing: #"{"k": 1, "k": 2}"#)
        #expect(object.count == 1)
        #expect(object["k"] == .number("1"))
    }

    @Test func serializesCompactly() throws {
        let text = #"{ "b" : "кот \"x\"\n", "a" : [1, 2.50, null, true], "c": {} }"#
        let object = try JSONObject(parsing: text)
        #expect(object.jsonText == #"{"b":"кот \"x\"\n","a":[1,2.50,null,true],"c":{}}"#)
        #expect(try JSONObject(parsing: object.jsonText) == object)
    }
}
