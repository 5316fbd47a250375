/// How a listing or report is printed: `--format table|json|csv`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}
