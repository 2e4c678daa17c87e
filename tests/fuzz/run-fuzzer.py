#!/usr/bin/env python3
# tests/fuzz/run-fuzzer.py — one fuzz test: a libFuzzer harness for a time
#
#   run-fuzzer.py --fuzzer EXE --corpus DIR --work DIR [--dict FILE]
#                 [--crashes DIR] [--seconds N]
#
# 1. Every input of --crashes (tests/fuzz/crashes/<harness>/: inputs that
#    once failed) is run once: each must pass now.
# 2. The harness runs for N seconds (TONGXIN_FUZZ_SECONDS overrides
#    --seconds) on a copy of the seed corpus in --work/corpus (the seeds are
#    copied in on every run; what the fuzzer finds stays there for the next
#    run in this build folder; the source tree is never written).
#
# A crash, a sanitizer report, a leak, an input slower than 10 s or one
# that takes more than 2 GB fails the test; libFuzzer keeps the input in
# --work/artifacts/, and this script names it and the command that runs
# it again.  libFuzzer's whole output is in --work/fuzz.log.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--fuzzer", required=True)
parser.add_argument("--corpus", required=True)
parser.add_argument("--work", required=True)
parser.add_argument("--dict")
parser.add_argument("--crashes")
parser.add_argument("--seconds", type=int, default=60)
args = parser.parse_args()

name = os.path.basename(args.fuzzer)
seconds = int(os.environ.get("TONGXIN_FUZZ_SECONDS") or args.seconds)
work = os.path.abspath(args.work)
corpus = os.path.join(work, "corpus")
artifacts = os.path.join(work, "artifacts") + os.sep
log_path = os.path.join(work, "fuzz.log")
os.makedirs(corpus, exist_ok=True)
os.makedirs(artifacts, exist_ok=True)

# The sanitizers' settings for a fuzzer (not the test suite's): libFuzzer
# keeps the input of any report; UBSan stops at its first one, which makes
# it a crash with an input; LSan's suppressions are the suite's (system
# libraries only).
env = dict(os.environ)
supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
env["ASAN_OPTIONS"] = "halt_on_error=1:abort_on_error=0:detect_leaks=1:print_stacktrace=1"
env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1:report_error_type=1"
env["LSAN_OPTIONS"] = "suppressions=" + os.path.normpath(supp) + ":print_suppressions=0"
env.setdefault("G_SLICE", "always-malloc")

options = ["-timeout=10", "-rss_limit_mb=2048", "-artifact_prefix=" + artifacts]
if args.dict:
    options.append("-dict=" + args.dict)

failed = False


def tail(text, lines=80):
    return "\n".join(text.splitlines()[-lines:])


def kept_inputs():
    return {os.path.join(artifacts, f) for f in os.listdir(artifacts)}


before = kept_inputs()

# 1. The inputs that once failed.
if args.crashes and os.path.isdir(args.crashes):
    known = sorted(os.path.join(args.crashes, f) for f in os.listdir(args.crashes)
                   if not f.startswith(".") and not f.endswith((".txt", ".md")))
    for path in known:
        run = subprocess.run([args.fuzzer] + options + [path], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, errors="replace", timeout=300)
        if run.returncode != 0:
            failed = True
            print(f"{name}: FAILED on {path} (an input that failed before)")
            print(tail(run.stdout))
        else:
            print(f"{name}: passes {os.path.relpath(path)}")

# 2. The seeds, copied, and the fuzzer for a time.
for f in os.listdir(args.corpus):
    source = os.path.join(args.corpus, f)
    if os.path.isfile(source):
        shutil.copyfile(source, os.path.join(corpus, f))

command = [args.fuzzer] + options + [f"-max_total_time={seconds}", "-print_final_stats=1", corpus]
print(f"{name}: {' '.join(command)}")
start = time.monotonic()
with open(log_path, "w", encoding="utf-8", errors="replace") as log:
    try:
        # a harness that hangs outside an input is stopped too
        rc = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                            timeout=seconds + 300).returncode
    except subprocess.TimeoutExpired:
        rc = None
elapsed = time.monotonic() - start
with open(log_path, encoding="utf-8", errors="replace") as log:
    output = log.read()


def stat(key):
    match = re.search(r"^stat::" + key + r":\s*(\d+)", output, re.M)
    return int(match.group(1)) if match else None


runs = stat("number_of_executed_units")
per_second = stat("average_exec_per_sec")
cov = re.findall(r"\bcov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", output)
summary = f"{name}: {elapsed:.0f} s"
if runs is not None:
    summary += f", {runs} inputs, {per_second} a second"
if cov:
    summary += f", coverage {cov[-1][0]} edges, {cov[-1][1]} features, corpus {cov[-1][2]} inputs ({cov[-1][3]})"
print(summary)

found = sorted((kept_inputs() - before) |
               set(re.findall(r"Test unit written to (\S+)", output)))
if rc != 0 or found:
    failed = True
    if rc is None:
        print(f"{name}: FAILED: still running {seconds + 300} s after it started; stopped")
    else:
        print(f"{name}: FAILED (exit status {rc})")
    print(tail(output))
    for path in found:
        print(f"{name}: the input is kept in {path}")
        print(f"{name}: run it again: {args.fuzzer} {path}")
    print(f"{name}: libFuzzer's whole output: {log_path}")

sys.exit(1 if failed else 0)
