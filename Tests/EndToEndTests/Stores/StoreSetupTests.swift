import Foundation
import Testing

/// `init`, `migrate` and `demo` on either store, as a newcomer runs them: twice, two at once, into a database that
/// has data already.
@Suite("Setting up either store")
struct StoreSetupTests {
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func initAndMigrateTwiceAreUpToDate(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let first = try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            #expect(first.stdout.hasPrefix("Created "), "\(first)")
            #expect(first.stdout.contains("currency RUB, time zone Europe/Moscow"), "\(first)")
            let again = try ws.succeed(["init"])
            #expect(again.stdout.hasPrefix("Up to date: "), "\(again)")
            let migrated = try ws.succeed(["migrate"])
            #expect(migrated.stdout.hasPrefix("Up to date: "), "\(migrated)")
            #expect(migrated.stdout.contains("(schema "), "\(migrated)")
            // The settings survived the second init.
            #expect(try ws.succeed(["config", "get", "timezone"]).stdout == "Europe/Moscow\n")
            if let database = ws.postgres, let secret = database.secret, !secret.isEmpty {
                for result in [first, again, migrated] {
                    #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(result.arguments)")
                }
            }
        }
    }

    /// `init` on a database with data never changes its settings: a different currency or zone would make every
    /// report need rates it never needed, or move every period; the same values, or none, only upgrade.
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func initNeverChangesTheSettingsOfAnExistingDatabase(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "Europe/Moscow"])
            try ws.succeed(["lead", "add", "--phone", "8 916 123-45-67", "--at", "2026-11-02T10:00"])
            try ws.refuse(
                ["init", "--currency", "EUR", "--timezone", "Asia/Vladivostok"],
                mentioning: "currency is RUB", "leadtrail config set currency EUR")
            try ws.refuse(
                ["init", "--timezone", "Asia/Vladivostok"],
                mentioning: "timezone is Europe/Moscow", "leadtrail config set timezone Asia/Vladivostok")
            let same = try ws.succeed(["init", "--currency", "rub", "--timezone", "Europe/Moscow"])
            #expect(same.stdout.hasPrefix("Up to date: "), "\(same)")
            #expect(same.stdout.contains("currency RUB, time zone Europe/Moscow"), "\(same)")
            try ws.refuse(["init", "--currency", "RUBX"], mentioning: "RUBX")
            #expect(try ws.succeed(["config", "get", "currency"]).stdout == "RUB\n")
            #expect(try ws.succeed(["config", "get", "timezone"]).stdout == "Europe/Moscow\n")
            // config set is the way to change one, and says what it set.
            #expect(try ws.succeed(["config", "set", "currency", "EUR"]).stdout == "currency = EUR\n")
        }
    }

    /// UTC has many IANA names (`Etc/UTC`, `UCT`, `GMT`, `Zulu`): one of them repeats a UTC database's zone, it
    /// never contradicts it, and `config set` to another of them changes nothing.
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func everyNameOfUTCIsTheSameZone(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            try ws.succeed(["init", "--currency", "RUB", "--timezone", "UTC"])
            for name in ["Etc/UTC", "UCT", "Etc/GMT+0", "Zulu", "utc"] {
                let again = try ws.succeed(["init", "--timezone", name])
                #expect(again.stdout.hasPrefix("Up to date: "), "\(name): \(again)")
            }
            try ws.succeed(["config", "set", "timezone", "Etc/UTC"])
            #expect(try ws.succeed(["config", "get", "timezone"]).stdout == "UTC\n")
            // A zone at UTC's offset that is not UTC (Iceland's) is a different zone, as written.
            try ws.refuse(["init", "--timezone", "Atlantic/Reykjavik"], mentioning: "timezone is UTC")
        }
    }

    /// Two `init`s and a `migrate` on an empty database at once: one creates the schema (under the advisory lock),
    /// the others find it; none fails. (On SQLite the others used to read the file while its schema was being laid
    /// out and say it "is not a LeadTrail database".)
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func twoInitsAtOnceBothSucceed(store: StoreKind) throws {
        // The race is a matter of milliseconds: a few rounds, each on a new database.
        for _ in 0..<4 { try twoInitsAndAMigrate(store: store) }
    }

    private func twoInitsAndAMigrate(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let running = [try ws.start(["init"]), try ws.start(["init"]), try ws.start(["migrate"])]
            let results = running.map { $0.wait() }
            let inits = results.prefix(2)
            for result in inits { #expect(result.status == 0, "\(result)") }
            #expect(
                inits.filter { $0.stdout.hasPrefix("Created ") }.count == 1,
                "exactly one init creates:\n\(inits.map(\.description).joined(separator: "\n"))")
            // `migrate` ran beside them: it either found the schema or, first, found no database to upgrade.
            let migrate = results[2]
            #expect(migrate.status == 0 || migrate.stderrLines.count == 1, "\(migrate)")
            try ws.succeed(["lead", "add", "--phone", "8 (916) 123-45-67"])
            #expect(try ws.integer("SELECT COUNT(*) FROM lead") == 1)
        }
    }

    /// The demo fills a fresh database on either store and prints the same reports; on PostgreSQL it never empties
    /// a database that has a schema.
    @Test(.hangGuard, arguments: StoreKind.allCases)
    func theDemoFillsAFreshDatabase(store: StoreKind) throws {
        try Workspace.with(store: store) { ws in
            let samples = ImportSamples.repositoryRoot.appendingPathComponent("samples").path
            let demo = try ws.succeed(["demo", "--db", ws.database, "--samples", samples])
            #expect(demo.stdout.contains("ROAS by campaign") && demo.stdout.contains("(total)"), "\(demo)")
            let leads = try ws.integer("SELECT COUNT(*) FROM lead")
            #expect(leads > 0)
            if store == .postgres {
                let database = try #require(ws.postgres)
                let again = try ws.run(["demo", "--db", ws.database, "--samples", samples])
                expectRefused(again, mentioning: database.host, database.name, "already has a LeadTrail schema")
                #expect(try ws.integer("SELECT COUNT(*) FROM lead") == leads, "the refused demo changed the data")
                if let secret = database.secret, !secret.isEmpty {
                    #expect(!demo.stdout.contains(secret) && !again.stderr.contains(secret))
                }
            }
        }
    }

    /// A URL with its password: the demo's "Explore it" commands must work when pasted, so they leave the password
    /// out (it would print as `***` and be sent as the password) and say where it is read from instead.
    @Test(.hangGuard) func theDemoHintOfAURLWithAPasswordWorksWhenPasted() throws {
        try Workspace.with(store: .postgres) { ws in
            let database = try #require(ws.postgres)
            guard let secret = database.secret, !secret.isEmpty else { return }  // a server that asks no password
            var components = try #require(URLComponents(string: database.url))
            components.password = secret
            let withPassword = try #require(components.string)
            let samples = ImportSamples.repositoryRoot.appendingPathComponent("samples").path
            let demo = try ws.succeed(["demo", "--db", withPassword, "--samples", samples])
            #expect(!demo.stdout.contains(secret), "\(demo)")
            #expect(demo.stdout.contains("PGPASSWORD"), "\(demo)")
            let lines = demo.stdout.split(separator: "\n")
            let hint = try #require(lines.first { $0.hasPrefix("Explore it: leadtrail --db ") }, "\(demo)")
            let owners = try #require(lines.first { $0.hasPrefix("The owner's page: leadtrail --db ") }, "\(demo)")
            #expect(!hint.contains("***") && !owners.contains("***"), "\(demo)")
            let url = String(hint.split(separator: " ")[4])
            #expect(url.hasPrefix("postgres") && url.hasSuffix("/" + database.name), "\(hint)")
            // Pasted as printed, with the password where the note says: the demo's leads are there.
            let pasted = try ws.succeed(
                ["lead", "list", "--all", "--db", url, "--format", "json"], environment: ["PGPASSWORD": secret])
            #expect(
                pasted.stdout.components(separatedBy: "\"id\"").count - 1
                    == (try ws.integer("SELECT COUNT(*) FROM lead")))
        }
    }
}
