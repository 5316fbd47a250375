#!/usr/bin/env python3
"""Load and crash test of `leadtrail serve` on loopback (issue 13, acceptance 3 and 4). Bounded in time.

    swift build -c release --traits Server          # --traits Team for --db postgres://…
    python3 Benchmarks/server_load.py .build/release/leadtrail [--seconds 10] [--connections 32] [--write]
    python3 Benchmarks/server_load.py .build/release/leadtrail --db postgres://leadtrail@127.0.0.1:5432/leadtrail

On a fresh database (a SQLite file in a temporary folder; with --db postgres://USER@HOST:PORT/DB a new database
`leadtrail_load_<8 hex>` made with `psql` on that server beside DB and dropped at the end, the password from the URL,
$PGPASSWORD or ~/.pgpass as psql finds it), contacting only the loopback address:

1. `wrk` on `GET /r/{slug}` for --seconds: redirects per second and latency percentiles. A Lua script counts the
   answers by class; the database must then hold every answered click (touches >= 3xx answers, and at most one more
   per connection: the requests wrk left in flight when its time was up, which the server still finished).
2. `wrk` on a JSON webhook, each request a new submission: webhooks per second, leads checked the same way.
3. kill -9 under load: 8 client threads send clicks, each with its own `yclid`, and the server gets SIGKILL after
   2 s; every click answered 302 must be in the database, and the database's checks must pass: SQLite's
   `PRAGMA integrity_check`; on PostgreSQL every foreign key checked row by row and the touch table counted through
   its `record_key` index and by a table scan alike (`pg_amcheck` needs an extension only a superuser may install).

Prints a Markdown section (SQLite and PostgreSQL each their own); --write also puts it into BENCHMARKS.md (replacing
the previous one of the same store) and into Benchmarks/results/server.md (server-postgres.md), which `run.py`
appends when it rewrites BENCHMARKS.md. Exits 1 when anything answered is missing or the database is damaged; a
missed speed target is reported, not failed.
"""
import argparse
import http.client
import os
import pathlib
import platform
import re
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADING = "## `leadtrail serve` on loopback (issue 13)"
HEADING_POSTGRES = "## `leadtrail serve` on loopback over PostgreSQL (issue 13)"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TARGET_RPS = 5000
TARGET_P99_MS = 20.0

# Counts answers by class in every wrk thread and prints the sums: wrk's own "Non-2xx or 3xx" line is absent when
# there were none, and it cannot say how many were 3xx.
COUNTING_LUA = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function init(args)
  answered = 0
  other = 0
  n = 0
end
function response(status, headers, body)
  if status >= 200 and status < 400 then answered = answered + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local a, o = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("answered")
    o = o + thread:get("other")
  end
  io.write(string.format("LEADTRAIL answered=%d other=%d\\n", a, o))
end
"""

# Each wrk thread numbers its own requests under its own id: every body is a new submission.
WEBHOOK_LUA = COUNTING_LUA + """
request = function()
  n = n + 1
  local body = string.format('{"id":"w%d-%d","submitted_at":"2026-11-02T10:00:00Z","email":"p%d-%d@example.com"}',
                             id, n, id, n)
  return wrk.format("POST", nil, {["Content-Type"]="application/json"}, body)
end
"""


def start(binary, folder, store):
    process = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--hook-rate", "1000000"],
        cwd=folder, env=store.environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = process.stdout.readline()
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if match:
            # Keep draining the log (one line per request) so the pipe never fills; keep its last lines.
            tail = []

            def drain():
                for text in process.stdout:
                    tail.append(text)
                    del tail[:-20]

            threading.Thread(target=drain, daemon=True).start()
            process.log_tail = tail
            return process, int(match.group(1))
        if not line and process.poll() is not None:
            break
    process.kill()
    raise SystemExit("server did not start")


def stop(process):
    process.send_signal(signal.SIGTERM)
    status = process.wait(timeout=60)
    time.sleep(0.2)
    return status, "".join(process.log_tail)


def run(binary, *arguments, folder, store):
    return subprocess.run([binary, *arguments], cwd=folder, env=store.environment(), check=True, capture_output=True,
                          text=True).stdout.strip()


def wrk(url, seconds, connections, script):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", "-s", script,
               "-H", "User-Agent: Mozilla/5.0 (load test)", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    figures = {"raw": output}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures["rps"] = float(match.group(1)) if match else 0.0
    for percentile in ("50", "90", "99"):
        match = re.search(rf"\s{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s)\b", output)
        if match:
            figures[f"p{percentile}"] = float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
    match = re.search(r"(\d+) requests in", output)
    figures["requests"] = int(match.group(1)) if match else 0
    match = re.search(r"LEADTRAIL answered=(\d+) other=(\d+)", output)
    figures["answered"], figures["other"] = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    match = re.search(r"Socket errors: (.*)", output)
    figures["socket_errors"] = match.group(1).strip() if match else "none"
    return figures


class SQLiteDatabase:
    """The server's SQLite file in the run's folder."""

    def __init__(self, folder):
        self.path = os.path.join(folder, "leadtrail.sqlite")
        self.description = "a fresh SQLite database (WAL, `synchronous = NORMAL`)"
        self.heading = HEADING
        self.results = "server.md"

    def environment(self):
        return {key: value for key, value in os.environ.items() if key != "LEADTRAIL_DB"}

    def strings(self, sql):
        connection = sqlite3.connect(self.path)
        try:
            return [row[0] for row in connection.execute(sql).fetchall()]
        finally:
            connection.close()

    def count(self, sql):
        return int(self.strings(sql)[0])

    def integrity(self):
        checks = self.strings("PRAGMA integrity_check")
        return "ok" if checks == ["ok"] else "; ".join(map(str, checks[:3]))

    def integrity_name(self):
        return "`PRAGMA integrity_check`"

    def drop(self):
        pass


class PostgresDatabase:
    """A fresh database made beside the one of `url` on its (loopback) server with psql, dropped by `drop`."""

    # Every single-column foreign key, row by row, then the count of unvalidated ones (one file, which the
    # end-to-end ServerLoadTests run too).
    FOREIGN_KEYS = (pathlib.Path(__file__).resolve().parent / "postgres_foreign_keys.sql").read_text()

    def __init__(self, url, prefix):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or not parts.hostname:
            raise SystemExit(f"--db: expected postgres://USER@HOST:PORT/DATABASE, not {self.shown(url)}")
        if parts.hostname not in LOOPBACK:
            raise SystemExit(f"--db: the load test contacts the loopback address only, not {parts.hostname}")
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", prefix):
            raise SystemExit(f"--pg-prefix: use lower-case letters, digits and '_', not {prefix!r}")
        self.name = prefix + uuid.uuid4().hex[:8]
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self.admin_url = url
        self.heading = HEADING_POSTGRES
        self.results = "server-postgres.md"
        try:
            self.psql(self.admin_url, f'CREATE DATABASE "{self.name}"')
        except RuntimeError as error:
            raise SystemExit(f"--db: cannot make a database for the run: {error}")
        version = self.psql(self.url, "SHOW server_version").split()[0]
        self.description = (f"a fresh PostgreSQL {version} database on {parts.hostname}:{parts.port or 5432} "
                            f"(the server's own settings)")

    @staticmethod
    def shown(url):
        """The URL without its password, for messages."""
        parts = urllib.parse.urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
        return urllib.parse.urlunsplit(parts._replace(netloc=netloc))

    def psql(self, url, sql):
        result = subprocess.run(
            ["psql", "--no-psqlrc", "--quiet", "--no-align", "--tuples-only", "--set", "ON_ERROR_STOP=1",
             "--dbname", url, "--command", sql],
            capture_output=True, text=True, timeout=300, env=dict(os.environ, PGCONNECT_TIMEOUT="10"))
        if result.returncode != 0:
            message = result.stderr.strip().replace(url, self.shown(url))
            raise RuntimeError(f"psql on {self.shown(url)}: {message}")
        return result.stdout.strip()

    def environment(self):
        return dict(os.environ, LEADTRAIL_DB=self.url)

    def count(self, sql):
        return int(self.psql(self.url, sql))

    def strings(self, sql):
        text = self.psql(self.url, sql)
        return text.split("\n") if text else []

    def integrity(self):
        try:
            unvalidated = self.psql(self.url, self.FOREIGN_KEYS)
        except RuntimeError as error:
            return str(error)
        if unvalidated != "0":
            return f"{unvalidated} foreign keys not validated"
        heap = self.psql(self.url, "SET enable_indexscan = off; SET enable_indexonlyscan = off; "
                                   "SET enable_bitmapscan = off; SELECT count(*) FROM touch WHERE record_key > ''")
        index = self.psql(self.url, "SET enable_seqscan = off; SELECT count(*) FROM touch WHERE record_key > ''")
        return "ok" if heap == index else f"touch: {heap} rows in the table, {index} through its index"

    def integrity_name(self):
        return "every foreign key checked row by row, and the touch index against a table scan"

    def drop(self):
        try:
            self.psql(self.admin_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except RuntimeError as error:
            print(f"could not drop {self.name}: {error}")


def kill9(binary, folder, store):
    process, port = start(binary, folder, store)
    answered = []
    lock = threading.Lock()
    stop_clients = threading.Event()

    def client(worker):
        number = 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while not stop_clients.is_set():
            number += 1
            click = f"k{worker}-{number}"
            try:
                connection.request("GET", f"/r/bench?yclid={click}", headers={"User-Agent": "Mozilla/5.0"})
                response = connection.getresponse()
                response.read()
                if response.status == 302:
                    with lock:
                        answered.append(click)
            except (OSError, http.client.HTTPException):
                connection.close()
                if process.poll() is not None:
                    return
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)

    threads = [threading.Thread(target=client, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stop_clients.set()
    for thread in threads:
        thread.join(timeout=10)
    stored = set(store.strings("SELECT click_id FROM touch WHERE click_id LIKE 'k%'"))
    missing = [click for click in answered if click not in stored]
    integrity = store.integrity()
    return {"answered": len(answered), "stored": len(stored), "missing": len(missing), "integrity": integrity}


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    banner = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    match = re.search(r"wrk (\S+)", banner)
    wrk_version = f"wrk {match.group(1)}" if match else "wrk"
    try:
        with open("/etc/os-release") as handle:
            system = re.search(r'PRETTY_NAME="([^"]+)"', handle.read()).group(1)
    except (OSError, AttributeError):
        system = platform.platform()
    return {"cpu": cpu, "cores": os.cpu_count(), "os": f"{system}, Linux {platform.release()}", "wrk": wrk_version}


def busy_processes():
    """What else used the CPU in the second before the run (from /proc, not `ps`'s lifetime averages), and how many
    processes were stopped (SIGSTOP, state T) meanwhile, e.g. compilers paused so that the run has the cores."""
    def sample():
        ticks, stopped = {}, 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    text = handle.read()
            except OSError:
                continue
            name = text[text.index("(") + 1:text.rindex(")")]
            fields = text[text.rindex(")") + 2:].split()
            if fields[0] == "T":
                stopped += 1
            ticks[entry] = (name, int(fields[11]) + int(fields[12]))
        return ticks, stopped
    before, _ = sample()
    time.sleep(1)
    after, stopped = sample()
    hertz = os.sysconf("SC_CLK_TCK")
    used = sorted(((ticks - before[pid][1]) * 100 / hertz, name) for pid, (name, ticks) in after.items()
                  if pid in before and name not in ("python3",))
    busy = [f"{name} {percent:.0f}%" for percent, name in reversed(used) if percent >= 5][:6]
    said = ", ".join(busy) or "nothing above 5% CPU"
    return said + (f"; {stopped} processes stopped (SIGSTOP) for the run" if stopped else "")

def rows_check(answered, stored, connections):
    """Every answered request is stored; at most one per connection more (left in flight by wrk at its deadline)."""
    return answered <= stored <= answered + connections


def section(arguments, figures, store):
    redirects, hooks, crash = figures["redirects"], figures["hooks"], figures["crash"]
    m = figures["machine"]
    given = f" --db {PostgresDatabase.shown(arguments.db)}" if arguments.db else ""
    lines = [store.heading, "",
             f"Measured with `python3 Benchmarks/server_load.py {arguments.binary_shown} --seconds {arguments.seconds} "
             f"--connections {arguments.connections}{given}` on {figures['date']} (commit {figures['commit']}): a "
             f"**{figures['build']}** build, {m['wrk']} from Debian with 2 threads and {arguments.connections} "
             f"connections on 127.0.0.1, {store.description}. Machine: {m['cpu']}, "
             f"{m['cores']} cores shared by wrk and the server, {m['os']}. Load average before the run: "
             f"{figures['load']}; other processes using CPU at the start: {figures['busy']}.", "",
             "| test | requests | per second | p50 | p90 | p99 | non-2xx/3xx | answered 2xx/3xx | rows written |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, result, rows, what in (("`GET /r/{slug}` (302 + touch)", redirects, figures["touches"], "touches"),
                                     ("`POST /hooks/…` JSON (new lead each)", hooks, figures["leads"], "leads")):
        lines.append(
            f"| {name} | {result['requests']:,} | {result['rps']:,.0f} | {result.get('p50', 0):.2f} ms "
            f"| {result.get('p90', 0):.2f} ms | {result.get('p99', 0):.2f} ms | {result['other']} "
            f"| {result['answered']:,} | {rows:,} {what} |")
    met = redirects["rps"] >= TARGET_RPS and redirects.get("p99", 1e9) < TARGET_P99_MS and redirects["other"] == 0
    verdict = "met" if met else (
        f"not met: {redirects['rps']:,.0f} redirects/s is {redirects['rps'] / TARGET_RPS:.0%} of "
        f"{TARGET_RPS:,}, p99 {redirects.get('p99', 0):.1f} ms against < {TARGET_P99_MS:.0f} ms")
    lines += ["",
              f"**Target (≥ {TARGET_RPS:,} recorded redirects/s, p99 < {TARGET_P99_MS:.0f} ms, nothing lost): "
              f"{verdict}.** Rows written equal the answers plus the requests wrk still had in flight when its time "
              f"was up (at most one per connection, finished and stored by the server): "
              f"{'checked' if figures['rows_ok'] else '**failed**'}.", "",
              f"**kill -9 under load:** 8 client threads sent clicks, each with its own `yclid`, and the server got "
              f"SIGKILL after 2 s: {crash['answered']:,} clicks were answered 302, {crash['stored']:,} were in the "
              f"database, {crash['missing']} answered but missing; {store.integrity_name()}: {crash['integrity']}.",
              "",
              f"The server's last log line: `{figures['stopped']}`."]
    if store.heading == HEADING:
        lines += ["", "PostgreSQL: measured with `--db postgres://…`, in a section of its own."]
    # What a run cannot know (the profile, what changed) is written by hand and kept beside the figures.
    notes = os.path.join(HERE, "SERVER_NOTES.md")
    if store.heading == HEADING and os.path.exists(notes):
        with open(notes, encoding="utf-8") as handle:
            lines += ["", handle.read().strip()]
    return "\n".join(lines) + "\n"


def write_section(text, store):
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", store.results), "w", encoding="utf-8") as handle:
        handle.write(text)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    with open(path, encoding="utf-8") as handle:
        current = handle.read()
    heading = store.heading + "\n"
    start_at = current.find(heading)
    if start_at < 0:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        following = current.find("\n## ", start_at + len(heading))
        rest = current[following + 1:] if following >= 0 else ""
        updated = current[:start_at] + text + ("\n" + rest if rest else "")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(updated)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--write", action="store_true", help="put the section into BENCHMARKS.md")
    parser.add_argument("--build", choices=("release", "debug"),
                        help="how the binary was built (default: release when its path has /release/)")
    parser.add_argument("--db", help="postgres://USER@127.0.0.1:PORT/DB: serve a fresh database made on that server "
                                     "(a binary built with --traits Team); SQLite when absent")
    parser.add_argument("--pg-prefix", default="leadtrail_load_",
                        help="the name prefix of the fresh PostgreSQL database (default leadtrail_load_)")
    arguments = parser.parse_args()
    arguments.binary_shown = arguments.binary
    binary = os.path.abspath(arguments.binary)
    figures = {
        "machine": machine(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": " ".join(open("/proc/loadavg").read().split()[:3]),
        "busy": busy_processes(),
        "build": arguments.build or ("release" if "/release/" in binary else "debug"),
        "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True).stdout.strip(),
    }
    with tempfile.TemporaryDirectory(prefix="leadtrail-load-") as folder:
        store = PostgresDatabase(arguments.db, arguments.pg_prefix) if arguments.db else SQLiteDatabase(folder)
        try:
            status = measure(binary, arguments, figures, folder, store)
        finally:
            store.drop()

    figures["rows_ok"] = (rows_check(figures["redirects"]["answered"], figures["touches"], arguments.connections)
                          and rows_check(figures["hooks"]["answered"], figures["leads"], arguments.connections))
    text = section(arguments, figures, store)
    print(text)
    if arguments.write:
        write_section(text, store)
    crash = figures["crash"]
    if crash["missing"] or crash["integrity"] != "ok" or not figures["rows_ok"] or status != 0:
        raise SystemExit(1)


def measure(binary, arguments, figures, folder, store):
    """The three parts on `store`; returns the server's exit status after its SIGTERM."""
    run(binary, "init", folder=folder, store=store)
    run(binary, "link", "add", "bench", "--to", "https://shop.example/", "--campaign", "bench", "--source",
        "yandex", "--medium", "cpc", folder=folder, store=store)
    hook = run(binary, "hook", "add", "bench", "--format", "json", folder=folder, store=store)
    counting = os.path.join(folder, "count.lua")
    with open(counting, "w") as handle:
        handle.write(COUNTING_LUA)
    webhook = os.path.join(folder, "hook.lua")
    with open(webhook, "w") as handle:
        handle.write(WEBHOOK_LUA)
    process, port = start(binary, folder, store)
    try:
        figures["redirects"] = wrk(f"http://127.0.0.1:{port}/r/bench", arguments.seconds, arguments.connections,
                                   counting)
        time.sleep(0.5)
        figures["touches"] = store.count("SELECT COUNT(*) FROM touch")
        figures["hooks"] = wrk(f"http://127.0.0.1:{port}{hook}", arguments.seconds, arguments.connections, webhook)
        time.sleep(0.5)
        figures["leads"] = store.count("SELECT COUNT(*) FROM lead")
    finally:
        status, log = stop(process)
    stopped = [line for line in log.splitlines() if "stopped" in line]
    figures["stopped"] = stopped[-1].split("] ", 1)[-1].strip() if stopped else f"none (exit status {status})"
    figures["crash"] = kill9(binary, folder, store)
    return status


if __name__ == "__main__":
    main()
