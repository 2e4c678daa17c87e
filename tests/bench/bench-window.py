#!/usr/bin/env python3
# bench-window.py — how quickly the main window answers on a city
#
# Not a test: `meson test --benchmark bench-window` runs it, under a
# display (tests/run-with-display), at 10,000 people; or directly:
#
#   tests/run-with-display python3 tests/bench/bench-window.py \
#       --program _build/tests/bench-window --cli _build/src/cli/tongxin-cli \
#       --people 100000
#
# The city of tests/bench/city.py is written and imported once, and kept
# in the cache directory that bench-city.py uses (rebuilt when city.py's
# version changes); --db gives a database instead.  Then bench-window
# (bench-window.c) measures the window on a copy of it: it prints a line
# per action and one line of JSON, which this script passes on.  Its
# exit status too: 0, or with --targets 1 when a target is missed.
# With --runs N it is run N times, each run's lines passed on, and then
# the median of each action over the runs is printed and judged: a PC
# shared with other work answers one run slower than another.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = "2026-11-27"


def load_bench_city():
    """bench-city.py, whose city cache this shares."""
    spec = importlib.util.spec_from_file_location("bench_city", os.path.join(HERE, "bench-city.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description="How quickly the main window answers on a city")
    parser.add_argument("--program", required=True, help="the bench-window program")
    parser.add_argument("--cli", default=os.environ.get("TONGXIN_CLI"), help="tongxin-cli, to import the city")
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--cache", help="where the cities are kept (as bench-city.py)")
    parser.add_argument("--db", help="a database to measure instead of a city")
    parser.add_argument("--targets", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--runs", type=int, default=1, help="run it this many times and judge the medians")
    args = parser.parse_args()

    db = args.db
    if db is None:
        if not args.cli:
            parser.error("--cli (or TONGXIN_CLI) is needed to build the city")
        bench_city = load_bench_city()
        cache = os.path.abspath(args.cache or bench_city.default_cache(args.cli))

        def log(text):
            print(text, file=sys.stderr, flush=True)

        try:
            manifest = bench_city.build_city(args.cli, cache, args.people, log)
        except bench_city.Failure as error:
            print("bench-window: the city could not be built: %s" % error, file=sys.stderr)
            return 1
        db = manifest["db"]

    command = [args.program, "--db", db, "--today", TODAY]
    if args.targets:
        command.append("--targets")
    if args.runs <= 1:
        return subprocess.run(command).returncode

    runs = []
    for run in range(args.runs):
        print("run %d of %d" % (run + 1, args.runs), flush=True)
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        sys.stdout.write(done.stdout)
        last = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not last:
            print("bench-window: run %d printed no results" % (run + 1), file=sys.stderr)
            return 1
        runs.append(json.loads(last[-1]))
    return print_medians(runs, args.targets)


def print_medians(runs, targets):
    """Each action's median over @runs, judged as bench-window judges one
    run; 1 when a target is missed and @targets."""
    frame_target = runs[0]["frame_target_ms"]
    stall_target = runs[0]["stall_target_ms"]
    names = [action["name"] for action in runs[0]["actions"]]
    medians = []
    missed = []

    print("\nmedians of %d runs (next frame ≤ %d ms, no stall over %d ms)" % (len(runs), frame_target, stall_target))
    print("%-30s %13s %13s %9s" % ("action", "next frame ms", "max stall ms", "done ms"))
    for name in names:
        actions = [a for run in runs for a in run["actions"] if a["name"] == name]
        frames = [a["frame_ms"] for a in actions if a["frame_ms"] is not None]
        frame = statistics.median(frames) if frames else None
        stall = statistics.median(a["max_stall_ms"] for a in actions)
        done = statistics.median(a["done_ms"] for a in actions)
        judged = actions[0]["judged"]
        met = frame is not None and frame <= frame_target and stall <= stall_target
        settled = all(a["settled"] for a in actions)
        verdict = "(not judged)" if not judged else ("ok" if met and settled else "MISSED")
        if judged and not (met and settled):
            missed.append(name)
        print("%-30s %13s %13d %9d  %s" % (name, "-" if frame is None else "%d" % frame, stall, done, verdict))
        medians.append({"name": name, "frame_ms": frame, "max_stall_ms": stall, "done_ms": done,
                        "judged": judged, "met": met and settled})

    print(json.dumps({"bench": "window", "runs": len(runs), "people": runs[0]["people"],
                      "frame_target_ms": frame_target, "stall_target_ms": stall_target,
                      "actions": medians, "missed": missed}, ensure_ascii=False))
    return 1 if targets and missed else 0


if __name__ == "__main__":
    sys.exit(main())
