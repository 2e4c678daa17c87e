# template_db.py — the databases the cases start from, for the cases
# that build their own: the runner sets `catalogue` before any case runs.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil

catalogue = None


def path(kind):
    """The database made once for every case: "demo" or "empty"."""
    return catalogue.template(kind)


def copy(ctx, kind):
    """A copy of it as the case's database (mode 0600)."""
    shutil.copyfile(path(kind), ctx.db)
    os.chmod(ctx.db, 0o600)
