import ArgumentParser
import Foundation
import LeadTrailCore
import LeadTrailImport
import LeadTrailReports
import LeadTrailStore

/// `leadtrail import clicks|forms|deals|spend FILE`: a file in, as one undoable batch.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import clicks, form submissions, deals or ad spend; each file is one batch you can undo.",
        subcommands: [Clicks.self, Forms.self, Deals.self, SpendFile.self])

    /// What every import takes.
    struct Options: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions
        @Argument(help: "The file: a JSON array or NDJSON, a CSV/TSV table, or an .xlsx workbook.") var file: String
        @Option(help: "A JSON map for any other shape: {\"fields\": {\"at\": \"click_time\"}, \"constants\": {…}}.")
        var map: String?
        @Flag(name: .customLong("dry-run"), help: "Validate and report without writing.") var dryRun = false
        @Flag(name: .customLong("skip-invalid"), help: "Import the good records; write the bad ones to --rejects.")
        var skipInvalid = false
        @Option(help: "Where --skip-invalid writes rejected records, verbatim with their reasons (NDJSON).")
        var rejects: String?
        @Option(help: "The file's text encoding: utf-8 (the default) or windows-1251 (Russian Excel's CSV).")
        var encoding: String = "utf-8"
        @Option(help: "The sheet of an .xlsx workbook to read (default: the first).") var sheet: String?
        @Flag(name: .customLong("allow-empty"), help: "Accept a file with no records (a warning, not an error).")
        var allowEmpty = false

        func validate() throws {
            if rejects != nil && !skipInvalid {
                throw ArgumentParser.ValidationError("--rejects needs --skip-invalid")
            }
            if TextEncoding(name: encoding) == nil {
                throw ArgumentParser.ValidationError(
                    "unknown --encoding '\(encoding)'; expected \(TextEncoding.allCases.map(\.rawValue).joined(separator: " or "))"
                )
            }
        }

        /// Runs the job and prints its summary.
        func run(
            _ kind: ImportKind, formPreset: FormPreset = .generic, spendPreset: SpendPreset = .generic,
            clickPreset: ClickPreset = .generic, currency: String? = nil, platform: Platform? = nil,
            moneyInMicros: Bool? = nil, slashDatesDayFirst: Bool? = nil, acceptsRenames: Bool = false
        ) throws {
            let url = URL(fileURLWithPath: file)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                throw CommandError("\(file): is a folder, not a file")
            }
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw CommandError("\(file): no such file or it cannot be read")
            }
            let store = try self.store.open()
            let settings = try store.settings()
            let fieldMap = try map.map { try FieldMap(contentsOf: URL(fileURLWithPath: $0)) }
            var options = ImportOptions(
                timeZone: settings.timeZone, importTime: .now(),
                defaultCurrency: try currency.map { try Currency(code: $0) }, map: fieldMap, platform: platform,
                moneyInMicros: moneyInMicros)
            options.encoding = TextEncoding(name: encoding) ?? .utf8
            options.allowsEmpty = allowEmpty
            options.slashDatesDayFirst = slashDatesDayFirst
            options.acceptsRenames = acceptsRenames
            options.sheet = sheet
            let job = ImportJob(
                kind: kind, file: url, formPreset: formPreset, spendPreset: spendPreset, clickPreset: clickPreset,
                options: options,
                dryRun: dryRun, skipInvalid: skipInvalid, rejects: rejects.map { URL(fileURLWithPath: $0) })
            let meter = ProgressMeter(file: url.lastPathComponent)
            if !dryRun {
                InterruptNotice.install(
                    "Interrupted: nothing of \(url.lastPathComponent) was imported; the database is as it was.")
            }
            let batch = try Importer.run(job, store: store, progress: meter.map { meter in meter.update })
            meter?.finish()
            let counts = batch.counts
            if allowEmpty, counts.imported + counts.updated + counts.duplicates + counts.rejected == 0 {
                FileHandle.standardError.write(
                    Data("warning: \(url.lastPathComponent): no records in the file (--allow-empty)\n".utf8))
            }
            emit(Self.summary(batch, dryRun: dryRun, format: output.format.format))
            // A table summary says its notes; JSON and CSV keep their shape, so the notes go to stderr.
            if output.format.format != .table {
                for note in batch.notes { warn("warning: \(url.lastPathComponent): \(note)") }
            }
            if skipInvalid, rejects == nil, batch.counts.rejected > 0 {
                let records = batch.counts.rejected == 1 ? "record" : "records"
                warn(
                    "\(url.lastPathComponent): dropped \(batch.counts.rejected) invalid \(records) "
                        + "(pass --rejects FILE to keep them with their reasons)")
            }
        }

        static func summary(_ batch: ImportBatch, dryRun: Bool, format: OutputFormat) -> String {
            let counts = batch.counts
            let fields: [(String, OutputValue)] = [
                ("batch", batch.id.map(OutputValue.integer) ?? .null), ("kind", .string(batch.kind.rawValue)),
                ("file", .string(batch.fileName)), ("preset", .text(batch.preset)), ("dry_run", .bool(dryRun)),
                ("read", .integer(Int64(counts.read))), ("imported", .integer(Int64(counts.imported))),
                ("updated", .integer(Int64(counts.updated))), ("duplicates", .integer(Int64(counts.duplicates))),
                ("skipped", .integer(Int64(counts.skipped))), ("rejected", .integer(Int64(counts.rejected))),
                ("changed_nothing", .bool(batch.changedNothing)),
            ]
            switch format {
            case .json: return OutputValue.object(fields).prettyJSON + "\n"
            case .csv: return Listing(columns: fields.map(\.0), rows: [fields.map(\.1)]).csv
            case .table:
                let head =
                    if dryRun {
                        "Dry run of \(batch.fileName): nothing written"
                    } else if counts.read == 0 {
                        "Nothing to import: \(batch.fileName) has no records; no batch kept"
                    } else if batch.changedNothing, counts.rejected > 0 {
                        counts.skipped == 0
                            ? "Nothing changed: every record of \(batch.fileName) was rejected; no batch kept"
                            : "Nothing changed: \(counts.rejected) record\(counts.rejected == 1 ? "" : "s") of "
                                + "\(batch.fileName) rejected, the others already imported as they are; no batch kept"
                    } else if batch.changedNothing {
                        "Nothing changed: every record of \(batch.fileName) is already imported as it is; no batch kept"
                    } else {
                        "Imported \(batch.fileName) as batch \(batch.id.map(String.init) ?? "—")"
                    }
                return head + "\n  read \(counts.read) · imported \(counts.imported) · updated \(counts.updated)"
                    + " · duplicates \(counts.duplicates) · skipped \(counts.skipped) · rejected \(counts.rejected)\n"
                    + batch.notes.map { "  note: \($0)\n" }.joined()
            }
        }
    }

    struct Clicks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clicks", abstract: "Import clicks (visits with their UTM context).")
        @OptionGroup var options: Options
        @Option(help: "generic, or yandex-metrica (Logs API visits TSV).") var preset: String = "generic"
        @OptionGroup var dates: DateOrderOption

        func run() throws {
            guard let preset = ClickPreset(rawValue: preset.lowercased()) else {
                throw LeadTrailCore.ValidationError.unknownValue(
                    preset, field: "preset", allowed: ClickPreset.allCases.map(\.rawValue))
            }
            try options.run(.clicks, clickPreset: preset, slashDatesDayFirst: try dates.dayFirst())
        }
    }

    struct Forms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forms",
            abstract: "Import form submissions: new leads, or duplicates recorded on the person's recent lead.")
        @OptionGroup var options: Options
        @Option(help: "generic, tilda, meta-lead-ads or vk-lead-forms.") var preset: String = "generic"
        @OptionGroup var dates: DateOrderOption

        func run() throws {
            guard let preset = FormPreset(rawValue: preset.lowercased()) else {
                throw LeadTrailCore.ValidationError.unknownValue(
                    preset, field: "preset", allowed: FormPreset.allCases.map(\.rawValue))
            }
            try options.run(.forms, formPreset: preset, slashDatesDayFirst: try dates.dayFirst())
        }
    }

    struct Deals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deals",
            abstract: "Import deals; a deal whose lead is not known yet is linked when the lead arrives.")
        @OptionGroup var options: Options
        @OptionGroup var dates: DateOrderOption
        @Option(help: "The currency of a file that has no currency column (an amoCRM export's budget).")
        var currency: String?

        func run() throws {
            try options.run(.deals, currency: currency, slashDatesDayFirst: try dates.dayFirst())
        }
    }

    struct SpendFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spend",
            abstract: "Import daily ad spend; a day and campaign imported again replaces the row.")
        @OptionGroup var options: Options
        @Option(help: "generic, meta-ads, vk-ads or yandex-direct.") var preset: String = "generic"
        @Option(help: "The currency of exports that carry none (Yandex Direct, VK Ads).") var currency: String?
        @Option(help: "The platform of every row, when the export does not say.") var platform: Platform?
        @Option(
            name: .customLong("money-in-micros"),
            help: "yandex-direct: yes if Cost is in micros, no if in currency units (default: decided by the file).")
        var moneyInMicros: String?
        @OptionGroup var dates: DateOrderOption
        @Flag(
            name: .customLong("accept-renames"),
            help: """
                Move days stored for a platform's campaign id under an old name to the name the file gives it (the \
                campaign was renamed); without it such a file is refused.
                """)
        var acceptRenames = false

        func run() throws {
            guard let preset = SpendPreset(rawValue: preset.lowercased()) else {
                throw LeadTrailCore.ValidationError.unknownValue(
                    preset, field: "preset", allowed: SpendPreset.allCases.map(\.rawValue))
            }
            let micros: Bool?
            switch moneyInMicros?.lowercased() {
            case nil: micros = nil
            case "yes", "true": micros = true
            case "no", "false": micros = false
            case let other?:
                throw LeadTrailCore.ValidationError.unknownValue(
                    other, field: "money-in-micros", allowed: ["yes", "no"])
            }
            try options.run(
                .spend, spendPreset: preset, currency: currency, platform: platform, moneyInMicros: micros,
                slashDatesDayFirst: try dates.dayFirst(), acceptsRenames: acceptRenames)
        }
    }
}
