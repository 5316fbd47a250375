#!/usr/bin/env python3
"""Load and crash test of `leadtrail serve` on loopback (issue 13, acceptance 3 and 4). Bounded in time.

    python3 Benchmarks/server_load.py BINARY [--seconds 10] [--connections 32]

1. `wrk` on `GET /r/{slug}` for --seconds: redirects per second, latency percentiles, and the touches recorded.
2. `wrk` on a JSON webhook (each request a new submission) for --seconds: webhooks per second.
3. kill -9 under load: 8 client threads send clicks, each with its own `yclid`, while the server is killed with
   SIGKILL after 2 s; every click answered 302 must be in the database, and `PRAGMA integrity_check` must be ok.

Only 127.0.0.1 is contacted. Prints a Markdown section for BENCHMARKS.md.
"""
import argparse
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time


def start(binary, folder):
    process = subprocess.Popen(
        [binary, "serve", "--listen", "127.0.0.1:0", "--hook-rate", "1000000"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        line = process.stdout.readline()
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if match:
            # Keep draining the log so the pipe never fills.
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, int(match.group(1))
    process.kill()
    raise SystemExit("server did not start")


def run(binary, *arguments, folder):
    return subprocess.run([binary, *arguments], cwd=folder, check=True, capture_output=True, text=True).stdout.strip()


def wrk(url, seconds, connections, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 30).stdout
    figures = {"raw": output}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    figures["rps"] = float(match.group(1)) if match else 0.0
    for percentile in ("50", "90", "99"):
        match = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)", output)
        if match:
            value = float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
            figures[f"p{percentile}"] = value
    match = re.search(r"(\d+) requests in", output)
    figures["requests"] = int(match.group(1)) if match else 0
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["bad"] = int(match.group(1)) if match else 0
    return figures


def count(database, sql):
    connection = sqlite3.connect(database)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def kill9(binary, folder, database):
    process, port = start(binary, folder)
    answered = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(worker):
        number = 0
        while not stop.is_set():
            number += 1
            click = f"k{worker}-{number}"
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", f"/r/bench?yclid={click}", headers={"User-Agent": "Mozilla/5.0"})
                if connection.getresponse().status == 302:
                    with lock:
                        answered.append(click)
                connection.close()
            except OSError:
                if process.poll() is not None:
                    return

    threads = [threading.Thread(target=client, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    stored = {row[0] for row in count(database, "SELECT click_id FROM touch WHERE click_id LIKE 'k%'")}
    missing = [click for click in answered if click not in stored]
    integrity = count(database, "PRAGMA integrity_check")[0][0]
    return {"answered": len(answered), "stored": len(stored), "missing": len(missing), "integrity": integrity}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    with tempfile.TemporaryDirectory(prefix="leadtrail-load-") as folder:
        database = os.path.join(folder, "leadtrail.sqlite")
        run(binary, "init", folder=folder)
        run(binary, "link", "add", "bench", "--to", "https://shop.example/", "--campaign", "bench", "--source",
            "yandex", "--medium", "cpc", folder=folder)
        hook = run(binary, "hook", "add", "bench", "--format", "json", folder=folder)
        process, port = start(binary, folder)
        try:
            redirects = wrk(f"http://127.0.0.1:{port}/r/bench", arguments.seconds, arguments.connections)
            touches = count(database, "SELECT COUNT(*) FROM touch")[0][0]
            script = os.path.join(folder, "hook.lua")
            with open(script, "w") as handle:
                # Each wrk thread numbers its own requests under its own id: every body is a new submission.
                handle.write(
                    'local threads = 0\n'
                    'function setup(thread)\n'
                    '  threads = threads + 1\n'
                    '  thread:set("id", threads)\n'
                    'end\n'
                    'local n = 0\n'
                    'request = function()\n'
                    '  n = n + 1\n'
                    '  local body = string.format(\'{"id":"w%d-%d","submitted_at":"2026-11-02T10:00:00Z",'
                    '"email":"p%d-%d@example.com"}\', id, n, id, n)\n'
                    '  return wrk.format("POST", nil, {["Content-Type"]="application/json"}, body)\n'
                    'end\n')
            hooks = wrk(f"http://127.0.0.1:{port}{hook}", arguments.seconds, arguments.connections, script)
            leads = count(database, "SELECT COUNT(*) FROM lead")[0][0]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        crash = kill9(binary, folder, database)

    print(f"| test | requests | per second | p50 | p90 | p99 | non-2xx/3xx | rows written |")
    print(f"|---|---|---|---|---|---|---|---|")
    for name, figures, rows in (("`GET /r/{slug}` (302 + touch)", redirects, touches),
                                ("`POST /hooks/…` JSON (new lead each)", hooks, leads)):
        print(f"| {name} | {figures['requests']:,} | {figures['rps']:,.0f} | {figures.get('p50', 0):.2f} ms "
              f"| {figures.get('p90', 0):.2f} ms | {figures.get('p99', 0):.2f} ms | {figures['bad']} | {rows:,} |")
    print()
    print(f"kill -9 under load: {crash['answered']:,} clicks answered 302 before the kill, {crash['stored']:,} in the "
          f"database, {crash['missing']} answered but missing; PRAGMA integrity_check: {crash['integrity']}.")
    if crash["missing"] or crash["integrity"] != "ok":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
