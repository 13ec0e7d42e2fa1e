#!/usr/bin/env python3
"""Time to ready of the example service, as a new user measures it.

Each run starts a fresh JVM (`java -jar twelvefactor-example.jar`, PORT=0, nothing else set)
in a new empty directory, so the embedded H2 database is created from nothing, and times
from just before the process is started to the "ready on port" line on its stdout; then it
sends SIGTERM and checks exit code 0. With --restart, every run after the first reuses one
directory: the time to ready of a restart, the database already there.

    python3 twelvefactor-example/measure-startup.py [--runs 10] [--restart] [jar]

Run it on a quiet machine (here: flock /tmp/tf-build.lock python3 ...).
"""
import argparse
import datetime
import json
import os
import signal
import statistics
import subprocess
import tempfile
import time


def ts(event):
    return datetime.datetime.fromisoformat(event["@timestamp"].replace("Z", "+00:00"))


def one_run(jar, directory):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PORT": "0"}
    t0 = time.monotonic()
    p = subprocess.Popen(["java", "-jar", jar], cwd=directory, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events = []
    ready_ms = None
    for line in p.stdout:
        event = json.loads(line)
        events.append(event)
        if event["message"].startswith("ready on port"):
            ready_ms = (time.monotonic() - t0) * 1000
            break
    if ready_ms is None:
        raise SystemExit("not ready: " + p.stderr.read())
    p.send_signal(signal.SIGTERM)
    p.stdout.read()
    if p.wait(30) != 0:
        raise SystemExit("exit code %d after SIGTERM" % p.returncode)
    by_message = {e["message"]: e for e in events}
    started = next(e for e in events if e["message"].startswith("started in "))
    phases = {"jvm_reported": int(started["message"].split()[2])}
    pool_start = next((e for e in events if e["message"].endswith("Starting...")), None)
    pool_done = next((e for e in events if e["message"].endswith("Start completed.")), None)
    if pool_start and pool_done:
        phases["pool"] = (ts(pool_done) - ts(pool_start)).total_seconds() * 1000
    created = by_message.get("empty embedded database: created table notes")
    if created and pool_done:
        phases["schema"] = (ts(created) - ts(pool_done)).total_seconds() * 1000
    return ready_ms, phases


def summary(name, values):
    return "%-34s median %5.0f ms, min %5.0f, max %5.0f (n=%d)" % (
        name, statistics.median(values), min(values), max(values), len(values))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("jar", nargs="?", default=os.path.join(here, "target", "twelvefactor-example.jar"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--restart", action="store_true")
    args = parser.parse_args()
    version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print("%s, %d cores, %d runs, %s" % (version, os.cpu_count(), args.runs,
                                        "restarts in one directory" if args.restart else "each in a new empty directory"))
    wall, reported, pool, schema = [], [], [], []
    with tempfile.TemporaryDirectory() as shared:
        if args.restart:
            one_run(args.jar, shared)   # creates the database; not counted
        for _ in range(args.runs):
            if args.restart:
                ready, phases = one_run(args.jar, shared)
            else:
                with tempfile.TemporaryDirectory() as fresh:
                    ready, phases = one_run(args.jar, fresh)
            wall.append(ready)
            reported.append(phases["jvm_reported"])
            pool += [phases["pool"]] if "pool" in phases else []
            schema += [phases["schema"]] if "schema" in phases else []
    print(summary("launch to 'ready on port' line", wall))
    print(summary("'started in' (from JVM start)", reported))
    if pool:
        print(summary("HikariCP pool start", pool))
    if schema:
        print(summary("schema creation", schema))


if __name__ == "__main__":
    main()
