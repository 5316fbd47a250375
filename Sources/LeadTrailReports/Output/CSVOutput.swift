public import LeadTrailCore

/// The CSV dialect of the command being run: set once by the CLI from `--csv-dialect` or the `csv-dialect` setting,
/// read by ``Listing/csv`` wherever a report or listing is rendered.
///
/// A task-local rather than a parameter because every report and listing renders its CSV through ``Listing`` from
/// `rendered(as:)`, whose callers (the CLI and `leadtrail serve`) choose the format; the server sets it for each
/// `/reports/*.csv` from the setting or the request's `?csv-dialect=`.
public enum CSVOutput {
    @TaskLocal public static var dialect: CSVDialect = .rfc4180
}
