# case.py — one bad input given to tongxin-cli, and what must come of it
#
# A case says which database to start from, which files to write, which
# command to run, and what a clerk must see: the exit status, words of the
# message on stderr, and (when `unchanged`) a database whose .dump is
# byte-identical to the one before.  `check` may assert more, with the
# run's Context.  See run.py.
#
# SPDX-License-Identifier: GPL-3.0-or-later
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

# The day every case runs on (tongxin-cli --today): no case reads the clock.
TODAY = "2026-11-27"


@dataclass
class Case:
    name: str                 # "area/what", e.g. "csv/nul-byte"
    args: list                # the command after --db and --today; {NAME} is the path of files[NAME], {dir} the case's folder
    exit: int = 1             # the exit status expected
    message: Union[str, list, None] = None   # words stderr must contain (C locale), all of them
    db: Union[str, Callable, None] = "demo"  # "demo", "empty", None (no file), or a function(ctx) that makes ctx.db
    files: dict = field(default_factory=dict)      # name -> bytes, or a function(ctx) -> bytes
    unchanged: bool = True    # the database's .dump is the same after the run
    fsize_limit: Optional[int] = None   # RLIMIT_FSIZE for the run, in bytes (a full disk)
    timeout: float = 30       # seconds; a case that takes longer fails
    check: Optional[Callable] = None    # function(ctx) asserting more; raise AssertionError to fail
    stdout: Union[str, list, None] = None  # words stdout must contain
    env: dict = field(default_factory=dict)  # extra environment
    nobody: bool = False      # run as a user who may not write the folder (when the tests run as root)


class Context:
    """What a check sees: the paths, and the run's outcome."""

    def __init__(self, dir, db):
        self.dir = dir
        self.db = db
        self.status = None
        self.out = ""
        self.err = ""
        self.seconds = 0.0

    def path(self, name):
        import os
        return os.path.join(self.dir, name)

    def sql(self, query, db=None):
        """Rows of a query on the database (the sqlite3 module, read-only)."""
        import sqlite3
        con = sqlite3.connect("file:%s?mode=ro" % (db or self.db), uri=True)
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()
