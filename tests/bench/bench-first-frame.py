#!/usr/bin/env python3
# bench-first-frame.py — how long the window takes to its first frame,
# beside a bare libadwaita window measured in the same run
#
# Not a test: `meson test --benchmark bench-first-frame`, or directly,
# under a display (tests/run-with-display gives one):
#
#   tests/run-with-display python3 tests/bench/bench-first-frame.py \
#       --tongxin _build/src/gui/tongxin --bare _build/tests/bare-window \
#       --cli _build/src/cli/tongxin-cli --people 10000
#
# Both programs, run with TONGXIN_BENCH_FIRST_FRAME=1, print
# "first-frame-ms N VmRSS M kB" when their first frame is drawn and
# quit.  Tongxin opens an empty database, the sample data and a city of
# --people people (tests/bench/city.py); each is run five times and the
# medians printed with the ratio to the bare window's time and the
# memory above it.  With --targets the exit status says whether every
# case met the targets (≤ 1.5× the bare window's time, ≤ 60 MB more).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

RUNS = 5
TIME_TARGET = 1.5
MEMORY_TARGET_MB = 60
TODAY = "2026-11-27"
HERE = os.path.dirname(os.path.abspath(__file__))


def first_frame(command, env):
    """Median milliseconds to the first frame and resident kB, of RUNS runs."""
    times, memory = [], []
    for _ in range(RUNS):
        run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        match = re.search(r"first-frame-ms (\d+) VmRSS (\d+) kB", run.stdout)
        if run.returncode != 0 or match is None:
            raise SystemExit(f"{' '.join(command)}: no first frame ({run.returncode}): {run.stderr[-2000:]}")
        times.append(int(match.group(1)))
        memory.append(int(match.group(2)))
    return statistics.median(times), statistics.median(memory)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tongxin", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--targets", action="store_true")
    args = parser.parse_args()

    env = dict(os.environ, TONGXIN_BENCH_FIRST_FRAME="1", GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
    with tempfile.TemporaryDirectory() as folder:
        empty = os.path.join(folder, "empty.db")
        sample = os.path.join(folder, "sample.db")
        city = os.path.join(folder, "city.db")
        subprocess.run([args.cli, "--db", empty, "init"], check=True, capture_output=True)
        subprocess.run([args.cli, "--db", sample, "--today", TODAY, "demo"], check=True, capture_output=True)
        xml = os.path.join(folder, "city.xml")
        subprocess.run([sys.executable, os.path.join(HERE, "city.py"), "--people", str(args.people), "--out", xml],
                       check=True, capture_output=True)
        # a large city comes in parts, city.xml, city.2.xml, …: in order
        parts = sorted((name for name in os.listdir(folder) if re.fullmatch(r"city(\.\d+)?\.xml", name)),
                       key=lambda name: int(name.split(".")[1]) if name.count(".") == 2 else 1)
        for part in parts:
            subprocess.run([args.cli, "--db", city, "--today", TODAY, "import", os.path.join(folder, part)],
                           check=True, capture_output=True)

        bare_ms, bare_kb = first_frame([args.bare], env)
        rows, missed = [], []
        for name, db in (("empty database", empty), ("sample data", sample), (f"city, {args.people} people", city)):
            ms, kb = first_frame([args.tongxin, "--db", db], env)
            ratio = ms / bare_ms if bare_ms else float("inf")
            above_mb = (kb - bare_kb) / 1024
            met = ratio <= TIME_TARGET and above_mb <= MEMORY_TARGET_MB
            if not met:
                missed.append(name)
            rows.append({"case": name, "ms": ms, "rss_kb": kb, "ratio": ratio, "above_bare_mb": above_mb,
                         "met": met})

    print(f"bare libadwaita window: {bare_ms:.0f} ms, {bare_kb / 1024:.0f} MB")
    print(f"{'Tongxin on':24} {'ms':>6} {'MB':>5} {'× bare':>7} {'MB above':>9}  target ≤{TIME_TARGET}×, ≤{MEMORY_TARGET_MB} MB")
    for row in rows:
        print(f"{row['case']:24} {row['ms']:6.0f} {row['rss_kb'] / 1024:5.0f} {row['ratio']:6.1f}× "
              f"{row['above_bare_mb']:9.0f}  {'ok' if row['met'] else 'MISSED'}")
    print(json.dumps({"bench": "first-frame", "bare_ms": bare_ms, "bare_rss_kb": bare_kb, "cases": rows,
                      "missed": missed}))
    return 1 if args.targets and missed else 0


if __name__ == "__main__":
    sys.exit(main())
