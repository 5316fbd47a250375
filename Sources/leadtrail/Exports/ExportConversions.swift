import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailExport
import LeadTrailStore

extension ExportCommand {
    /// `export conversions --platform P --event E`: the period's conversions in the platform's upload format.
    struct ExportConversions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conversions",
            abstract: "Write the period's conversions in a platform's upload format (see docs/exports.md).",
            discussion: """
                Only conversions the platform can match (a click id, a Metrica client id, or for Meta a contact or \
                lead id) and accept (its window) are written; the rest are counted on stderr with the reason. \
                People erased with 'lead forget' are never exported.
                """)
        @OptionGroup var options: StoreOptions
        @Option(help: "yandex-metrica, meta, google-ads or vk.") var platform: ConversionPlatform
        @Option(help: "lead, qualified or won.") var event: ExportEvent
        @Option(help: "First day of the period (YYYY-MM-DD, inclusive); the first of this month by default.")
        var from: String?
        @Option(help: "Last day of the period (YYYY-MM-DD, inclusive); the end of --from's month by default.")
        var to: String?
        @Option(help: "Write the file here instead of standard output ('-' is standard output too).") var out: String?
        @Option(help: "The conversion's name on the platform: Metrica's goal, Meta's event, Google's conversion action.")
        var name: String?
        @Option(help: "Currency of the values (ISO 4217); the configured base currency by default.") var currency: String?
        @Option(
            name: .customLong("as-of"),
            help: "When the file will be uploaded (2026-10-01 12:30, or with an offset); now by default.")
        var asOf: String?
        @Option(name: .customLong("yandex-id"), help: "The identifier of a Metrica file: client-id or yclid.")
        var yandexID: YandexIdentifier = .clientID

        func validate() throws {
            if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--name must not be empty")
            }
            if yandexID != .clientID && platform != .yandexMetrica {
                throw ValidationError("--yandex-id is for --platform yandex-metrica only")
            }
        }

        func run() throws {
            let session = try Session(options)
            let zone = session.settings.timeZone
            let today = Timestamp.now().calendarDate(in: zone)
            let start = try from.map { try session.date($0, field: "--from") }
                ?? CalendarDate(year: today.year, month: today.month, day: 1)
            let end = try to.map { try session.date($0, field: "--to") }
                ?? CalendarDate(
                    dayNumber: CalendarDate(
                        year: start.month == 12 ? start.year + 1 : start.year, month: start.month % 12 + 1, day: 1
                    ).dayNumber - 1)
            guard start <= end else { throw CommandError("--from \(start) is after --to \(end)") }
            let calendar = LocalCalendar(timeZone: zone)
            let exportOptions = ConversionExportOptions(
                platform: platform, event: event, from: calendar.startOfDay(start),
                to: calendar.startOfDay(CalendarDate(dayNumber: end.dayNumber + 1)), period: "\(start) to \(end)",
                asOf: try session.time(asOf, field: "--as-of"), currency: try session.currency(currency),
                rates: ExchangeRates(try session.store.rates()), timeZone: zone, name: name,
                yandexIdentifier: yandexID)
            let leads = try session.store.exportLeads(from: exportOptions.from, to: exportOptions.to)
            let export: ConversionExport
            do { export = try ConversionExport(leads: leads, options: exportOptions) } catch {
                throw CommandError("export conversions: \(error)")
            }
            if let out, out != "-" {
                let url = URL(fileURLWithPath: out)
                try Self.checkWritable(url, as: out)
                do { try Data(export.text.utf8).write(to: url, options: .atomic) } catch {
                    throw CommandError("\(out): cannot write the export (\(Self.reason(error)))")
                }
                warn("\(export.summary); written to \(out)")
            } else {
                emit(export.text)
                warn(export.summary)
            }
        }

        /// `--out` must name a file in an existing folder: said plainly before anything is written.
        static func checkWritable(_ url: URL, as given: String) throws {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                throw CommandError("\(given): is a folder; --out takes a file name")
            }
            let folder = url.deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
                throw CommandError("\(given): the folder \(folder) does not exist")
            }
        }

        static func reason(_ error: any Error) -> String {
            let nsError = error as NSError
            if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
                let code = POSIXErrorCode(rawValue: Int32(underlying.code))
            {
                return String(cString: strerror(code.rawValue)).lowercased()
            }
            return "the folder is missing or not writable"
        }
    }
}
