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
    # the parts of an issued document: one short line each, and nothing written
    Case("usage/recommendation-number-too-long",
         ["recommendation", "document", "关于古城棚户区征收补偿政策公开和“一户一档”管理的建议", "{dir}/out.odt",
          "--number", "号" * 51], exit=2, message="document number",
         check=lambda ctx: _no_file(ctx, "out.odt")),
    Case("usage/circular-copy-to-too-long",
         ["circular", "--year", "2026", "--quarter", "3", "{dir}/out.odt", "--copy-to", "市委办公室，" * 34],
         exit=2, message="copied to", check=lambda ctx: _no_file(ctx, "out.odt")),
    Case("usage/recommendation-printer-too-long",
         ["recommendation", "document", "关于古城棚户区征收补偿政策公开和“一户一档”管理的建议", "{dir}/out.odt",
          "--printer", "办" * 201], exit=2, message="printing office",
         check=lambda ctx: _no_file(ctx, "out.odt")),
    Case("usage/signin-with-and-without",
         ["signin-sheet", "古城文化旅游景区暨棚户区改造征收政策协商", "{dir}/out.pdf",
          "--with-categories", "--without-categories"], exit=2, message="--without-categories",
         check=lambda ctx: _no_file(ctx, "out.pdf")),
    # a year is one a clerk's dates may have (tx-date.h), for every command
    Case("usage/ledger-year-too-late", ["ledger", "--year", "2500"], exit=2, message="2500"),
    Case("usage/consultation-list-year-too-late", ["consultation", "list", "--year", "2200"], exit=2,
         message="2200"),
    Case("usage/activity-list-year-too-late", ["activity", "list", "--year", "2999"], exit=2, message="2999"),
    Case("usage/township-list-year-too-late", ["township", "list", "--year", "2200"], exit=2, message="2200"),
    Case("usage/circular-year-too-early", ["circular", "--year", "1899", "--quarter", "3", "{dir}/out.odt"],
         exit=2, message="1899", check=lambda ctx: _no_file(ctx, "out.odt")),
    Case("usage/recommendation-unknown-option",
         ["recommendation", "document", "关于古城棚户区征收补偿政策公开和“一户一档”管理的建议", "{dir}/out.odt",
          "--numbr", "1"], exit=2, message="--numbr"),
]


def _no_file(ctx, name):
    import os
    assert not os.path.exists(os.path.join(ctx.dir, name)), f"{name} was written"
