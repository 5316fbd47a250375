#!/usr/bin/env python3
"""A second year of history for the benchmark: the generated files moved a year on, as other people.

    python3 Benchmarks/second_year.py --source DATA_DIR --out DATA_DIR/year2

The harness appends it to the database after the first year's reports and runs them again: a report of June 2025
must cost about what it did with one year kept (SPEC "Performance": a report's time grows with its period, not with
the history kept).

Every time is moved 365 days on (2025 and 2026 have no 29 February, so the year's digits alone change), and every
identity is made new, so that nothing links the second year to the first: visitor ids, record ids and click ids get
a `y2` prefix, emails a `y2.` prefix, phones one more in their last nine digits, written the same way (the generator's
are `9` and `(i × 7919 + 104729)` for the i-th lead, all below 800 million and all 1782 modulo 7919, so one more is
never a first-year number, and keeps the leading 9 that makes ten bare digits a Russian mobile). The first year's journeys, conversions and figures are therefore the same after the append, which the
harness checks by comparing June's reports before and after.
"""
import argparse
import json
import os
import re

TIME = re.compile(r'(")(\d{4})(-\d\d-\d\dT)')
VISITOR = re.compile(r'("visitor":\s*")')
RECORD_ID = re.compile(r'("id":\s*")')
CLICK_ID = re.compile(r'(clid=)')
EMAIL = re.compile(r'("email":\s*")')
PHONE = re.compile(r'("phone":\s*")([^"]*)')


def later(match):
    return f"{match.group(1)}{int(match.group(2)) + 1}{match.group(3)}"


def phone(match):
    text = match.group(2)
    positions = [i for i, ch in enumerate(text) if ch.isdigit()][-9:]
    digits = f"{int(''.join(text[i] for i in positions)) + 1:09d}"
    chars = list(text)
    for i, digit in zip(positions, digits):
        chars[i] = digit
    return match.group(1) + "".join(chars)


def moved(line):
    line = TIME.sub(later, line)
    line = VISITOR.sub(r"\1y2", line)
    line = RECORD_ID.sub(r"\1y2", line)
    line = CLICK_ID.sub(r"\1y2", line)
    line = EMAIL.sub(r"\1y2.", line)
    return PHONE.sub(phone, line)


def moved_csv_date(line):
    """A CSV row starting with an ISO date: the same day a year on."""
    if line[:4].isdigit() and line[4:5] == "-":
        return f"{int(line[:4]) + 1}{line[4:]}"
    return line


def ensure(source, out):
    """Writes the second year into `out` unless it is there already for the same first year (by its manifest)."""
    with open(os.path.join(source, "manifest.json"), encoding="utf-8") as fh:
        manifest = json.load(fh)
    stamp = os.path.join(out, "manifest.json")
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as fh:
            if json.load(fh) == manifest:
                return manifest
    os.makedirs(out, exist_ok=True)
    for name in ("clicks.ndjson", "forms.ndjson", "deals.ndjson"):
        with open(os.path.join(source, name), encoding="utf-8") as src, \
                open(os.path.join(out, name), "w", encoding="utf-8") as dst:
            for line in src:
                dst.write(moved(line))
    for name in ("spend.csv", "rates.csv"):
        with open(os.path.join(source, name), encoding="utf-8") as src, \
                open(os.path.join(out, name), "w", encoding="utf-8") as dst:
            for line in src:
                dst.write(moved_csv_date(line))
    with open(stamp, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="the first year's folder (generate.py's --out)")
    parser.add_argument("--out", required=True, help="folder to write the second year into")
    args = parser.parse_args()
    ensure(args.source, args.out)


if __name__ == "__main__":
    main()
