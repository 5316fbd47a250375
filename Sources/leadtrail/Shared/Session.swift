import LeadTrailCore
import LeadTrailStore

/// An open database with its settings: what a command works with, whichever store holds it.
struct Session {
    let store: any LeadTrailDatabase
    let settings: Settings

    init(_ options: StoreOptions) throws {
        store = try options.open()
        settings = try store.settings()
    }

    /// `--at`: RFC 3339, a time without an offset read in the configured zone; now when absent.
    func time(_ text: String?, field: String = "--at") throws -> Timestamp {
        guard let text else { return .now() }
        do { return try Timestamp.parse(text, timeZone: settings.timeZone) } catch {
            throw CommandError("\(field): \(error)")
        }
    }

    /// `--date`: YYYY-MM-DD; today in the configured zone when absent.
    func date(_ text: String?, field: String = "--date") throws -> CalendarDate {
        guard let text else { return Timestamp.now().calendarDate(in: settings.timeZone) }
        do { return try CalendarDate(parsing: text) } catch { throw CommandError("\(field): \(error)") }
    }

    /// Runs a change whose refusal may quote times (`deal won --at` before the deal, `lead stage --at` before the
    /// lead, a repeated `deal refund`): they are said in the configured zone, as they were typed, not in UTC.
    func inLocalTime<T>(_ change: () throws -> T) throws -> T {
        do {
            return try change()
        } catch let error as any LocalTimeDescribable {
            throw CommandError(error.description(in: settings.timeZone))
        }
    }

    /// A currency code, the base currency when absent.
    func currency(_ code: String?) throws -> Currency {
        guard let code else { return settings.currency }
        return try Currency(code: code)
    }
}

/// A one-line error a command reports as it is.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
