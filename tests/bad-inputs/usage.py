# usage.py — commands and arguments a script gets wrong
#
# SPDX-License-Identifier: GPL-3.0-or-later
from case import Case

CASES = [
    Case("usage/unknown-command", ["frobnicate"], exit=2, message="frobnicate"),
    Case("usage/bad-today", ["--today", "2026-13-45", "ledger"], exit=2, message="2026-13-45"),
    Case("usage/unknown-consultation", ["minutes", "没有这个协商", "{dir}/out.odt"],
         message="没有这个协商"),
    Case("usage/config-unknown-key", ["config", "set", "no-such-key", "1"], message="no-such-key"),
    Case("usage/config-bad-value", ["config", "set", "feedback-days", "-3"], message="feedback-days"),
]
