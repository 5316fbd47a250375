#if Server
import Foundation
import Testing

/// A click's cost does not grow with the database: a redirect writes its visitor's rows, not a scan of every touch.
/// Timed against a real server, the clicks on a database of 150,000 touches against the same clicks on an empty one
/// (a whole-index scan per click made the first about ten times the second).
@Suite(.serialized) struct ClickCostTests {
    static let history = 150_000

    /// The median time of `count` counted clicks on one keep-alive connection, in milliseconds.
    static func medianClick(_ server: ServerProcess, count: Int) throws -> Double {
        let client = LoopbackClient(port: server.port)
        var times: [Double] = []
        for number in 0..<count {
            let start = ContinuousClock.now
            let status = try client.send(
                "GET", "/r/spring?yclid=cost\(number)", headers: ["User-Agent": "Mozilla/5.0"])
            let elapsed = ContinuousClock.now - start
            #expect(status == 302)
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return times.sorted()[count / 2]
    }

    static func measure(_ ws: Workspace) throws -> Double {
        let server = try ServerProcess(ws)
        defer { server.stop() }
        _ = try medianClick(server, count: 5)  // the link cached, the connection warm
        return try medianClick(server, count: 31)
    }

    @Test func aClickCostsTheSameOnALargeDatabase() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            try ws.succeed(["link", "add", "spring", "--to", "https://shop.example/", "--campaign", "spring-sale"])
            let empty = try Self.measure(ws)

            var lines = ""
            lines.reserveCapacity(Self.history * 150)
            for number in 0..<Self.history {
                let day = 1 + number % 28
                let at = "2026-10-\(day < 10 ? "0" : "")\(day)T10:00:00+03:00"
                let url = "https://shop.example/?utm_source=vk&utm_campaign=c\(number % 7)&yclid=\(number)"
                lines += #"{"at": "\#(at)", "visitor": "v-\#(number / 3)", "url": "\#(url)", "id": "h-\#(number)"}"#
                lines += "\n"
            }
            try Data(lines.utf8).write(to: ws.path("history.ndjson"))
            try ws.succeed(["import", "clicks", "history.ndjson"])
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM touch") >= Self.history)
            let large = try Self.measure(ws)
            #expect(large < empty * 3 + 3, "a click: \(large) ms on \(Self.history) touches, \(empty) ms on none")
        }
    }
}
#endif
