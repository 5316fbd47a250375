#if Server
import Foundation
import Testing

/// A Tilda body in Windows-1251: read as Windows-1251 when its `Content-Type` says `charset=windows-1251`, else
/// refused with 422 naming the field (raw or percent-encoded), never stored as U+FFFD or as its `%` escapes.
@Suite(.serialized) struct WebhookEncodingTests {
    static let name = "Вася"

    /// The name in Windows-1251, as `iconv` writes it.
    static var vasya: [UInt8] {
        get throws {
            let iconv = Process()
            iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
            iconv.arguments = ["-f", "utf-8", "-t", "cp1251"]
            let input = Pipe()
            let output = Pipe()
            iconv.standardInput = input
            iconv.standardOutput = output
            try iconv.run()
            input.fileHandleForWriting.write(Data(name.utf8))
            try input.fileHandleForWriting.close()
            let bytes = output.fileHandleForReading.readDataToEndOfFile()
            iconv.waitUntilExit()
            return Array(bytes)
        }
    }

    static func body(name: [UInt8], tranid: String) -> [UInt8] {
        Array("Name=".utf8) + name + Array("&Phone=%2B79165550003&tranid=6731045:\(tranid)".utf8)
    }

    static func percentEncoded(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.map { "%" + String($0, radix: 16) }.joined().utf8)
    }

    @Test func windows1251IsReadWhenDeclaredAndRefusedOtherwise() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try WebhookTests.secretPath(ws, ["tilda", "--format", "tilda"])
            let server = try ServerProcess(ws)
            defer { server.stop() }
            let plain = ["Content-Type": "application/x-www-form-urlencoded"]
            let declared = ["Content-Type": "application/x-www-form-urlencoded; charset=windows-1251"]

            let vasya = try Self.vasya
            #expect(vasya.count == Self.name.count)
            let bodies = [
                Self.body(name: vasya, tranid: "1"), Self.body(name: Self.percentEncoded(vasya), tranid: "2"),
            ]
            for body in bodies {
                let refused = try server.request("POST", path, headers: plain, body: body)
                #expect(refused.status == 422, "\(refused)")
                #expect(refused.body.contains("'Name'") && refused.body.contains("windows-1251"), "\(refused)")
                #expect(refused.body.split(separator: "\n").count == 1)
            }
            #expect(try WebhookTests.leads(ws) == 0)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM import_batch") == 0)

            let unknown = try server.request(
                "POST", path, headers: ["Content-Type": "application/x-www-form-urlencoded; charset=koi8-r"],
                body: Self.body(name: vasya, tranid: "3"))
            #expect(unknown.status == 415, "\(unknown)")

            let raw = try server.request("POST", path, headers: declared, body: Self.body(name: vasya, tranid: "4"))
            #expect(raw.status == 200, "\(raw)")
            let escaped = try server.request(
                "POST", path, headers: declared, body: Self.body(name: Self.percentEncoded(vasya), tranid: "5"))
            #expect(escaped.status == 200, "\(escaped)")
            #expect(try ServerDatabase.strings(ws, "SELECT DISTINCT name FROM lead") == [Self.name])
        }
    }
}
#endif
