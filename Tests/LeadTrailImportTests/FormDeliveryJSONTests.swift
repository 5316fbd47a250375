import Foundation
import LeadTrailImport
import Testing

/// A webhook's JSON body is read exactly as `import forms` reads a record: from its first byte, with the same
/// refusals and positions, a byte order mark skipped.
@Suite struct FormDeliveryJSONTests {
    /// What `import forms` says of `line` as the only line of an NDJSON file; nil when the file is refused as a
    /// whole (a table, an array, a document cut short) or the line is an object.
    static func importError(_ line: String) -> String? {
        let folder = TemporaryFolder()
        guard let reader = try? RecordReader(url: folder.file("f.ndjson", line + "\n")), reader.layout == .ndjson,
            let records = try? readAll(reader), case .failure(let error)? = records.first?.object
        else { return nil }
        return error.description
    }

    @Test(arguments: [
        #"X"id":"a1","phone":"+79161112233","submitted_at":"2026-12-07T05:00:00+03:00"}"#,
        #"["id":"a2","phone":"+79161112234"}"#,
        "null",
        #"{"id":"a1" "x":1}"#,
        "[1]",
        #""text""#,
        "{",
        "",
    ])
    func aBodyThatIsNotOneObjectIsRefusedAsImportFormsRefusesTheLine(body: String) throws {
        let error = recordError { try FormDelivery.object(json: Array(body.utf8)) }
        #expect(error != nil, "\(body) was read as an object")
        if !body.isEmpty, let expected = Self.importError(body) {
            #expect(error?.description == expected)
        }
    }

    @Test func positionsCountFromTheFirstByte() throws {
        let error = recordError { try FormDelivery.object(json: Array("nul".utf8)) }
        #expect(error?.description.contains("column 1") == true, "\(String(describing: error))")
        let spread = recordError { try FormDelivery.object(json: Array("{\n \"id\": \"a\",\n \"x\" 1}".utf8)) }
        #expect(spread?.description.contains("(line 3, column 6)") == true, "\(String(describing: spread))")
    }

    @Test func aByteOrderMarkIsSkippedAsInAFile() throws {
        let body: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"id":"a3","phone":"+79161112235"}"#.utf8)
        let object = try FormDelivery.object(json: body)
        #expect(object["id"] == .string("a3"))
        #expect(object.keys.first == "id")
    }
}
