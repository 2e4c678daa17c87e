#!/usr/bin/env python3
# tests/check-source.py SOURCE_ROOT
#
# What the code of Tongxin keeps to, checked on every run:
#
#  - only the store steps SQLite statements (src/core/tx-store.c), so that
#    every read checks for an error instead of taking it for the end of
#    the rows (tx_store_step());
#  - dates are read and counted by one module (src/core/tx-date.c): no
#    "%4d-%2d-%2d" scanf parser and no g_date_days_between elsewhere;
#  - nothing reads the clock's date but TxDay and tx-date.c
#    (g_date_time_new_now_local for a day);
#  - settings are read through TxSettings: no tx_store_get_setting () or
#    tx_store_set_setting () outside the store and tx-settings.c;
#  - no GUI source file is much over a thousand lines.
#
# It prints every place that breaks one of these and fails if any does.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
src = os.path.join(root, "src")

RULES = [
    (re.compile(r"\bsqlite3_step\s*\("), {"src/core/tx-store.c"},
     "steps a statement itself: use tx_store_step () or tx_store_step_done ()"),
    (re.compile(r'sscanf\s*\([^;]*%\d?d-%\d?d-%\d?d'), {"src/core/tx-date.c"},
     "parses a date by hand: use tx_date_from_iso () or tx_date_parse ()"),
    (re.compile(r"\bg_date_days_between\b|\bdays_between\s*\("), {"src/core/tx-date.c"},
     "counts days by hand: use tx_date_days_between ()"),
    (re.compile(r"\btx_store_(get|set)_setting\s*\("),
     {"src/core/tx-store.c", "src/core/tx-store.h", "src/core/tx-settings.c", "src/core/tx-township-store.c"},
     "reads or writes a setting by its key: use TxSettings"),
]

MAX_GUI_LINES = 1100

problems = []
for folder, _, files in os.walk(src):
    for name in sorted(files):
        if not name.endswith((".c", ".h")):
            continue
        path = os.path.join(folder, name)
        relative = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as source:
            lines = source.read().split("\n")
        for number, line in enumerate(lines, 1):
            code = line.split("//")[0]
            if code.lstrip().startswith(("*", "/*")):
                continue
            for pattern, allowed, why in RULES:
                if relative not in allowed and pattern.search(code):
                    problems.append(f"{relative}:{number}: {why}")
        if relative.startswith("src/gui/") and name.endswith(".c") and len(lines) > MAX_GUI_LINES:
            problems.append(f"{relative}: {len(lines)} lines; split it (STYLE.md: a class too large for one file)")

for problem in problems:
    print(problem)
print(f"{len(problems)} problem(s)" if problems else "OK")
sys.exit(1 if problems else 0)
