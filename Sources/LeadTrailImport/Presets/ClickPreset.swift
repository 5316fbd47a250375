internal import LeadTrailCore

/// How an `import clicks` file is laid out: LeadTrail's generic fields or an analytics system's visit log.
public enum ClickPreset: String, CaseIterable, Hashable, Sendable {
    /// The generic format (JSON array or NDJSON).
    case generic
    /// Yandex Metrica Logs API visits (`ym:s:…` columns), TSV as the API writes it.
    case yandexMetrica = "yandex-metrica"

    /// Whether the preset's files are tables (CSV/TSV) whatever their extension.
    public var readsTables: Bool { self != .generic }

    /// The generic click object for one source record.
    func genericObject(from row: JSONObject, options: ImportOptions) throws(RecordError) -> JSONObject {
        switch self {
        case .generic: row
        case .yandexMetrica: try YandexMetricaPreset.genericObject(from: row, options: options)
        }
    }
}
