#if Server
import Crypto
import Foundation
import GRDB
import Testing

/// `leadtrail hook fetch-meta` against a stand-in Graph API on 127.0.0.1 (a small Python HTTP server this test
/// starts): the ids a Meta webhook kept are fetched with the token from the environment, written as the webhooks
/// write leads, marked fetched; a failure stays pending with its reason; a repeated fetch makes no second lead.
@Suite(.serialized) struct MetaFetchTests {
    static let token = "EAAB-page-token-4711"

    /// The stand-in: `GET /v19.0/{id}` answers the lead file `lead-{id}.json` of its folder, or the Graph API's error
    /// while `fail-{id}` exists there; a wrong bearer token is Graph's 190. Every request line is appended to
    /// `requests.log`.
    static let standIn = #"""
        import http.server, json, os, sys
        folder = sys.argv[1]
        token = sys.argv[2]
        class Graph(http.server.BaseHTTPRequestHandler):
            def answer(self, status, body):
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def do_GET(self):
                with open(os.path.join(folder, "requests.log"), "a") as log:
                    log.write(self.path + " " + self.headers.get("Authorization", "-") + "\n")
                if self.headers.get("Authorization") != "Bearer " + token:
                    return self.answer(401, {"error": {"message": "Invalid OAuth access token - Cannot parse access token", "type": "OAuthException", "code": 190}})
                path, _, query = self.path.partition("?")
                lead = path.rsplit("/", 1)[-1]
                if "access_token" in query:
                    return self.answer(400, {"error": {"message": "token in the URL", "code": 1}})
                if os.path.exists(os.path.join(folder, "fail-" + lead)):
                    return self.answer(400, {"error": {"message": "(#100) Tried accessing nonexisting field (field_data)\non node type (Lead)", "type": "GraphMethodException", "code": 100}})
                name = os.path.join(folder, "lead-" + lead + ".json")
                if not os.path.exists(name):
                    return self.answer(404, {"error": {"message": "Unsupported get request. Object with ID '" + lead + "' does not exist", "code": 100}})
                with open(name, "rb") as f:
                    data = f.read()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Graph)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// Starts the stand-in in `folder`; returns the process and its Graph URL.
    static func startStandIn(_ ws: Workspace, folder: URL) throws -> (Process, String) {
        try standIn.write(to: folder.appendingPathComponent("graph.py"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("graph.py").path, folder.path, token]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        return (process, "http://127.0.0.1:\(port)/v19.0")
    }

    static func lead(id: String, name: String, email: String, phone: String) -> String {
        #"""
        {"id": "\#(id)", "created_time": "2026-11-20T09:15:02+0000", "ad_id": "23851234567890123", "ad_name": "carousel-1",
         "adset_id": "23851234567890001", "adset_name": "moscow 25-45", "campaign_id": "23851234567890000",
         "campaign_name": "fb_leadform_autumn", "form_id": "1203456789", "is_organic": false, "platform": "fb",
         "field_data": [{"name": "full_name", "values": ["\#(name)"]}, {"name": "email", "values": ["\#(email)"]},
                        {"name": "phone_number", "values": ["\#(phone)"]},
                        {"name": "what_course?", "values": ["Маникюр"]}]}
        """#
    }

    /// A `leadgen` notification for `ids`, signed as Meta signs it.
    static func deliver(_ ids: [String], to path: String, on server: ServerProcess) throws {
        let changes = ids.map {
            #"{"field":"leadgen","value":{"leadgen_id":"\#($0)","page_id":"153125381133","form_id":"1203456789","ad_id":"23851234567890123","created_time":1763630102}}"#
        }.joined(separator: ",")
        let body = #"{"object":"page","entry":[{"id":"153125381133","time":1763630102,"changes":[\#(changes)]}]}"#
        let mac = HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array("app-secret".utf8)))
        let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        let answer = try server.request("POST", path, headers: ["X-Hub-Signature-256": signature], text: body)
        #expect(answer.status == 200, "\(answer)")
    }

    @Test func pendingLeadsAreFetchedOnceAndFailuresStayPendingWithTheirReason() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try ws.succeed(
                ["hook", "add", "meta", "--format", "meta", "--meta-verify-token", "v", "--meta-app-secret", "app-secret"]
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try ServerProcess(ws)
            try Self.deliver(["1001", "1002"], to: path, on: server)
            try Self.deliver(["1001"], to: path, on: server)  // Meta retries: still kept once
            server.stop()
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM meta_leadgen WHERE fetched_at IS NULL") == 2)

            let graphFolder = ws.path("graph")
            try FileManager.default.createDirectory(at: graphFolder, withIntermediateDirectories: true)
            try Self.lead(id: "1001", name: "Анна Смирнова", email: "anna@example.ru", phone: "+79161234567")
                .write(to: graphFolder.appendingPathComponent("lead-1001.json"), atomically: true, encoding: .utf8)
            try Self.lead(id: "1002", name: "Ivan Petrov", email: "ivan@example.com", phone: "+79035550102")
                .write(to: graphFolder.appendingPathComponent("lead-1002.json"), atomically: true, encoding: .utf8)
            try Data().write(to: graphFolder.appendingPathComponent("fail-1002"))
            let (graph, graphURL) = try Self.startStandIn(ws, folder: graphFolder)
            defer { Self.stop(graph) }
            let environment = ["LEADTRAIL_META_TOKEN": Self.token]
            let fetch = ["hook", "fetch-meta", "--source", "meta", "--graph-url", graphURL]

            // 1001 arrives; the stand-in refuses 1002: it stays pending with Graph's reason, and the run exits 1.
            let first = try ws.run(fetch, environment: environment)
            #expect(first.status == 1, "\(first)")
            #expect(first.stdout.contains("1001: a new lead\n"), "\(first)")
            #expect(
                first.stdout.contains(
                    "1002: left pending: the Graph API answered 400: (#100) Tried accessing nonexisting field (field_data) on node type (Lead) (code 100)\n"),
                "\(first)")
            #expect(first.stdout.hasSuffix("1 fetched, 1 left pending\n"))
            #expect(first.stderr == "Error: 1 lead id(s) left pending (reasons above): run it again later\n", "\(first.stderr)")
            #expect(!first.stdout.contains(Self.token) && !first.stderr.contains(Self.token))
            #expect(
                try ServerDatabase.strings(ws, "SELECT leadgen_id FROM meta_leadgen WHERE fetched_at IS NULL") == ["1002"])
            let leads = try jsonArray(try ws.succeed(["lead", "list", "--format", "json"]).stdout)
            #expect(leads.count == 1)
            #expect(leads.first?["name"] as? String == "Анна Смирнова", "\(leads)")
            let shown = try ws.succeed(["lead", "show", "1", "--format", "json"]).stdout
            #expect(shown.contains("fb_leadform_autumn") && shown.contains("paid_social"), "\(shown)")
            // The same path as the webhooks: one batch per lead, named after the source.
            #expect(try ServerDatabase.strings(ws, "SELECT DISTINCT file_name FROM import_batch") == ["webhook meta"])

            // The stand-in recovers: 1002 is fetched on the next run.
            try FileManager.default.removeItem(at: graphFolder.appendingPathComponent("fail-1002"))
            let second = try ws.run(fetch, environment: environment)
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout == "1002: a new lead\n1 fetched, 0 left pending\n", "\(second)")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") == 2)

            // Nothing pending: nothing asked of the Graph API.
            let requests = try String(contentsOf: graphFolder.appendingPathComponent("requests.log"), encoding: .utf8)
            let third = try ws.run(fetch, environment: environment)
            #expect(third.status == 0)
            #expect(third.stdout == "nothing to fetch: no lead id of 'meta' is pending\n")
            #expect(try String(contentsOf: graphFolder.appendingPathComponent("requests.log"), encoding: .utf8) == requests)
            // The token went in the header, never in the URL; the fields the preset reads were asked for.
            #expect(requests.contains("/v19.0/1001?fields=id,created_time,field_data,ad_id"), "\(requests)")
            #expect(!requests.contains("access_token"))

            // A run that wrote its lead but died before marking it: the retried fetch makes no second lead.
            try Self.execute(ws, "UPDATE meta_leadgen SET fetched_at = NULL WHERE leadgen_id = '1001'")
            let retried = try ws.run(fetch, environment: environment)
            #expect(retried.status == 0, "\(retried)")
            #expect(retried.stdout == "1001: already a lead, nothing new written\n1 fetched, 0 left pending\n", "\(retried)")
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM lead") == 2)
            #expect(try ServerDatabase.count(ws, "SELECT COUNT(*) FROM meta_leadgen WHERE fetched_at IS NULL") == 0)
        }
    }

    @Test func aWrongTokenAnUnreachableGraphAndBadOptionsAreOneLine() throws {
        try Workspace.with { ws in
            try ws.succeed(["init"])
            let path = try ws.succeed(
                ["hook", "add", "meta", "--format", "meta", "--meta-verify-token", "v", "--meta-app-secret", "app-secret"]
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try ws.succeed(["hook", "add", "site", "--format", "json"])
            let server = try ServerProcess(ws)
            try Self.deliver(["2001"], to: path, on: server)
            server.stop()
            let graphFolder = ws.path("graph")
            try FileManager.default.createDirectory(at: graphFolder, withIntermediateDirectories: true)
            let (graph, graphURL) = try Self.startStandIn(ws, folder: graphFolder)
            let fetch = ["hook", "fetch-meta", "--source", "meta", "--graph-url", graphURL]
            let before = try DatabaseDump.of(ws.defaultDatabase)

            let wrong = try ws.run(fetch, environment: ["LEADTRAIL_META_TOKEN": "EAAB-wrong-token"])
            #expect(wrong.status == 1)
            #expect(
                wrong.stdout.contains(
                    "2001: left pending: the Graph API answered 401: Invalid OAuth access token - Cannot parse access token (code 190)"),
                "\(wrong)")
            #expect(!wrong.stdout.contains("EAAB-wrong-token") && !wrong.stderr.contains("EAAB-wrong-token"))
            let unknown = try ws.run(fetch, environment: ["LEADTRAIL_META_TOKEN": Self.token])
            #expect(unknown.stdout.contains("2001: left pending: the Graph API answered 404: Unsupported get request."))
            Self.stop(graph)
            let down = try ws.run(fetch, environment: ["LEADTRAIL_META_TOKEN": Self.token])
            #expect(down.status == 1)
            #expect(down.stdout.contains("2001: left pending: cannot connect to 127.0.0.1"), "\(down)")
            #expect(!down.stdout.contains("NSURLErrorDomain") && !down.stderr.contains("NSURLErrorDomain"))

            // Refused before anything is asked: no token, an unknown source, a source of another format, a plain
            // http Graph URL elsewhere than this machine.
            let environment = ["LEADTRAIL_META_TOKEN": Self.token]
            try Self.refuse(ws, fetch, environment: ["LEADTRAIL_META_TOKEN": ""], "set LEADTRAIL_META_TOKEN to the page access token")
            try Self.refuse(
                ws, ["hook", "fetch-meta", "--source", "nope"], environment: environment, "--source: no webhook source 'nope'")
            try Self.refuse(
                ws, ["hook", "fetch-meta", "--source", "site"], environment: environment,
                "--source: 'site' is a json webhook, not a meta one")
            try Self.refuse(
                ws, ["hook", "fetch-meta", "--source", "meta", "--graph-url", "http://graph.example/v19.0"],
                environment: environment, "--graph-url: use https")
            // Every failure left the data as it was: 2001 still pending, no lead.
            #expect(try DatabaseDump.of(ws.defaultDatabase) == before)
        }
    }

    /// SIGKILL: the test process blocks SIGTERM, and a child started from it inherits the mask.
    static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func execute(_ ws: Workspace, _ sql: String) throws {
        let queue = try DatabaseQueue(path: ws.defaultDatabase.path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// A refused run: non-zero, one line on stderr naming `fragment`, nothing on stdout.
    static func refuse(
        _ ws: Workspace, _ arguments: [String], environment: [String: String], _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try ws.run(arguments, environment: environment)
        #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains(token), sourceLocation: sourceLocation)
    }
}
#endif
