# template_db.py — the databases the cases start from, for the cases
# that build their own: the runner sets `catalogue` before any case runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import sqlite3

catalogue = None


def path(kind):
    """The database made once for every case: "demo" or "empty"."""
    return catalogue.template(kind)


def copy(ctx, kind):
    """A copy of it as the case's database (mode 0600)."""
    shutil.copyfile(path(kind), ctx.db)
    os.chmod(ctx.db, 0o600)


def demo_with(change):
    """A case's database: the sample, then @change(con), as an old
    database or another program could have left it."""
    def make(ctx):
        copy(ctx, "demo")
        con = sqlite3.connect(ctx.db)
        try:
            change(con)
            con.commit()
        finally:
            con.close()
    return make
