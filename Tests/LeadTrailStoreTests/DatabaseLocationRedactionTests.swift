import LeadTrailStore
import Testing

/// A connection string's password never reaches a message: `DatabaseLocation` hides it.
struct DatabaseLocationRedactionTests {
    @Test(arguments: [
        ("postgres://u:secret@h/db", "postgres://u:***@h/db"),
        (
            "postgresql://marketer:p%40ss:w0rd@db.example.ru:5432/leads",
            "postgresql://marketer:***@db.example.ru:5432/leads"
        ),
        ("POSTGRES://u:secret@h/db?sslmode=require", "POSTGRES://u:***@h/db?sslmode=require"),
        (
            "postgres://h/db?user=u&password=secret&sslmode=require",
            "postgres://h/db?user=u&password=***&sslmode=require"
        ),
        ("postgres://u:secret@h/db?sslpassword=other", "postgres://u:***@h/db?sslpassword=***"),
        ("postgres://u@h/db", "postgres://u@h/db"),
        ("postgres://h/db", "postgres://h/db"),
        ("error: cannot reach 'postgres://u:secret@h/db' now", "error: cannot reach 'postgres://u:***@h/db' now"),
        // Un-encoded '/', '#', '?' or '@' in the password: hidden to the last '@'.
        ("postgres://u:sec/ret@h:5432/db", "postgres://u:***@h:5432/db"),
        ("postgres://u:sec#ret@h/db", "postgres://u:***@h/db"),
        ("postgres://u:se@c/ret@h/db", "postgres://u:***@h/db"),
        // The '@' forgotten: what follows the host's ':' is no port, and is hidden.
        ("postgres://u:secret/db", "postgres://u:***/db"),
        ("postgres://h:5432/db", "postgres://h:5432/db"),
        ("postgres://[::1]:5432/db", "postgres://[::1]:5432/db"),
    ])
    func passwordsAreHidden(text: String, expected: String) {
        #expect(DatabaseLocation.redacting(text) == expected)
        #expect(!DatabaseLocation.redacting(text).contains("secret"))
    }

    @Test func aPostgresURLIsRecognisedAndDescribedWithoutItsPassword() {
        let location = DatabaseLocation(option: "postgres://u:secret@h/db", environment: [:])
        #expect(location == .postgres(url: "postgres://u:secret@h/db"))
        #expect(location.description == "postgres://u:***@h/db")
        let fromEnvironment = DatabaseLocation(option: nil, environment: ["LEADTRAIL_DB": "postgresql://u:secret@h/db"])
        #expect(fromEnvironment.description == "postgresql://u:***@h/db")
        #expect(DatabaseLocation(option: "data/лиды.sqlite", environment: [:]).description == "data/лиды.sqlite")
    }
}
