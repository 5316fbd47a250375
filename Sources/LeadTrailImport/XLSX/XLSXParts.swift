/// The parts of an `.xlsx` workbook that ``XLSXReader`` reads, as XMLCoder decodes them (ECMA-376, SpreadsheetML).
enum XLSXParts {
    /// `xl/workbook.xml`: the sheets in order, each with its relationship id.
    struct Workbook: Decodable {
        struct Sheets: Decodable {
            let sheet: [Sheet]
        }
        struct Sheet: Decodable {
            let name: String
            let relationship: String?
            enum CodingKeys: String, CodingKey {
                case name
                case relationship = "r:id"
            }
        }
        let sheets: Sheets
    }

    /// `xl/_rels/workbook.xml.rels`: relationship id → part path.
    struct Relationships: Decodable {
        struct Relationship: Decodable {
            let id: String
            let target: String
            enum CodingKeys: String, CodingKey {
                case id = "Id"
                case target = "Target"
            }
        }
        let relationship: [Relationship]
        enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
    }

    /// Text of a shared string or inline string: plain `<t>` or rich-text runs `<r><t>…</t></r>`.
    struct Text: Decodable {
        struct Run: Decodable { let t: String? }
        let t: String?
        let r: [Run]?

        var plain: String { t ?? (r ?? []).compactMap(\.t).joined() }
    }

    /// `xl/sharedStrings.xml`.
    struct SharedStrings: Decodable {
        let si: [Text]?
    }

    /// `xl/styles.xml`: the number format of each cell style, to tell dates from numbers.
    struct Styles: Decodable {
        struct NumberFormats: Decodable { let numFmt: [NumberFormat]? }
        struct NumberFormat: Decodable {
            let numFmtId: Int
            let formatCode: String
        }
        struct CellFormats: Decodable { let xf: [CellFormat]? }
        struct CellFormat: Decodable { let numFmtId: Int? }
        let numFmts: NumberFormats?
        let cellXfs: CellFormats?
    }

    /// A worksheet's cells, row by row.
    struct Worksheet: Decodable {
        struct SheetData: Decodable { let row: [Row]? }
        struct Row: Decodable {
            let r: Int?
            let c: [Cell]?
        }
        struct Cell: Decodable {
            /// `B3`.
            let r: String?
            /// `s` shared string, `inlineStr`, `str` formula text, `b` boolean, `e` error, `n`/none a number.
            let t: String?
            /// The style index (for dates).
            let s: Int?
            let v: String?
            let inline: Text?
            enum CodingKeys: String, CodingKey {
                case r, t, s, v
                case inline = "is"
            }
        }
        let sheetData: SheetData
    }
}
