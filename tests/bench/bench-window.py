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
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import os
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
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
