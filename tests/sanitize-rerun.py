#!/usr/bin/env python3
# tests/sanitize-rerun.py COMMAND [ARGS...]
#
# A widget test under -Db_sanitize (tests/meson.build): ASan unwinds each
# allocation by frame pointers, which is fast, but GLib and GTK keep none,
# so the stack of a block they allocate ends at g_malloc, and their own
# leaks (lsan.supp) cannot be told from anyone's.  When the only thing
# wrong with a run is a LeakSanitizer report, the test runs again with
# every allocation unwound from the unwind tables (several times slower),
# so that each leak has its whole stack: the suppressions of lsan.supp
# match the system libraries' leaks, and any other leak (one with a frame
# of Tongxin's code) fails the test with its stack.  Any other failure, a
# sanitizer report among them, fails at once.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys


def run(command, env):
    """Runs @command, its output passed on as it comes; returns (status, output)."""
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
    lines = []
    for line in child.stdout:
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
        lines.append(line.decode("utf-8", "replace"))
    return child.wait(), "".join(lines)


def only_leaks(output):
    return ("ERROR: LeakSanitizer: detected memory leaks" in output and
            "ERROR: AddressSanitizer" not in output and
            "runtime error:" not in output and
            "\nnot ok " not in output and
            "Bail out!" not in output)


if len(sys.argv) < 2:
    print("usage: sanitize-rerun.py COMMAND [ARGS...]", file=sys.stderr)
    sys.exit(2)

status, output = run(sys.argv[1:], os.environ)
if status != 0 and only_leaks(output):
    print("sanitize-rerun: LeakSanitizer reported leaks whose stacks end in GLib; "
          "running the test again with whole stacks (slower)", flush=True)
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":fast_unwind_on_malloc=0:malloc_context_size=12"
    status, output = run(sys.argv[1:], env)

sys.exit(status if status >= 0 else 128 - status)
