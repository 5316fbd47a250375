public import Foundation

/// A `--map MAP.json`: renames a source's fields to the generic format's, adds constant fields, and names the generic
/// value of a source's own values.
///
/// ```json
/// {"fields": {"submitted_at": "created", "phone": "contact.phone", "visitor": "answers.0.value"},
///  "constants": {"form": "Заявка с лендинга"},
///  "values": {"status": {"Переговоры с ЛПР": "open", "Отказ": "lost"}}}
/// ```
///
/// `values` replaces a field's value (after `fields` and `constants`) when it matches one of the names given, compared
/// as ``nameKey(_:)`` says (trimmed, any case); other values are left as they are.
///
/// A source path is a key, or a dotted path through nested objects and arrays (`contact.phone`, `answers.0.value`);
/// a key that itself contains dots is found first as it is. The map is applied to each object before the preset or
/// generic mapping: the mapped fields and constants come first, then the object's own members (so generic fields
/// the map does not name still work). A mapped field absent from the record stays absent. A field may be named by
/// `fields` or `constants`, not both. With a preset, a field the map gives a record overrides the preset's own
/// reading of it (``override(_:from:skipping:)``): a map is never accepted and then ignored.
public struct FieldMap: Hashable, Sendable {
    /// Generic field → source path, in the map file's order.
    public var fields: [(generic: String, source: String)] {
        zip(fieldNames, sourcePaths).map { ($0, $1) }
    }
    /// Generic field → constant value.
    public var constants: JSONObject

    /// The map file's name, for messages (nil for a map built in code).
    public var fileName: String?

    private var fieldNames: [String]
    private var sourcePaths: [String]
    /// Generic field → (matched name → generic value), from `values`.
    private var valueNames: [String: [String: JSONValue]] = [:]

    /// A map from pairs of generic field and source path, and constants.
    public init(fields: [(generic: String, source: String)] = [], constants: JSONObject = JSONObject()) {
        fieldNames = fields.map(\.generic)
        sourcePaths = fields.map(\.source)
        self.constants = constants
    }

    /// Reads a map file; any problem with it throws an error naming the file and what is wrong.
    public init(contentsOf url: URL) throws(ImportFileError) {
        let name = url.lastPathComponent
        func failure(_ message: String) -> ImportFileError { ImportFileError(file: name, message: message) }
        try ChunkedFile.requireFile(url)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw failure("cannot read the map file: \(ChunkedFile.reason(error))")
        }
        let root: JSONObject
        do throws(RecordError) {
            root = try JSONObject(parsing: String(decoding: data, as: UTF8.self))
        } catch {
            throw failure("not a valid map file: \(error.message); expected {\"fields\": {…}, \"constants\": {…}}")
        }
        for key in root.keys where key != "fields" && key != "constants" && key != "values" {
            throw failure("unknown key '\(key)' in the map file; expected \"fields\", \"constants\" and \"values\"")
        }
        var pairs: [(generic: String, source: String)] = []
        if let fields = root["fields"] {
            guard case .object(let object) = fields else {
                throw failure("\"fields\" must be an object of \"generic field\": \"source field or path\"")
            }
            for (generic, source) in object {
                guard case .string(let path) = source, !path.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw failure("\"fields\".\"\(generic)\" must be a source field name or dotted path (a string)")
                }
                pairs.append((generic, path.trimmingCharacters(in: .whitespaces)))
            }
        }
        var constants = JSONObject()
        if let value = root["constants"] {
            guard case .object(let object) = value else {
                throw failure("\"constants\" must be an object of \"generic field\": value")
            }
            for (generic, constant) in object {
                switch constant {
                case .object, .array:
                    if generic != "fields" && generic != "lead" {
                        throw failure("\"constants\".\"\(generic)\" must be a string, a number or a boolean")
                    }
                default: break
                }
                if pairs.contains(where: { $0.generic == generic }) {
                    throw failure("'\(generic)' is named in both \"fields\" and \"constants\"")
                }
                constants.append(generic, constant)
            }
        }
        var valueNames: [String: [String: JSONValue]] = [:]
        if let value = root["values"] {
            guard case .object(let object) = value else {
                throw failure("\"values\" must be an object of \"generic field\": {\"value in the file\": \"value\"}")
            }
            for (generic, names) in object {
                guard case .object(let names) = names else {
                    throw failure("\"values\".\"\(generic)\" must be an object of \"value in the file\": \"value\"")
                }
                var byName: [String: JSONValue] = [:]
                for (name, replacement) in names {
                    guard case .string = replacement else {
                        throw failure("\"values\".\"\(generic)\".\"\(name)\" must be a string")
                    }
                    byName[FieldMap.nameKey(name)] = replacement
                }
                valueNames[generic] = byName
            }
        }
        if pairs.isEmpty && constants.isEmpty && valueNames.isEmpty { throw failure("the map file maps nothing") }
        self.init(fields: pairs, constants: constants)
        self.valueNames = valueNames
        fileName = name
    }

    /// Refuses a map that names a field the import does not read (a typo such as `submited_at` would otherwise be
    /// ignored silently), naming the field and the ones that exist.
    public func check(targets allowed: [String], kind: String) throws(ImportFileError) {
        let named =
            fieldNames.map({ ($0, "fields") }) + constants.keys.map({ ($0, "constants") })
            + valueNames.keys.sorted().map({ ($0, "values") })
        for (name, section) in named where !allowed.contains(name) {
            throw ImportFileError(
                file: fileName ?? "--map",
                message: "unknown field '\(name)' in \"\(section)\"; \(kind) take \(allowed.joined(separator: ", "))")
        }
    }

    /// The object with the map applied.
    public func apply(to source: JSONObject) -> JSONObject {
        var result = JSONObject()
        for (generic, path) in zip(fieldNames, sourcePaths) {
            if let value = FieldMap.value(at: path, in: source) { result.append(generic, value) }
        }
        for (key, value) in constants { result.append(key, value) }
        let named = Set(fieldNames)
        for (key, value) in source where !named.contains(key) { result.append(key, value) }
        for (field, names) in valueNames {
            if let text = result[field]?.scalarText, let replacement = names[FieldMap.nameKey(text)] {
                result.set(field, replacement)
            }
        }
        return result
    }

    /// The generic fields the map names, in `fields` or `constants`.
    public var targets: [String] { fieldNames + constants.keys }

    /// The value the map gives `field` in an object it was applied to, or nil when the map does not name the field or
    /// the record lacks the mapped path (then the field is the preset's, as without a map).
    func given(_ field: String, in mapped: JSONObject) -> JSONValue? {
        fieldNames.contains(field) || constants[field] != nil ? mapped[field] : nil
    }

    /// Makes the map win over a preset: every field the map gives this record replaces the preset's own reading of
    /// it in `generic`, and leaves the preset's free-form `fields` (a preset that keeps unknown keys there found the
    /// map's generic names among them). `skipping` lists fields the caller sets itself.
    func override(_ generic: inout JSONObject, from mapped: JSONObject, skipping: Set<String> = []) {
        for field in targets where !skipping.contains(field) {
            if let value = given(field, in: mapped) { generic.set(field, value) }
        }
        if !targets.contains("fields"), case .object(var free)? = generic["fields"] {
            for field in targets { free.remove(field) }
            if free.isEmpty { generic.remove("fields") } else { generic.set("fields", .object(free)) }
        }
    }

    /// How a value is matched to a name (`values`, a deal's status): trimmed, lowercased, runs of whitespace as one
    /// space, `ё` as `е` (`Отменён` is `отменен`).
    static func nameKey(_ text: String) -> String {
        String(text.lowercased().map { $0 == "ё" ? "е" : $0 })
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The value at a key or dotted path (`a.b`, `items.0.name`), or nil.
    public static func value(at path: String, in object: JSONObject) -> JSONValue? {
        if let direct = object[path] { return direct }
        var current = JSONValue.object(object)
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object(let inner):
                guard let next = inner[String(part)] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(part), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default: return nil
            }
        }
        return current
    }

    /// Two maps are equal when they map the same fields, in the same order, and add the same constants.
    public static func == (lhs: FieldMap, rhs: FieldMap) -> Bool {
        lhs.fieldNames == rhs.fieldNames && lhs.sourcePaths == rhs.sourcePaths && lhs.constants == rhs.constants
            && lhs.valueNames == rhs.valueNames
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fieldNames)
        hasher.combine(sourcePaths)
        hasher.combine(constants)
        hasher.combine(valueNames)
    }
}
