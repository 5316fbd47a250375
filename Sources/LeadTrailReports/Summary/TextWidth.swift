/// How wide text is drawn in a browser (a terminal's columns are ``DisplayWidth``), estimated from the fonts the
/// summary page asks for, so that a label can be cut to fit its box before the browser lays it out: an SVG chart
/// cannot cut text itself, and a cut made here carries the same `…` and tooltip in the charts, tables and lists.
///
/// The widths are DejaVu Sans' advance widths (the page's first font), the larger of its regular and bold faces, in
/// thousandths of an em: Arial and Liberation Sans, the fallbacks, are narrower, so a label that fits by this estimate
/// fits in them too. A character outside the tables counts 1.5 em, a combining mark or a joiner nothing.
enum TextWidth {
    /// The widest an unknown character is taken to be, in thousandths of an em: wide East Asian letters and emoji
    /// are about one em.
    static let unknown: UInt16 = 1500
    /// What the table holds for a character the font lacks.
    static let missing: UInt16 = 65535

    /// U+0020…U+017F.
    static let latin: [UInt16] = [
        349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366,
        696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 581,
        1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 373, 775, 638, 996, 837, 851,
        733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 500,
        500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688,
        716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838, 65535,
        65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535,
        65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535,
        349, 457, 696, 696, 637, 696, 366, 500, 500, 1000, 564, 646, 838, 416, 1000, 500,
        500, 838, 438, 438, 500, 736, 637, 380, 500, 438, 564, 646, 1036, 1036, 1036, 581,
        774, 774, 774, 774, 774, 774, 1085, 734, 684, 684, 684, 684, 373, 373, 373, 373,
        838, 837, 851, 851, 851, 851, 851, 838, 851, 813, 813, 813, 813, 725, 738, 720,
        675, 675, 675, 675, 675, 675, 1048, 593, 679, 679, 679, 679, 343, 343, 343, 343,
        688, 712, 688, 688, 688, 688, 688, 838, 688, 712, 712, 712, 712, 652, 716, 652,
        774, 675, 774, 675, 774, 675, 734, 593, 734, 593, 734, 593, 734, 593, 831, 716,
        838, 716, 684, 679, 684, 679, 684, 679, 684, 679, 684, 679, 821, 716, 821, 716,
        821, 716, 821, 716, 837, 712, 974, 791, 373, 343, 373, 343, 373, 343, 373, 343,
        373, 343, 745, 686, 373, 343, 775, 666, 666, 638, 343, 638, 343, 638, 480, 638,
        557, 643, 372, 837, 712, 837, 712, 837, 712, 983, 837, 712, 851, 688, 851, 688,
        851, 688, 1167, 1095, 771, 494, 771, 494, 771, 494, 721, 596, 721, 596, 721, 596,
        721, 596, 683, 479, 683, 479, 683, 479, 813, 712, 813, 712, 813, 712, 813, 712,
        813, 712, 813, 712, 1104, 924, 725, 652, 725, 726, 583, 726, 583, 726, 583, 436,
    ]

    /// U+0400…U+04FF.
    static let cyrillic: [UInt16] = [
        684, 684, 879, 638, 734, 721, 373, 373, 373, 1155, 1130, 879, 818, 837, 771, 837,
        774, 763, 763, 638, 891, 684, 1225, 711, 837, 837, 818, 831, 996, 837, 851, 837,
        733, 734, 683, 771, 992, 771, 928, 809, 1236, 1326, 940, 1037, 763, 734, 1174, 771,
        675, 699, 633, 526, 808, 679, 996, 582, 701, 701, 679, 733, 818, 691, 688, 691,
        716, 593, 583, 652, 993, 646, 742, 687, 1063, 1106, 752, 905, 633, 593, 973, 643,
        679, 679, 714, 526, 593, 596, 343, 343, 343, 992, 957, 735, 679, 701, 652, 691,
        1093, 870, 841, 736, 1013, 840, 993, 833, 1359, 1122, 851, 688, 1236, 1008, 696, 557,
        1075, 1062, 851, 688, 851, 696, 851, 696, 1149, 1044, 1075, 863, 1406, 1173, 1093, 870,
        734, 593, 653, 0, 0, 0, 0, 0, 418, 418, 958, 807, 763, 612, 733, 716,
        638, 526, 675, 591, 809, 669, 1225, 996, 711, 582, 775, 679, 818, 679, 818, 679,
        1016, 832, 957, 808, 1103, 877, 1274, 1018, 952, 858, 734, 593, 683, 583, 725, 652,
        725, 652, 771, 646, 1113, 1001, 809, 687, 809, 687, 809, 712, 1027, 810, 1027, 810,
        373, 1225, 996, 775, 630, 951, 806, 837, 691, 958, 807, 809, 687, 1115, 933, 343,
        774, 675, 774, 675, 1085, 1048, 684, 679, 850, 679, 850, 679, 1225, 996, 711, 582,
        773, 641, 837, 701, 837, 701, 851, 688, 851, 688, 851, 688, 734, 593, 771, 652,
        771, 652, 771, 652, 809, 687, 638, 526, 1037, 905, 675, 591, 771, 646, 771, 646,
    ]

    /// U+2000…U+206F.
    static let punctuation: [UInt16] = [
        500, 1000, 500, 1000, 330, 250, 167, 696, 380, 200, 100, 0, 0, 0, 0, 0,
        416, 416, 696, 500, 1000, 1000, 500, 500, 380, 380, 380, 380, 658, 658, 658, 658,
        500, 500, 640, 640, 335, 668, 1000, 349, 0, 0, 0, 0, 0, 0, 0, 200,
        1440, 1887, 264, 447, 630, 264, 447, 630, 733, 413, 413, 973, 627, 581, 500, 829,
        829, 330, 1023, 500, 167, 458, 458, 1031, 829, 829, 514, 637, 500, 500, 523, 400,
        829, 523, 557, 1000, 829, 838, 684, 813, 838, 838, 380, 872, 838, 380, 380, 223,
        0, 0, 0, 0, 0, 65535, 65535, 65535, 65535, 65535, 0, 0, 0, 0, 0, 0,
    ]

    static let tables: [(start: Int, widths: [UInt16])] = [(0x20, latin), (0x400, cyrillic), (0x2000, punctuation)]

    /// The width of one Unicode scalar, in thousandths of an em.
    static func width(of scalar: Unicode.Scalar) -> UInt16 {
        let value = Int(scalar.value)
        for table in tables where value >= table.start && value < table.start + table.widths.count {
            let width = table.widths[value - table.start]
            return width == missing ? unknown : width
        }
        switch value {
        case 0x300...0x36F, 0x200B...0x200F, 0xFE00...0xFE0F, 0x1AB0...0x1AFF, 0x20D0...0x20FF: return 0
        default: return unknown
        }
    }

    /// The width of `text` at `fontSize` (CSS px or SVG user units).
    static func of(_ text: some StringProtocol, fontSize: Double) -> Double {
        Double(text.unicodeScalars.reduce(0) { $0 + Int(width(of: $1)) }) * fontSize / 1000
    }

    /// `text` cut to `limit` wide at `fontSize`, ending in `…`, whole characters kept; nil when it fits as it is.
    static func cut(_ text: String, toFit limit: Double, fontSize: Double) -> String? {
        guard of(text, fontSize: fontSize) > limit else { return nil }
        let room = limit - of("…", fontSize: fontSize)
        var kept = ""
        var used = 0.0
        for character in text {
            let width = of(String(character), fontSize: fontSize)
            guard used + width <= room else { break }
            kept.append(character)
            used += width
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + "…"
    }
}
