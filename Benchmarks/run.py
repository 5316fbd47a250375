#!/usr/bin/env python3
"""LeadTrail's benchmark: one command builds a release binary, generates the SPEC's data set and measures it.

    python3 Benchmarks/run.py                 # the whole benchmark (4 minutes on 2 cores, 8-10 the first time)
    python3 Benchmarks/run.py --smoke --binary .build/debug/leadtrail     # CI: tiny data, output shapes only

Each step runs under /usr/bin/time -v (wall time, peak RSS). Results go to Benchmarks/results/latest.json and,
for a full run, to BENCHMARKS.md at the repository root. See Benchmarks/README.md.
Standard library only; the reference package runs in its own virtual environment (--venv).
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import journeys  # noqa: E402  (a sibling module of this script)
import second_year  # noqa: E402

MODELS = ("first_touch", "last_touch", "last_non_direct", "linear", "position_based", "time_decay", "markov")
YEAR = ("2025-01-01", "2025-12-31")
MONTH = ("2025-06-01", "2025-06-30")
QUARTER = ("2025-04-01", "2025-06-30")
# Reports over a month, a quarter and the year: a report's time must grow with its period, not with the history kept.
PERIODS = (("month", MONTH), ("quarter", QUARTER), ("year", YEAR))
GIB = 1024 * 1024  # in KiB, the unit of /usr/bin/time's peak RSS
ATTRIBUTION_HEADER = ("report", "conversion", "model", "by", "from", "to", "timezone", "lookback_days", "currency",
                      "rows", "unattributed", "totals")
ROAS_METRICS = ("spend", "impressions", "reach", "clicks", "engagements", "touches", "leads", "deals", "won",
                "revenue", "ctr", "cpc", "cpm", "er", "cpl", "cac", "roas", "romi", "aov", "lead_rate", "win_rate")
REFERENCE_PACKAGES = (["numpy", "pandas"], ["matplotlib", "channelattribution"])


def log(message):
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- measuring one step
def cpu_busy(seconds=1.0):
    """The share of the machine's CPU time (all cores) spent outside idle and iowait over `seconds`."""
    def sample():
        with open("/proc/stat", encoding="utf-8") as fh:
            values = [int(x) for x in fh.readline().split()[1:]]
        return sum(values), values[3] + values[4]
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_until_quiet(limit):
    """Waits up to `limit` seconds for other work (a build, say) to stop, so that it does not skew a timing.

    Returns the CPU share in use just before the step, which the results show beside it."""
    global settle_budget
    limit = min(limit, settle_budget)
    started = time.monotonic()
    busy = cpu_busy(0.5)
    if busy > QUIET and limit > 0:
        log(f"the machine is {busy:.0%} busy; waiting up to {limit:.0f} s for it to settle")
        while busy > QUIET and time.monotonic() - started < limit:
            time.sleep(2)
            busy = cpu_busy(1.0)
    settle_budget -= time.monotonic() - started
    return busy


QUIET = 0.15  # of all cores; this harness itself uses next to nothing between steps
settle_budget = 300.0  # seconds of waiting in a whole run, so that a machine that stays busy still ends in time


class Step:
    """One measured command: wall time, peak RSS, exit status, the first line of stderr when it failed."""

    def __init__(self, name, argv, timeout, cwd=None, stdin=None, quiet=False, settle=0, input_text=None):
        self.name, self.argv = name, argv
        self.seconds = self.peak_rss_kib = self.exit = None
        self.stdout = self.stderr = ""
        self.error = None
        self.busy = wait_until_quiet(settle) if settle else None  # a busy machine skews timings; results show it
        rss_file = os.path.join(RUN_DIR, "time.txt")
        if os.path.exists(rss_file):
            os.remove(rss_file)
        # Without GNU time (a bare CI image) the step is still run and timed, only its peak RSS is unknown.
        wrapper = ["/usr/bin/time", "-v", "-o", rss_file] if os.path.exists("/usr/bin/time") else []
        started = time.monotonic()
        proc = subprocess.Popen(wrapper + argv, cwd=cwd, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            self.stdout, self.stderr = proc.communicate(input=input_text, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: only the step and its children
            self.stdout, self.stderr = proc.communicate()
            self.error = f"timeout after {timeout} s"
        self.seconds = time.monotonic() - started
        self.exit = proc.returncode
        usage = ""
        if os.path.exists(rss_file):
            with open(rss_file, encoding="utf-8") as fh:
                usage = fh.read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", usage)
        self.peak_rss_kib = int(m.group(1)) if m else None
        m = re.search(r"Exit status: (\d+)", usage)
        if m:
            self.exit = int(m.group(1))
        if self.error is None and self.exit != 0:
            first = next((line for line in self.stderr.splitlines() if line.strip()), f"exit status {self.exit}")
            self.error = first.strip()
        if not quiet or not self.ok:
            log(f"{name}: {'ok' if self.ok else 'failed: ' + self.error} in {self.seconds:.2f} s, "
                f"peak RSS {self.peak_rss_kib / 1024 if self.peak_rss_kib else 0:.0f} MiB")

    @property
    def ok(self):
        return self.error is None

    def record(self, **extra):
        out = dict(name=self.name, command=" ".join(shorten(a) for a in self.argv),
                   status="ok" if self.ok else f"failed: {self.error}", seconds=round(self.seconds, 3),
                   peak_rss_mib=round(self.peak_rss_kib / 1024, 1) if self.peak_rss_kib else None,
                   cpu_busy_before=round(self.busy, 2) if self.busy is not None else None)
        out.update(extra)
        return out


def shorten(arg):
    """Commands in the results name files relative to the repository or the work folder, for readability."""
    for prefix, short in ((RUN_DIR, "$RUN"), (DATA_DIR, "$DATA"), (ROOT + os.sep, "")):
        if prefix and arg.startswith(prefix):
            return short + arg[len(prefix):]
    return arg


def json_output(step):
    try:
        return json.loads(step.stdout)
    except ValueError as error:
        step.error = step.error or f"output is not JSON: {error}"
        return None


# --------------------------------------------------------------------------- the machine
def machine():
    def first_line(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return None

    cpu = None
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as fh:
        mem_kib = int(re.search(r"MemTotal:\s+(\d+)", fh.read()).group(1))
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as fh:
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', fh.read(), re.M)
            os_name = f"{m.group(1)}, Linux {platform.release()}" if m else os_name
    return dict(cpu=cpu, cores=os.cpu_count(), memory_gib=round(mem_kib / GIB, 1), os=os_name,
                swift=first_line(["swift", "--version"]), sqlite=first_line(["sqlite3", "--version"]),
                python=platform.python_version(),
                commit=first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
                load_at_start=round(os.getloadavg()[0], 2))


# --------------------------------------------------------------------------- build and data
def build_release():
    """`swift build -c release --static-swift-stdlib` (the binary a user installs: it needs no Swift toolchain and
    starts without resolving the toolchain's libraries, 10 ms of a short report) into its own scratch folder, so that
    it never fights the debug build's."""
    log("building the release binary (about 2 minutes from scratch)")
    started = time.monotonic()
    for attempt in range(3):
        proc = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path",
                               os.path.join(ROOT, ".build-release"), "--product", "leadtrail"],
                              cwd=ROOT, capture_output=True, text=True)
        # Someone saving a source file mid-build is worth another try; a compile error is not.
        if proc.returncode == 0 or "was modified during the build" not in proc.stdout + proc.stderr:
            break
        log("a source file changed during the build; building again")
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit(f"release build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    log(f"release build: {seconds:.1f} s")
    return os.path.join(ROOT, ".build-release", "release", "leadtrail"), round(seconds, 1)


def ensure_data(scale):
    """Generated files, cached by scale and by the generator's digest (a changed generator regenerates)."""
    manifest_path = os.path.join(DATA_DIR, "manifest.json")
    digest = generator_digest()
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as fh:
            manifest = json.load(fh)
        if manifest.get("scale") == scale and manifest.get("generator_sha256") == digest:
            log(f"data: cached in {DATA_DIR}")
            return manifest, dict(status="cached", seconds=manifest["seconds"], peak_rss_mib=None)
    log(f"generating the data set at scale {scale} into {DATA_DIR}")
    step = Step("generate", [sys.executable, os.path.join(HERE, "generate.py"), "--scale", str(scale),
                             "--out", DATA_DIR], timeout=1800)
    if not step.ok:
        sys.exit(f"generator failed: {step.error}\n{step.stderr[-3000:]}")
    with open(manifest_path, encoding="utf-8") as fh:
        return json.load(fh), step.record()


def generator_digest():
    with open(os.path.join(HERE, "generate.py"), "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


# --------------------------------------------------------------------------- the sqlite3 reference
def touch_csv(path):
    """clicks.ndjson as rows of LeadTrail's `touch` table, in CSV for the sqlite3 shell (cached beside the data).

    The conversion is not timed: it stands for the parsing LeadTrail does inside its own import."""
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(os.path.join(DATA_DIR, "clicks.ndjson")):
        return
    log("converting clicks to CSV for sqlite3 (once per data set)")
    campaigns = {}
    tmp = path + ".tmp"
    with open(os.path.join(DATA_DIR, "clicks.ndjson"), encoding="utf-8") as src, \
            open(tmp, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "record_key", "at", "visitor", "url", "referrer", "utm_source", "utm_medium",
                    "utm_campaign", "utm_content", "utm_term", "click_id_type", "click_id", "channel", "origin",
                    "campaign_id", "batch_id"])
        for n, line in enumerate(src, 1):
            rec = json.loads(line)
            params = journeys.query_values(rec.get("url") or "")
            utm = [rec.get(name) or (urllib.parse.unquote_plus(params[name]) if name in params else "")
                   for name in journeys.UTM_FIELDS]
            click = next(((k, params[k]) for k in ("gclid", "yclid", "fbclid", "vkclid") if k in params), ("", ""))
            key = journeys.campaign_key(rec, params)
            campaign = 0 if key == journeys.NONE_KEY else campaigns.setdefault(key, len(campaigns) + 1)
            at = int(journeys.epoch(rec["at"]) * 1_000_000)
            record_key = rec.get("id") or hashlib.md5(line.encode()).hexdigest()
            w.writerow([n, record_key, at, rec["visitor"], rec.get("url", ""), rec.get("referrer", "")] + utm +
                       [click[0], click[1], rough_channel(utm, rec.get("referrer"), click[0]), "click", campaign, 1])
    os.replace(tmp, path)


def rough_channel(utm, referrer, click_id):
    """A channel name of the right length; the reference only has to store one, not to be right about it."""
    source, medium = utm[0].lower(), utm[1].lower()
    if not any(utm) and not referrer:
        return "paid_search" if click_id in ("gclid", "yclid") else "direct"
    if "cp" in medium or medium.startswith(("paid", "target")) or medium == "ppc":
        return "paid_search" if source in ("yandex", "google") else "paid_social"
    if medium == "email":
        return "email"
    return "organic_social" if medium == "social" else "referral"


def touch_table_sql():
    """schema/0001_init.sql's `touch` table with its five indexes as the migrations leave them (schema 3 widened
    the visitor and click-id indexes into covering ones, schema 16 the time index, and added the form touches' index),
    for the sqlite3 shell: the same table and indexes
    LeadTrail imports into.

    Foreign keys go (their parent tables are not there); `campaign_id` carries 0 where LeadTrail has NULL and the
    partial click-id index tests `<> ''`, because the shell's .import writes an empty field as '' and a STRICT
    INTEGER column refuses it. The rows indexed and their sizes stay the same."""
    with open(os.path.join(ROOT, "schema", "0001_init.sql"), encoding="utf-8") as fh:
        schema = fh.read()
    table = re.search(r"CREATE TABLE touch \(.*?\) STRICT;", schema, re.S).group(0)
    latest = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "schema"))):
        if not re.match(r"\d{4}_.*\.sql$", name):
            continue
        with open(os.path.join(ROOT, "schema", name), encoding="utf-8") as fh:
            for match in re.finditer(r"CREATE INDEX (touch_\w+) ON touch\([^;]*;", fh.read()):
                latest[match.group(1)] = match.group(0)
    indexes = list(latest.values())
    table = re.sub(r"\s+REFERENCES \w+\(\w+\)", "", table)
    table = re.sub(r"--[^\n]*\n", "\n", table)
    indexes = [i.replace("WHERE click_id IS NOT NULL", "WHERE click_id <> ''") for i in indexes]
    if len(indexes) != 5:
        raise RuntimeError(f"expected the touch table's 5 indexes in schema/, found {len(indexes)}")
    return table + "\n" + "\n".join(indexes) + "\n"


# --------------------------------------------------------------------------- output checks
def check_attribution(doc, problems, label):
    """SPEC "JSON reports": the header, rows of key/conversions/value, and rows + unattributed = totals."""
    if not isinstance(doc, dict):
        problems.append(f"{label}: not a JSON object")
        return
    missing = [k for k in ATTRIBUTION_HEADER if k not in doc]
    if missing:
        problems.append(f"{label}: missing {', '.join(missing)}")
        return
    rows = doc["rows"]
    if not all(isinstance(r, dict) and {"key", "conversions", "value"} <= r.keys() for r in rows):
        problems.append(f"{label}: a row lacks key/conversions/value")
        return
    for field in ("conversions", "value"):
        total = sum(r[field] for r in rows) + doc["unattributed"][field]
        if abs(total - doc["totals"][field]) > 0.01:
            problems.append(f"{label}: rows + unattributed {field} = {total:.6f}, totals say {doc['totals'][field]}")


def attribution_warnings(doc):
    """What the SPEC asks beyond the shape; reported, not failed on."""
    if not isinstance(doc, dict) or not isinstance(doc.get("rows"), list):
        return []
    rows = doc["rows"]
    order = sorted(rows, key=lambda r: (-round(r["value"], 2), r["key"]))
    out = []
    if [r["key"] for r in rows] != [r["key"] for r in order]:
        out.append("rows are not sorted by value descending, then key")
    if any(r["conversions"] == 0 and r["value"] == 0 for r in rows):
        out.append("rows with zero credit are printed")
    return out


def check_roas(doc, problems, label):
    if not isinstance(doc, dict):
        problems.append(f"{label}: not a JSON object")
        return
    missing = [k for k in ATTRIBUTION_HEADER if k not in doc]
    if missing:
        problems.append(f"{label}: missing {', '.join(missing)}")
        return
    for r in doc["rows"]:
        lacking = [m for m in ("key",) + ROAS_METRICS if m not in r]
        if lacking:
            problems.append(f"{label}: row {r.get('key')!r} lacks {', '.join(lacking)}")
            return
    lacking = [m for m in ROAS_METRICS if m not in doc["totals"]]
    if lacking:
        problems.append(f"{label}: totals lack {', '.join(lacking)}")
        return
    for field in ("leads", "deals", "won", "revenue"):
        total = sum(r[field] for r in doc["rows"]) + doc["unattributed"].get(field, 0)
        if abs(total - doc["totals"][field]) > 0.01:
            problems.append(f"{label}: rows + unattributed {field} = {total:.6f}, totals say {doc['totals'][field]}")
    spend = sum(r["spend"] or 0 for r in doc["rows"])
    if abs(spend - (doc["totals"]["spend"] or 0)) > 0.01:
        problems.append(f"{label}: rows' spend {spend:.2f} differs from the totals' {doc['totals']['spend']}")


# --------------------------------------------------------------------------- the run
def run_leadtrail(binary, manifest, results):
    db = os.path.join(RUN_DIR, "leadtrail.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    lt = [binary, "--db", db]
    problems = results["problems"]
    steps = results["steps"]

    def data(name):
        return os.path.join(DATA_DIR, name)

    step = Step("init", lt + ["init"], timeout=60)
    steps.append(step.record())
    if not step.ok:
        problems.append(f"init: {step.error}")
        return {}

    # Monthly rates through the CLI (it has no bulk path; 12 calls cost well under a second in all).
    started, peak, failed = time.monotonic(), 0, None
    for day, src, dst, rate in journeys.monthly_rates(data("rates.csv")):
        s = Step(f"rate set {day}", lt + ["rate", "set", src, dst, rate, "--date", day], timeout=60, quiet=True)
        peak = max(peak, s.peak_rss_kib or 0)
        failed = failed or (None if s.ok else s.error)
    steps.append(dict(name="rate set ×12", command="leadtrail rate set USD RUB R --date YYYY-MM-01 (×12)",
                      status="ok" if not failed else f"failed: {failed}", seconds=round(time.monotonic() - started, 3),
                      peak_rss_mib=round(peak / 1024, 1)))
    log(f"rate set ×12: {steps[-1]['status']} in {steps[-1]['seconds']:.2f} s")
    if failed:
        problems.append(f"rate set: {failed}")

    expected_counts = dict(clicks=manifest["clicks"], forms=manifest["leads"], deals=manifest["deals"],
                           spend=manifest["spend_rows"])
    imports = {}
    for kind, file in (("clicks", "clicks.ndjson"), ("forms", "forms.ndjson"), ("deals", "deals.ndjson"),
                       ("spend", "spend.csv")):
        # The shell's insert of the forms' rows is a reference, like its .import of clicks: not in a smoke run.
        before = forms_reference_copy(db) if kind == "forms" and not SMOKE else None
        step = Step(f"import {kind}", lt + ["import", kind, data(file), "--format", "json"], timeout=900,
                    settle=SETTLE)
        summary = json_output(step) if step.ok else None
        rows = expected_counts[kind]
        extra = dict(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None)
        if summary is not None:
            extra["summary"] = {k: summary.get(k) for k in ("read", "imported", "updated", "duplicates", "skipped",
                                                            "rejected")}
            if summary.get("read") != rows or summary.get("imported") != rows:
                problems.append(f"import {kind}: read {summary.get('read')}, imported {summary.get('imported')}, "
                                f"expected {rows} of each")
        if kind == "clicks":
            extra.update(target="≥ 1.0 × sqlite3 .import rows/s")
        elif kind == "forms":
            extra.update(target="≥ 50,000 rows/s")
        if not step.ok:
            problems.append(f"import {kind}: {step.error}")
        imports[kind] = step
        steps.append(step.record(**extra))
        if before and step.ok:
            steps.append(forms_reference(db, before, rows))

    # The same files again change nothing: SPEC "What an import promises"; it must cost no more than the import.
    for kind, file in (("clicks", "clicks.ndjson"), ("forms", "forms.ndjson")):
        step = Step(f"re-import {kind}", lt + ["import", kind, data(file), "--format", "json"], timeout=900,
                    settle=SETTLE)
        summary = json_output(step) if step.ok else None
        rows = expected_counts[kind]
        if summary is not None and (summary.get("imported") or summary.get("updated")):
            problems.append(f"re-import {kind}: imported {summary.get('imported')}, updated {summary.get('updated')}")
        if not step.ok:
            problems.append(f"re-import {kind}: {step.error}")
        steps.append(step.record(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None,
                                 target=f"≤ import {kind}'s time"))

    reports = {}
    for model in MODELS:
        limit = 2.0 if model == "markov" else 1.5
        argv = lt + ["report", "attribution", "--model", model, "--by", "campaign", "--from", YEAR[0], "--to", YEAR[1],
                     "--conversion", "sale", "--format", "json"]
        step, record = repeated(f"attribution {model}", argv, target=f"< {limit} s", target_seconds=limit)
        doc = json_output(step) if step.ok else None
        if step.ok:
            check_attribution(doc, problems, f"attribution {model}")
            reports[model] = doc
        else:
            problems.append(f"attribution {model}: {step.error}")
        record["warnings"] = attribution_warnings(doc)
        steps.append(record)

    argv = lt + ["report", "roas", "--by", "campaign", "--from", MONTH[0], "--to", MONTH[1], "--format", "json"]
    step, record = repeated("roas one month", argv, target="< 0.1 s", target_seconds=0.1)
    doc = json_output(step) if step.ok else None
    if step.ok:
        check_roas(doc, problems, "roas")
        reports["roas"] = doc
    else:
        problems.append(f"roas: {step.error}")
    steps.append(record)

    # The cost of a report by its period: ROAS and one heuristic model over a month, a quarter and the year; then
    # again with a second year of history appended, which must not change them and must not slow the month down.
    def by_period(history):
        outputs = {}
        for period, (start, end) in PERIODS:
            for name, argv in (
                    ("roas", lt + ["report", "roas", "--by", "campaign", "--from", start, "--to", end, "--format",
                                   "json"]),
                    ("linear", lt + ["report", "attribution", "--model", "linear", "--by", "campaign", "--from",
                                     start, "--to", end, "--conversion", "sale", "--format", "json"])):
                label = f"{name} {period}" + ("" if history == 1 else f" ({history} years kept)")
                step, record = repeated(label, argv, period=period, report=name, history=history)
                if step.ok:
                    outputs[(name, period)] = step.stdout
                else:
                    problems.append(f"{label}: {step.error}")
                steps.append(record)
        return outputs

    before = by_period(1)
    if append_second_year(lt, manifest, steps, problems):
        after = by_period(2)
        for key, text in after.items():
            if key in before and before[key] != text:
                problems.append(f"{key[0]} {key[1]}: the report of 2025 changed when 2026 was appended")
        month, month2 = ({s["report"]: s for s in steps if s.get("period") == "month" and s.get("history") == h}
                         for h in (1, 2))
        for name in month2:
            if name in month and month[name]["status"] == month2[name]["status"] == "ok":
                growth = month2[name]["seconds"] / month[name]["seconds"]
                month2[name].update(growth=round(growth, 3), target="≤ 1.10 × the month with one year kept")
    return reports


def append_second_year(lt, manifest, steps, problems):
    """Appends `second_year.py`'s files (the first year moved on to 2026, other people) to the database: its rates,
    then each import. Returns whether every step worked."""
    folder = os.path.join(DATA_DIR, "year2")
    started = time.monotonic()
    second_year.ensure(DATA_DIR, folder)
    log(f"second year's files ready in {time.monotonic() - started:.1f} s")
    for day, src, dst, rate in journeys.monthly_rates(os.path.join(folder, "rates.csv")):
        s = Step(f"rate set {day}", lt + ["rate", "set", src, dst, rate, "--date", day], timeout=60, quiet=True)
        if not s.ok:
            problems.append(f"second year: rate set: {s.error}")
            return False
    expected = dict(clicks=manifest["clicks"], forms=manifest["leads"], deals=manifest["deals"],
                    spend=manifest["spend_rows"])
    for kind, file in (("clicks", "clicks.ndjson"), ("forms", "forms.ndjson"), ("deals", "deals.ndjson"),
                       ("spend", "spend.csv")):
        step = Step(f"import {kind} (second year)", lt + ["import", kind, os.path.join(folder, file), "--format",
                                                          "json"], timeout=900, settle=SETTLE)
        summary = json_output(step) if step.ok else None
        rows = expected[kind]
        steps.append(step.record(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None,
                                 second_year=True))
        if not step.ok:
            problems.append(f"second year: import {kind}: {step.error}")
            return False
        if summary is None or summary.get("imported") != rows:
            problems.append(f"second year: import {kind}: imported {summary and summary.get('imported')}, "
                            f"expected {rows}")
            return False
    return True


def repeated(name, argv, **extra):
    """A read-only step run REPEAT times: the median run stands for it (a single run of a few seconds varies by
    10-20% here), every time is kept, and the peak RSS is the largest seen."""
    runs = []
    for _ in range(REPEAT):
        runs.append(Step(name, argv, timeout=300, settle=SETTLE))
        if not runs[-1].ok:
            break
    ok = [r for r in runs if r.ok]
    step = sorted(ok, key=lambda r: r.seconds)[len(ok) // 2] if len(ok) == len(runs) else runs[-1]
    record = step.record(**extra)
    record["runs_seconds"] = [round(r.seconds, 3) for r in runs]
    peaks = [r.peak_rss_kib for r in runs if r.peak_rss_kib]
    if peaks:
        record["peak_rss_mib"] = round(max(peaks) / 1024, 1)
    return step, record


def run_sqlite_reference(manifest, results):
    csv_path = os.path.join(DATA_DIR, "touch.csv")
    touch_csv(csv_path)
    db = os.path.join(RUN_DIR, "sqlite3-reference.sqlite")
    if os.path.exists(db):
        os.remove(db)
    subprocess.run(["sqlite3", db], input=touch_table_sql(), text=True, check=True)
    step = Step("sqlite3 .import", ["sqlite3", db, ".import --csv --skip 1 " + csv_path + " touch"], timeout=900,
                settle=SETTLE)
    count = subprocess.run(["sqlite3", db, "SELECT count(*) FROM touch"], capture_output=True, text=True).stdout
    rows = manifest["clicks"]
    if step.ok and count.strip() != str(rows):
        step.error = f"imported {count.strip()} rows of {rows}"
    results["steps"].append(step.record(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None))


# The tables `import forms` writes, in the order it fills them: the rows of a forms batch (and the journeys kept for
# it) that the sqlite3 shell inserts again into the database as it was before the import.
FORMS_TABLES = (
    ("import_batch", "id = {batch}"),
    ("lead", "batch_id = {batch}"),
    ("stage_change", "lead_id IN (SELECT id FROM src.lead WHERE batch_id = {batch})"),
    ("submission", "batch_id = {batch}"),
    ("touch", "batch_id = {batch}"),
    ("lead_visitor", "batch_id = {batch}"),
    ("visitor_path", "visitor IN (SELECT visitor FROM src.touch WHERE batch_id = {batch})"),
    ("lead_path", "lead_id IN (SELECT id FROM src.lead WHERE batch_id = {batch})"),
    # Schema 22: the days of the forms' touches (their counts as the import left them) and the dropped forms.
    ("touch_day", "day IN (SELECT (at - (at < 0) * 86399999999) / 86400000000 FROM src.touch WHERE batch_id = {batch})"),
    ("dropped_form", "touch_id IN (SELECT id FROM src.touch WHERE batch_id = {batch})"),
)


def forms_reference_copy(db):
    """The database as the clicks left it, copied aside (untimed) for the shell's insert of the forms' rows."""
    before = os.path.join(RUN_DIR, "forms-reference.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(before + suffix):
            os.remove(before + suffix)
        if os.path.exists(db + suffix) and suffix != "-shm":
            shutil.copyfile(db + suffix, before + suffix)
    return before


def forms_reference(db, before, rows):
    """The sqlite3 shell inserting the rows `import forms` wrote — leads, stage changes, submissions, form touches,
    lead visitors, and the visitor and lead paths, day counts and dropped forms kept for them — into the same tables,
    indexes, triggers and foreign keys, from a staged copy, in one transaction with LeadTrail's import cache size: the floor of writing
    that batch on this schema, without parsing, judging duplicates or working out the paths. Staging is untimed."""
    stage = os.path.join(RUN_DIR, "forms-stage.sqlite")
    if os.path.exists(stage):
        os.remove(stage)
    batch = "(SELECT MAX(id) FROM src.import_batch WHERE kind = 'forms')"
    staging = [f"ATTACH '{db}' AS src;"] + [
        f"CREATE TABLE {table} AS SELECT * FROM src.{table} WHERE {where.format(batch=batch)};"
        for table, where in FORMS_TABLES]
    staged = subprocess.run(["sqlite3", "-bail", stage], input="\n".join(staging), text=True, capture_output=True)
    if staged.returncode != 0:
        raise RuntimeError(f"staging the forms' rows: {staged.stderr.strip()}")
    script = "\n".join(
        ["PRAGMA foreign_keys = ON;", "PRAGMA synchronous = NORMAL;", "PRAGMA temp_store = MEMORY;",
         "PRAGMA cache_size = -196608;", f"ATTACH '{stage}' AS staged;", "BEGIN;"]
        + [f"INSERT OR REPLACE INTO main.{table} SELECT * FROM staged.{table};" for table, _ in FORMS_TABLES]
        + ["DELETE FROM lead_path_stale;", "COMMIT;"])
    step = Step("sqlite3 forms' rows", ["sqlite3", "-bail", before], timeout=900, stdin=subprocess.PIPE,
                settle=SETTLE, input_text=script)
    count = subprocess.run(["sqlite3", before, "SELECT count(*) FROM submission"], capture_output=True,
                           text=True).stdout.strip()
    if step.ok and count != str(rows):
        step.error = f"{count} submissions after the insert, expected {rows}"
    for path in (stage, before, before + "-wal", before + "-shm"):
        if os.path.exists(path):
            os.remove(path)
    return step.record(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None)


def ensure_venv(venv):
    """The reference package's virtual environment, made once: numpy/pandas first (wheels), then channelattribution
    (compiled from source, minutes). Returns its python, or None with the reason."""
    python = os.path.join(venv, "bin", "python")
    marker = os.path.join(venv, ".leadtrail-bench-ready")
    if os.path.exists(marker):
        return python, None
    log(f"making the reference environment in {venv} (once; channelattribution compiles C++ for minutes)")
    try:
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True, text=True)
        for packages in REFERENCE_PACKAGES:
            proc = subprocess.run([python, "-m", "pip", "install", "--quiet"] + packages, capture_output=True,
                                  text=True, timeout=1800)
            if proc.returncode != 0:
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["pip failed"]
                return (python if packages != REFERENCE_PACKAGES[0] else None), \
                    f"pip install {' '.join(packages)}: {tail[0]}"
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"{type(error).__name__}: {error}"
    open(marker, "w").close()
    return python, None


def cross_check(reports, results, venv, with_reference):
    """LeadTrail's attribution against the exact figures rebuilt from the files, and beside channelattribution."""
    log("rebuilding journeys from the files (independent of LeadTrail)")
    started = time.monotonic()
    expected = journeys.Expected(DATA_DIR, YEAR)
    rows, unattributed, totals = expected.heuristics()
    paths = expected.markov_paths()
    exact = journeys.exact_markov_shares(paths)
    check = dict(seconds=round(time.monotonic() - started, 1), data_problems=expected.problems,
                 form_touches=expected.form_touches, expected_totals=dict(conversions=totals[0],
                                                                          value=journeys.money(totals[1])),
                 expected_unattributed=dict(conversions=unattributed[0], value=journeys.money(unattributed[1])),
                 paths=journeys.dump_counts(paths), models={})
    for model in MODELS:
        doc = reports.get(model)
        if not isinstance(doc, dict) or "rows" not in doc:
            continue
        ours = {r["key"]: r for r in doc["rows"]}
        entry = dict(totals_diff=dict(
            conversions=round(doc["totals"]["conversions"] - totals[0], 6),
            value=round(doc["totals"]["value"] - journeys.money(totals[1]), 2)))
        if model == "markov":
            attributed = sum(r["conversions"] for r in doc["rows"])
            shares = {k: r["conversions"] / attributed for k, r in ours.items()} if attributed else {}
            entry["max_share_diff_vs_exact"] = max_diff(shares, exact)
            entry["worst_key"] = worst_key(shares, exact)
        else:
            want = rows[model]
            entry["max_conversions_diff"] = round(max_diff({k: r["conversions"] for k, r in ours.items()},
                                                           {k: v[0] for k, v in want.items()}), 6)
            entry["max_value_diff"] = round(max_diff({k: r["value"] for k, r in ours.items()},
                                                     {k: float(v[1]) for k, v in want.items()}), 2)
            entry["worst_key"] = worst_key({k: r["conversions"] for k, r in ours.items()},
                                           {k: v[0] for k, v in want.items()})
        check["models"][model] = entry
    roas = reports.get("roas")
    if isinstance(roas, dict) and isinstance(roas.get("totals"), dict):
        want = expected.roas_totals(*MONTH)
        check["roas_totals"] = {k: dict(ours=roas["totals"].get(k), expected=v) for k, v in want.items()}
    results["cross_check"] = check

    ref = dict(status="skipped")
    if with_reference:
        python, reason = ensure_venv(venv)
        if python is None:
            ref = dict(status=f"unavailable: {reason}")
        else:
            tsv = os.path.join(RUN_DIR, "paths.tsv")
            journeys.write_paths_tsv(paths, tsv)
            step = Step("channelattribution", [python, os.path.join(HERE, "reference.py"), tsv], timeout=1800,
                        settle=SETTLE)
            out = None
            if step.ok:
                try:
                    out = json.loads(step.stdout.strip().splitlines()[-1])
                except (ValueError, IndexError) as error:
                    step.error = f"unreadable output: {error}"
            if out is None:
                ref = dict(status=f"unavailable: {step.error}")
            else:
                ref = dict(status=f"unavailable: {reason or out.get('unavailable')}"
                           if reason or "unavailable" in out else "ok",
                           version=out.get("channelattribution_version"),
                           peak_rss_mib=round(step.peak_rss_kib / 1024, 1) if step.peak_rss_kib else None,
                           numpy_exact_vs_stdlib_exact=max_diff(out["exact"], exact), shapes={})
                ours = reports.get("markov")
                our_shares = None
                if isinstance(ours, dict) and ours.get("rows"):
                    attributed = sum(r["conversions"] for r in ours["rows"])
                    our_shares = {r["key"]: r["conversions"] / attributed for r in ours["rows"]}
                for shape in ("aggregated", "per_journey"):
                    if shape not in out:
                        continue
                    o = out[shape]
                    entry = dict(rows=o["rows"], heuristic_seconds=round(o["heuristic_seconds"], 3),
                                 markov_seconds=round(o["markov_seconds"], 3),
                                 markov_share_diff_vs_exact=max_diff(o["markov"], exact),
                                 markov_relative_diff_vs_exact=max_relative_diff(o["markov"], exact),
                                 first_touch_diff_vs_exact=max_diff(o["heuristic"]["first_touch"],
                                                                    {k: v[0] for k, v in rows["first_touch"].items()}),
                                 last_touch_diff_vs_exact=max_diff(o["heuristic"]["last_touch"],
                                                                   {k: v[0] for k, v in rows["last_touch"].items()}))
                    if our_shares:
                        entry["markov_share_diff_vs_ours"] = max_diff(o["markov"], our_shares)
                    ref["shapes"][shape] = entry
    results["reference"] = ref


def max_diff(a, b):
    return max((abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b)), default=0.0)


def max_relative_diff(a, b, floor=0.01):
    """The largest |a - b| / b over the keys whose exact share b is at least `floor` (1%)."""
    return max((abs(a.get(k, 0.0) - v) / v for k, v in b.items() if v >= floor), default=0.0)


def worst_key(a, b):
    keys = sorted(set(a) | set(b))
    return max(keys, key=lambda k: abs(a.get(k, 0.0) - b.get(k, 0.0)), default=None)


# --------------------------------------------------------------------------- PostgreSQL (opt-in: --postgres URL)
def pg_url(base, database):
    """`base` (postgres://user@host:port/db?options) naming `database` instead; never holds a password here."""
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def pg_shown(url):
    """A URL for the results: without a password, should one have been written into it."""
    parts = urllib.parse.urlsplit(url)
    netloc = re.sub(r":[^@]*@", "@", parts.netloc)
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def psql(url, sql, timeout=120):
    """Runs SQL through psql on `url` (the password from PGPASSWORD or ~/.pgpass); returns stdout or raises."""
    proc = subprocess.run(["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"], input=sql,
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError((proc.stderr.strip() or f"psql exit status {proc.returncode}").splitlines()[0])
    return proc.stdout.strip()


def pg_touch_table_sql():
    """schema/postgres's `touch` table with its secondary indexes as the migrations leave them (schema 3 widened the
    visitor and click-id indexes into covering ones, schema 12 added the id to the visitor's, schema 13 indexed form
    touches by time): the table and indexes LeadTrail imports into, for `psql \\copy`.
    Foreign keys go (their parent tables are not there); the reference's `campaign_id` carries 0 where LeadTrail has
    NULL, as in the sqlite3 reference's CSV."""
    folder = os.path.join(ROOT, "schema", "postgres")
    with open(os.path.join(folder, "0001_init.sql"), encoding="utf-8") as fh:
        schema = fh.read()
    table = re.search(r"CREATE TABLE touch \(.*?\n\);", schema, re.S).group(0)
    latest = {}
    for name in sorted(os.listdir(folder)):
        if not re.match(r"\d{4}_.*\.sql$", name):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            for match in re.finditer(r"CREATE INDEX (touch_\w+) ON touch\([^;]*;", fh.read()):
                latest[match.group(1)] = match.group(0)
    table = re.sub(r"\s+REFERENCES \w+\(\w+\)", "", table)
    table = re.sub(r"--[^\n]*\n", "\n", table)
    if len(latest) != 5:
        raise RuntimeError(f"expected the touch table's 5 indexes in schema/postgres, found {len(latest)}")
    return table + "\n" + "\n".join(latest.values()) + "\n"


def run_postgres(binary, manifest, base_url, prefix):
    """The PostgreSQL column: the same imports and reports as SQLite's, into a fresh database on `base_url`'s server,
    and `psql \\copy` of the same clicks into the same table and indexes in another fresh database. Both databases
    are dropped at the end."""
    result = dict(status="ok", server=pg_shown(base_url), steps=[], problems=[])
    ours, theirs = f"{prefix}_leadtrail", f"{prefix}_copy"
    try:
        result["version"] = psql(base_url, "SHOW server_version;")
        result["settings"] = dict(line.split("|", 1) for line in psql(base_url, """
            SELECT name, setting || coalesce(unit, '') FROM pg_settings
            WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'synchronous_commit', 'max_wal_size',
                           'fsync') ORDER BY name;""").splitlines())
        for name in (ours, theirs):
            psql(base_url, f'DROP DATABASE IF EXISTS "{name}";')
            psql(base_url, f'CREATE DATABASE "{name}";')
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        result["status"] = f"unavailable: {error}"
        log(f"PostgreSQL: {result['status']}")
        return result
    try:
        # The reference first, then LeadTrail's clicks straight after it: the pair sees the same load.
        pg_reference(manifest, pg_url(base_url, theirs), result)
        pg_leadtrail(binary, manifest, pg_url(base_url, ours), result)
    finally:
        for name in (ours, theirs):
            try:
                psql(base_url, f'DROP DATABASE IF EXISTS "{name}";')
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                log(f"PostgreSQL: could not drop {name}: {error}")
    return result


def pg_leadtrail(binary, manifest, url, result):
    lt = [binary, "--db", url]
    steps, problems = result["steps"], result["problems"]

    def data(name):
        return os.path.join(DATA_DIR, name)

    step = Step("pg init", lt + ["init"], timeout=120)
    steps.append(step.record())
    if not step.ok:
        problems.append(f"PostgreSQL init: {step.error}")
        return
    for day, src, dst, rate in journeys.monthly_rates(data("rates.csv")):
        s = Step(f"pg rate set {day}", lt + ["rate", "set", src, dst, rate, "--date", day], timeout=60, quiet=True)
        if not s.ok:
            problems.append(f"PostgreSQL rate set: {s.error}")
            break
    expected = dict(clicks=manifest["clicks"], forms=manifest["leads"], deals=manifest["deals"],
                    spend=manifest["spend_rows"])
    for kind, file in (("clicks", "clicks.ndjson"), ("forms", "forms.ndjson"), ("deals", "deals.ndjson"),
                       ("spend", "spend.csv")):
        step = Step(f"pg import {kind}", lt + ["import", kind, data(file), "--format", "json"], timeout=3600,
                    settle=SETTLE)
        summary = json_output(step) if step.ok else None
        rows = expected[kind]
        extra = dict(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None)
        if summary is not None and (summary.get("read") != rows or summary.get("imported") != rows):
            problems.append(f"PostgreSQL import {kind}: read {summary.get('read')}, imported "
                            f"{summary.get('imported')}, expected {rows} of each")
        if not step.ok:
            problems.append(f"PostgreSQL import {kind}: {step.error}")
        steps.append(step.record(**extra))
    for model in MODELS:
        argv = lt + ["report", "attribution", "--model", model, "--by", "campaign", "--from", YEAR[0], "--to", YEAR[1],
                     "--conversion", "sale", "--format", "json"]
        step, record = repeated(f"pg attribution {model}", argv)
        if step.ok:
            check_attribution(json_output(step), problems, f"PostgreSQL attribution {model}")
        else:
            problems.append(f"PostgreSQL attribution {model}: {step.error}")
        steps.append(record)
    argv = lt + ["report", "roas", "--by", "campaign", "--from", MONTH[0], "--to", MONTH[1], "--format", "json"]
    step, record = repeated("pg roas one month", argv)
    if step.ok:
        check_roas(json_output(step), problems, "PostgreSQL roas")
    else:
        problems.append(f"PostgreSQL roas: {step.error}")
    steps.append(record)


def pg_reference(manifest, url, result):
    """`psql \\copy` of the clicks (as rows of the touch table, the CSV the sqlite3 reference loads) into the touch
    table and indexes of schema/postgres in a fresh database: one statement, one transaction."""
    csv_path = os.path.join(DATA_DIR, "touch.csv")
    touch_csv(csv_path)
    try:
        psql(url, pg_touch_table_sql())
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        result["problems"].append(f"psql \\copy reference: {error}")
        return
    columns = ("id, record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign, utm_content, "
               "utm_term, click_id_type, click_id, channel, origin, campaign_id, batch_id")
    command = f"\\copy touch ({columns}) FROM '{csv_path}' WITH (FORMAT csv, HEADER true)"
    step = Step("psql \\copy", ["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command], timeout=3600,
                settle=SETTLE)
    rows = manifest["clicks"]
    if not step.ok:
        result["problems"].append(f"psql \\copy: {step.error}")
    result["steps"].append(step.record(rows=rows, rows_per_s=round(rows / step.seconds) if step.ok else None))


# --------------------------------------------------------------------------- BENCHMARKS.md
def markdown(results):
    m, steps = results["machine"], {s["name"]: s for s in results["steps"]}
    build = results.get("build_seconds")
    lines = ["# LeadTrail benchmarks", "",
             f"Generated by `python3 Benchmarks/run.py` on {results['finished_at']} (scale {results['scale']:g}, "
             f"commit {m.get('commit')}, binary `{results['binary']}`, whole run {results['total_seconds']:.0f} s); "
             "raw figures in `Benchmarks/results/latest.json`, method in `Benchmarks/README.md`.", "",
             "## Machine", "", "| | |", "|---|---|",
             f"| CPU | {m['cpu']} |", f"| cores | {m['cores']} |", f"| memory | {m['memory_gib']} GiB |",
             f"| OS | {m['os']} |", f"| Swift | {m['swift']} |", f"| SQLite (shell) | {m['sqlite']} |",
             f"| Python | {m['python']} |", f"| load average at start | {m['load_at_start']} |", "",
             "Each timed step first waits (up to a minute) for the CPU to be quiet; the tables show how busy it "
             "still was (other processes' share of both cores), since another build running beside a step slows "
             "it down.", ""]
    d, g = results["data"], results["generate"]
    lines += ["## Data set", "",
              f"{d['visitors']:,} visitors, {d['clicks']:,} clicks, {d['leads']:,} leads "
              f"({d['visitorless_leads']:,} without a visitor), {d['deals']:,} deals ({d['won']:,} won, {d['lost']:,} "
              f"lost, {d['open']:,} open), {d['spend_rows']:,} spend rows of {d['campaigns']} campaigns, one year "
              f"(2025). Generated in {g['seconds']:.1f} s" + (" (cached from an earlier run)" if g["status"] == "cached"
                                                             else f", peak RSS {g['peak_rss_mib']:.0f} MiB") + ". "
              + (f"Release build: {build:.1f} s (incremental when the build folder is warm)." if build is not None
                 else "Binary given on the command line (not built)."), ""]

    def rss(s):
        return f"{s['peak_rss_mib']:.0f} MiB" if s.get("peak_rss_mib") else "—"

    def verdict(s, limit=None):
        if s["status"] != "ok":
            return s["status"]
        ok = (limit is None or s["seconds"] < limit) and (s.get("peak_rss_mib") or 0) < 1024
        return "pass" if ok else "**fail**"

    def seconds(x):
        return f"{x * 1000:.1f} ms" if x < 0.1 else f"{x:.2f} s"

    def load(s):
        return f"{s['cpu_busy_before']:.0%}" if s.get("cpu_busy_before") is not None else "—"

    lines += ["## Import", "", "| step | time | rows/s | peak RSS | target | result | CPU busy before |",
              "|---|---|---|---|---|---|---|"]
    theirs = steps.get("sqlite3 .import")
    theirs_forms = steps.get("sqlite3 forms' rows")
    for name in ("init", "rate set ×12", "import clicks", "sqlite3 .import", "import forms", "sqlite3 forms' rows",
                 "import deals", "import spend", "re-import clicks", "re-import forms"):
        s = steps.get(name)
        if not s:
            continue
        target, result = "< 1 GiB", verdict(s)
        rate = f"{s['rows_per_s']:,}" if s.get("rows_per_s") else "—"
        if name == "import clicks":
            target = "≥ 1.0 × sqlite3, < 1 GiB"
            if s.get("rows_per_s") and theirs and theirs.get("rows_per_s"):
                ratio = s["rows_per_s"] / theirs["rows_per_s"]
                rate += f" (**{ratio:.2f} ×** sqlite3)"
                result = "pass" if ratio >= 1.0 and (s.get("peak_rss_mib") or 0) < 1024 else "**fail**"
        elif name == "import forms" and s.get("rows_per_s"):
            target = "≥ 50,000 rows/s, < 1 GiB"
            result = "pass" if s["rows_per_s"] >= 50_000 and (s.get("peak_rss_mib") or 0) < 1024 else "**fail**"
            if theirs_forms and theirs_forms.get("rows_per_s"):
                rate += f" ({s['rows_per_s'] / theirs_forms['rows_per_s']:.2f} × sqlite3's insert)"
        elif name.startswith("re-import") and s["status"] == "ok":
            first = steps.get(name.replace("re-import", "import"))
            target = "≤ the import's time"
            result = "pass" if first and s["seconds"] <= first["seconds"] else "**fail**"
        elif name == "sqlite3 .import":
            target, result = "the reference", s["status"]
        elif name == "sqlite3 forms' rows":
            target, result = "the reference: the rows `import forms` wrote, inserted again", s["status"]
        lines.append(f"| `{name}` | {s['seconds']:.2f} s | {rate} | {rss(s)} | {target} | {result} | {load(s)} |")
    if theirs_forms:
        lines += ["", "`sqlite3 forms' rows` is the sqlite3 shell inserting, in one transaction, the rows `import forms` "
                  "wrote (leads, stage changes, submissions, form touches, lead visitors, and the visitor and lead paths, "
                  "day counts and dropped forms kept for them) into the database as the clicks left it, with the same indexes, triggers, foreign keys "
                  "and cache size: what writing that batch costs on this schema before any parsing, duplicate judging or "
                  "path building."]
    ref = results.get("reference", {})
    shapes = ref.get("shapes", {}) if ref.get("status") == "ok" else {}
    per_journey, aggregated = shapes.get("per_journey"), shapes.get("aggregated")
    lines += ["", "## Reports", "",
              f"Each report's time is the median of {results.get('repeat', 1)} runs (all of them are in the JSON). "
              "The reference column is the Python package channelattribution on the same conversion paths, one row per "
              "journey as in the SPEC's figures (and, in brackets, with identical paths aggregated into counts).", "",
              "| step | time | peak RSS | target | result | CPU busy before | reference |",
              "|---|---|---|---|---|---|---|"]
    for model in MODELS + ("roas",):
        s = steps.get("roas one month" if model == "roas" else f"attribution {model}")
        if not s:
            continue
        beside = "—"
        if per_journey and s["status"] == "ok" and model != "roas":
            key = "markov_seconds" if model == "markov" else "heuristic_seconds"
            what = "markov_model" if model == "markov" else "heuristic_models"
            ratio = per_journey[key] / s["seconds"]
            beside = (f"`{what}` {seconds(per_journey[key])} = **{ratio:.2g} ×** ours "
                      f"({seconds(aggregated[key])})")
        label = ("`report roas` (June, by campaign)" if model == "roas"
                 else f"`report attribution --model {model}` (year, by campaign)")
        lines.append(f"| {label} | {s['seconds']:.2f} s | {rss(s)} | {s['target']}, < 1 GiB | "
                     f"{verdict(s, s['target_seconds'])} | {load(s)} | {beside} |")
    periods = [s for s in results["steps"] if s.get("period")]
    if periods:
        appended = any(s.get("history") == 2 for s in periods)
        lines += ["", "### By period" + (", and with a second year kept" if appended else ""), "",
                  "The same reports over June, the second quarter and the year 2025 (median of "
                  f"{results.get('repeat', 1)} runs): a report should cost what its period holds."
                  + (" Then again after a second year (2026: `Benchmarks/second_year.py`, the first moved on a year, "
                     "other people) is appended: the reports must not change, and June's must not cost more than 10% "
                     "more." if appended else " (This run did not append a second year.)"), "",
                  "| report | history kept | month | quarter | year | peak RSS | month's target | result |",
                  "|---|---|---|---|---|---|---|---|"]
        for report in ("roas", "linear"):
            for history in (1, 2):
                row = {s["period"]: s for s in periods
                       if s["report"] == report and s.get("history", 1) == history}
                if not row:
                    continue
                label = "`report roas --by campaign`" if report == "roas" else \
                    "`report attribution --model linear --by campaign --conversion sale`"
                cells = [(seconds(row[p]["seconds"]) if row[p]["status"] == "ok" else row[p]["status"])
                         if p in row else "—" for p in ("month", "quarter", "year")]
                peak = max((r.get("peak_rss_mib") or 0 for r in row.values()), default=0)
                month = row.get("month", {})
                target, result = "—", "—"
                if month.get("growth") is not None:
                    target = f"≤ 1.10 × one year's (**{month['growth']:.2f} ×**)"
                    result = "pass" if month["growth"] <= 1.10 else "**fail**"
                kept = "one year" if history == 1 else "two years"
                lines.append(f"| {label} | {kept} | " + " | ".join(cells) + f" | {peak:.0f} MiB | {target} | "
                             f"{result} |")
        appended = [s for s in results["steps"] if s.get("second_year")]
        if appended:
            lines += ["", "The second year's imports into the first year's database: " + ", ".join(
                f"`{s['name'].replace(' (second year)', '')}` {seconds(s['seconds'])}"
                + (f" ({s['rows_per_s']:,} rows/s)" if s.get("rows_per_s") else "") for s in appended) + "."]
    check = results.get("cross_check")
    if check:
        t, u, p = check["expected_totals"], check["expected_unattributed"], check["paths"]
        lines += ["", "## Correctness beside the timings", "",
                  f"`Benchmarks/journeys.py` rebuilds the journeys from the files alone, by the SPEC's rules: "
                  f"{t['conversions']:,} sales worth {t['value']:,.2f} RUB, {u['conversions']} of them unattributed; "
                  f"{p['converting_paths']:,} converting and {p['null_paths']:,} null paths ({p['distinct_paths']:,} "
                  "distinct). Largest differences of LeadTrail's report from those exact figures:", "",
                  "| model | by campaign | totals |", "|---|---|---|"]
        for model, e in check["models"].items():
            if model == "markov":
                text = f"share {e['max_share_diff_vs_exact']:.1e}"
            else:
                text = f"conversions {e['max_conversions_diff']:g}, value {e['max_value_diff']:,.2f} RUB"
            tot = e["totals_diff"]
            totals = "equal" if not (tot["conversions"] or tot["value"]) else \
                f"off by {tot['conversions']:g} conversions, {tot['value']:,.2f} RUB"
            lines.append(f"| {model} | {text} | {totals} |")
        if check.get("roas_totals"):
            parts = [f"{k} {v['ours']} (expected {v['expected']})" for k, v in check["roas_totals"].items()]
            lines += ["", "`report roas` June totals: " + "; ".join(parts) + "."]
        if check["data_problems"]:
            lines += ["", "Data problems: " + "; ".join(check["data_problems"][:5])]
    lines += ["", f"Reference package channelattribution: {ref.get('status', 'skipped').rstrip('.')}."]
    if per_journey:
        lines[-1] = (f"Reference package channelattribution {ref['version']} (peak RSS {ref['peak_rss_mib']:.0f} MiB): "
                     f"its simulated `markov_model` shares, at its defaults, differ from the exact ones by up to "
                     f"{per_journey['markov_share_diff_vs_exact']:.4f} (relative: "
                     f"{per_journey['markov_relative_diff_vs_exact']:.1%} on a channel of 1% or more) per journey, "
                     f"{aggregated['markov_share_diff_vs_exact']:.4f} "
                     f"({aggregated['markov_relative_diff_vs_exact']:.1%})"
                     " aggregated")
        if "markov_share_diff_vs_ours" in per_journey:
            lines[-1] += f"; from ours by up to {per_journey['markov_share_diff_vs_ours']:.4f}"
        lines[-1] += (f". Its first/last-touch results equal the exact ones to "
                      f"{max(per_journey['first_touch_diff_vs_exact'], per_journey['last_touch_diff_vs_exact']):.1e}; "
                      "numpy's exact Markov solution equals the harness's to "
                      f"{ref['numpy_exact_vs_stdlib_exact']:.1e}.")
    lines += postgres_markdown(results)
    if results["problems"]:
        lines += ["", "## Problems", ""] + [f"- {p}" for p in results["problems"]]
    # Notes written by hand (what a run cannot know: what changed, what the profile says) survive regeneration.
    notes = os.path.join(HERE, "NOTES.md")
    if os.path.exists(notes):
        with open(notes, encoding="utf-8") as fh:
            lines += ["", fh.read().strip()]
    # The server's load figures come from Benchmarks/server_load.py --write (and --db postgres://… for PostgreSQL's),
    # which keeps its sections here too.
    for name in ("server.md", "server-postgres.md"):
        server = os.path.join(HERE, "results", name)
        if os.path.exists(server):
            with open(server, encoding="utf-8") as fh:
                lines += ["", fh.read().strip()]
    return "\n".join(lines) + "\n"


def postgres_markdown(results):
    """The PostgreSQL column: each step beside SQLite's, with the targets of issue 12."""
    pg = results.get("postgres")
    if not pg:
        return []
    lines = ["", "## PostgreSQL", ""]
    if pg["status"] != "ok":
        return lines + [f"Not measured: {pg['status']}."]
    settings = ", ".join(f"`{k}` {v}" for k, v in sorted(pg.get("settings", {}).items()))
    lines += [f"The same data imported by the same binary into a fresh database of PostgreSQL {pg['version']} on this "
              f"machine (over 127.0.0.1; {settings}), measured {pg.get('measured_at', 'in this run')}"
              + (f", load average {pg['load_at_start']} at its start" if pg.get("load_at_start") is not None else "")
              + ". Peak RSS is leadtrail's own (the server's memory is not counted). The reference for `import clicks` "
              "is `psql \\copy` of the same rows (the CSV the sqlite3 reference loads) into the `touch` table and "
              "indexes of `schema/postgres` in another fresh database.", "",
              "| step | SQLite | PostgreSQL | rows/s | peak RSS | target | result | CPU busy before |",
              "|---|---|---|---|---|---|---|---|"]
    ours = {s["name"]: s for s in results.get("steps", [])}
    theirs = {s["name"]: s for s in pg["steps"]}
    reference = theirs.get("psql \\copy")

    def cell(s):
        if not s:
            return "—"
        return f"{s['seconds']:.2f} s" if s["status"] == "ok" else s["status"]

    def rss(s):
        return f"{s['peak_rss_mib']:.0f} MiB" if s and s.get("peak_rss_mib") else "—"

    def busy(s):
        return f"{s['cpu_busy_before']:.0%}" if s and s.get("cpu_busy_before") is not None else "—"

    for kind in ("clicks", "forms", "deals", "spend"):
        s, lite = theirs.get(f"pg import {kind}"), ours.get(f"import {kind}")
        if not s:
            continue
        rate = f"{s['rows_per_s']:,}" if s.get("rows_per_s") else "—"
        target, verdict = "< 1 GiB", ("pass" if s["status"] == "ok" and (s.get("peak_rss_mib") or 0) < 1024
                                      else s["status"] if s["status"] != "ok" else "**fail**")
        if kind == "clicks":
            target = "≥ 0.5 × psql \\copy, < 1 GiB"
            if s.get("rows_per_s") and reference and reference.get("rows_per_s"):
                ratio = s["rows_per_s"] / reference["rows_per_s"]
                rate += f" (**{ratio:.2f} ×** psql \\copy)"
                verdict = "pass" if ratio >= 0.5 and (s.get("peak_rss_mib") or 0) < 1024 else "**fail**"
        lines.append(f"| `import {kind}` | {cell(lite)} | {cell(s)} | {rate} | {rss(s)} | {target} | {verdict} | "
                     f"{busy(s)} |")
        if kind == "clicks" and reference:
            rate = f"{reference['rows_per_s']:,}" if reference.get("rows_per_s") else "—"
            lines.append(f"| `psql \\copy` | — | {cell(reference)} | {rate} | {rss(reference)} | the reference | "
                         f"{reference['status']} | {busy(reference)} |")
    for model in MODELS + ("roas",):
        name = "roas one month" if model == "roas" else f"attribution {model}"
        s, lite = theirs.get(f"pg {name}"), ours.get(name)
        if not s:
            continue
        label = "`report roas` (June, by campaign)" if model == "roas" else f"`report attribution --model {model}` (year)"
        verdict = s["status"]
        ratio = ""
        if s["status"] == "ok" and lite and lite["status"] == "ok":
            factor = s["seconds"] / lite["seconds"]
            ratio = f" (**{factor:.1f} ×** SQLite)"
            verdict = "pass" if factor <= 2.0 and (s.get("peak_rss_mib") or 0) < 1024 else "**fail**"
        lines.append(f"| {label} | {cell(lite)} | {cell(s)}{ratio} | — | {rss(s)} | ≤ 2 × SQLite, < 1 GiB | "
                     f"{verdict} | {busy(s)} |")
    lines += ["", f"Report times are the median of {results.get('repeat', 1)} runs, as SQLite's."]
    if pg["problems"]:
        lines += ["", "Problems: " + "; ".join(pg["problems"])]
    return lines


# --------------------------------------------------------------------------- main
def main():
    global DATA_DIR, RUN_DIR, SETTLE, REPEAT, SMOKE
    parser = argparse.ArgumentParser(description="LeadTrail's benchmark (see Benchmarks/README.md).")
    parser.add_argument("--scale", type=float, default=1.0, help="data set size; 1.0 is the SPEC's (default)")
    parser.add_argument("--smoke", action="store_true",
                        help="CI: scale 0.001, output shapes only, no reference package, no BENCHMARKS.md")
    parser.add_argument("--out", default=os.path.join(HERE, "results"), help="results folder (default %(default)s)")
    parser.add_argument("--binary", help="a leadtrail binary to measure instead of building the release one")
    parser.add_argument("--work", default=os.path.join(HERE, ".data"), help="data and databases (default %(default)s)")
    parser.add_argument("--venv", default="/tmp/lt-bench-venv", help="where channelattribution is installed")
    parser.add_argument("--no-reference", action="store_true", help="skip channelattribution")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each report, the median counts (default %(default)s; 1 with --smoke)")
    parser.add_argument("--postgres", default=os.environ.get("LEADTRAIL_BENCH_POSTGRES"),
                        help="also measure PostgreSQL: a URL whose server and role may create databases (default "
                             "$LEADTRAIL_BENCH_POSTGRES; the password from PGPASSWORD or ~/.pgpass)")
    parser.add_argument("--postgres-prefix", default="pg_bench",
                        help="name prefix of the two databases created and dropped on that server (default %(default)s)")
    parser.add_argument("--only-postgres", action="store_true",
                        help="measure PostgreSQL alone and put its figures beside the SQLite ones of the last "
                             "results in --out (latest.json), rewriting BENCHMARKS.md")
    parser.add_argument("--settle", type=float, default=60,
                        help="seconds each timed step may wait for a busy CPU to settle (default %(default)s; "
                             "0 with --smoke)")
    args = parser.parse_args()
    scale = 0.001 if args.smoke else args.scale
    SETTLE = 0 if args.smoke else args.settle
    REPEAT = 1 if args.smoke else max(1, args.repeat)
    SMOKE = args.smoke
    DATA_DIR = os.path.join(args.work, f"data-{scale:g}")
    RUN_DIR = os.path.join(args.work, f"run-{scale:g}")
    os.makedirs(DATA_DIR, exist_ok=True)
    os.makedirs(RUN_DIR, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()

    results = dict(scale=scale, smoke=args.smoke, repeat=REPEAT,
                   started_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), machine=machine(), steps=[],
                   problems=[])
    if args.binary:
        binary = os.path.abspath(args.binary)
        results["binary"] = args.binary
    else:
        binary, results["build_seconds"] = build_release()
        results["binary"] = shorten(binary)
    manifest, results["generate"] = ensure_data(scale)
    results["data"] = {k: v for k, v in manifest.items() if k not in ("generator_sha256", "seconds")}

    if args.only_postgres:
        if not args.postgres:
            sys.exit("--only-postgres needs --postgres URL (or $LEADTRAIL_BENCH_POSTGRES)")
        previous = os.path.join(args.out, "smoke.json" if args.smoke else "latest.json")
        if not os.path.exists(previous):
            sys.exit(f"--only-postgres puts its figures beside the SQLite ones of {previous}, which does not exist")
        with open(previous, encoding="utf-8") as fh:
            sqlite_results = json.load(fh)
        if sqlite_results.get("scale") != scale:
            sys.exit(f"{previous} is of scale {sqlite_results.get('scale')}, not {scale}")
        postgres = run_postgres(binary, manifest, args.postgres, args.postgres_prefix)
        postgres["measured_at"] = f"on {results['started_at']} (apart from the SQLite run, binary `{results['binary']}`)"
        postgres["load_at_start"] = results["machine"]["load_at_start"]
        sqlite_results["postgres"] = postgres
        results = sqlite_results
    else:
        reports = run_leadtrail(binary, manifest, results)
        if not args.smoke:
            run_sqlite_reference(manifest, results)
            cross_check(reports, results, args.venv, with_reference=not args.no_reference)
        if args.postgres:
            results["postgres"] = run_postgres(binary, manifest, args.postgres, args.postgres_prefix)
            results["postgres"]["load_at_start"] = round(os.getloadavg()[0], 2)
    if args.postgres:
        # A PostgreSQL run measured again replaces the problems of the one before it.
        results["problems"] = [p for p in results["problems"] if not p.startswith("PostgreSQL")]
        results["problems"] += [f"PostgreSQL: {p}" for p in results["postgres"]["problems"]]
        if results["postgres"]["status"] != "ok":
            results["problems"].append(f"PostgreSQL {results['postgres']['status']}")
    if not args.only_postgres:
        results["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        results["total_seconds"] = round(time.monotonic() - started, 1)

    name = "smoke.json" if args.smoke else "latest.json"
    with open(os.path.join(args.out, name), "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    if not args.smoke:
        with open(os.path.join(ROOT, "BENCHMARKS.md"), "w", encoding="utf-8") as fh:
            fh.write(markdown(results))
    log(f"done in {results['total_seconds']} s; results in {os.path.join(args.out, name)}")
    for problem in results["problems"]:
        log(f"problem: {problem}")
    # The smoke test fails on a wrong shape or a failed step; timings never fail it.
    if args.smoke and results["problems"]:
        sys.exit(1)


DATA_DIR = RUN_DIR = None
SETTLE = 0
REPEAT = 1
SMOKE = False

if __name__ == "__main__":
    main()
