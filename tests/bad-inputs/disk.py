# disk.py — every file tongxin-cli writes, on a disk that is full
#
# RLIMIT_FSIZE stands in for a full disk: past it a write fails (EFBIG,
# SIGXFSZ being ignored by tongxin-cli) as it would with ENOSPC.  Each
# writer must then exit 1 with one line saying which file and what to
# do, leave no file (or the earlier one, byte for byte) and nothing
# half-written beside it, and not touch the database.
#
# The limit leaves room for what SQLite needs to read the database (its
# 32 kB -shm index); the documents are made larger than it, some by
# giving the sample more text.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import stat

from case import Case
from template_db import demo_with

LIMIT = 48 * 1024
EARLIER = b"the file written before, which a failure must leave as it is\n"
SIGNIN = "双谷村新型农村综合体建设协商"
SIGNIN_UUID = "bc0f3928-cf72-4501-b3b6-f76225e76ad4"

FULL = ["Could not write", "larger than this computer allows"]


def random_text(seed, length):
    """Chinese text that does not compress to nothing (an LCG over 3,000
    characters), the same on every run."""
    chars = []
    for _ in range(length):
        seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
        chars.append(chr(0x4E00 + (seed >> 16) % 3000))
    return "".join(chars)


def long_notes(length):
    def change(con):
        ids = [row[0] for row in con.execute("SELECT id FROM person ORDER BY id")]
        for n, id in enumerate(ids):
            con.execute("UPDATE person SET notes = ? WHERE id = ?", (random_text(n + 1, length), id))
    return change


def many_townships(count):
    """More townships than any office has, so that a chart's SVG (its text
    as text, a few kB for the sample) is larger than LIMIT."""
    def change(con):
        for n in range(count):
            con.execute("INSERT INTO township (uuid, name, kind, updated_at) VALUES "
                        "(lower(hex(randomblob(16))), ?, 'town', '2026-01-01T00:00:00Z')",
                        (random_text(n + 11, 6) + "镇",))
    return change


def long_minutes(con):
    con.execute("UPDATE minutes SET agenda = ? WHERE consultation_id = "
                "(SELECT id FROM consultation WHERE uuid = ?)", (random_text(7, 30000), SIGNIN_UUID))


def left(ctx):
    return sorted(n for n in os.listdir(ctx.dir) if not n.startswith("tongxin.db"))


def nothing_left(ctx):
    assert left(ctx) == [], "left in the folder: %s" % left(ctx)


def earlier_kept(name):
    def check(ctx):
        with open(ctx.path(name), "rb") as f:
            assert f.read() == EARLIER, "%s was changed" % name
        assert left(ctx) == [name], "left in the folder: %s" % left(ctx)
    return check


def no_backup_left(ctx):
    folder = ctx.path("tongxin-backups")
    kept = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    assert kept == [], "left among the backups: %s" % kept


# a person new here, of 金山街道 of the sample
PERSON_FILE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<tongxin xmlns="urn:tongxin:exchange:1" exported="2026-11-27T10:00:00+08:00">\n'
               '<person uuid="6b1f0c1e-7a34-4c1d-9a55-0e6f1d2c3b4a" updated="2026-11-20T10:00:00+08:00" '
               'township="b765363f-4e08-4e4b-836f-c4846d559edb"><name>陈明</name></person>\n'
               '</tongxin>\n').encode("utf-8")


def one_line(then=None):
    """One clear line on stderr (no library's words), then @then."""
    def check(ctx):
        lines = ctx.err.strip().splitlines()
        assert len(lines) == 1, "stderr has %d lines: %r" % (len(lines), ctx.err)
        assert lines[0].startswith("tongxin-cli: "), lines[0]
        if then is not None:
            then(ctx)
    return check


def written_0600(name, expected_text=None):
    def check(ctx):
        mode = stat.S_IMODE(os.stat(ctx.path(name)).st_mode)
        assert mode == 0o600, "%s has mode %o" % (name, mode)
        assert left(ctx) == [name], "left in the folder: %s" % left(ctx)
    return check


def make_folder_at(name):
    def make(ctx):
        demo_with(lambda con: None)(ctx)
        os.mkdir(ctx.path(name))
    return make


def folder_is_there(name):
    def check(ctx):
        assert os.path.isdir(ctx.path(name)) and os.listdir(ctx.path(name)) == []
    return check


WRITERS = [
    # name, command, the file, the database
    ("signin-sheet", ["signin-sheet", SIGNIN, "{dir}/签到表.pdf"], "签到表.pdf", "demo"),
    ("roster-print", ["roster", "print", "{dir}/名册.pdf"], "名册.pdf", "demo"),
    ("chart-png", ["chart", "ledger", "{dir}/台账.png", "--year", "2026"], "台账.png", "demo"),
    ("chart-svg", ["chart", "plan", "{dir}/计划.svg", "--year", "2026"], "计划.svg", demo_with(many_townships(600))),
    ("chart-pdf", ["chart", "adoption", "{dir}/采纳.pdf", "--year", "2026"], "采纳.pdf", "demo"),
    ("minutes", ["minutes", SIGNIN_UUID, "{dir}/会议纪要.odt"], "会议纪要.odt", demo_with(long_minutes)),
    ("calendar", ["calendar", "export", "{dir}/协商计划.ics"], "协商计划.ics", "demo"),
    ("roster-csv", ["roster", "export", "{dir}/名册.csv"], "名册.csv", demo_with(long_notes(200))),
    ("roster-xlsx", ["roster", "export", "{dir}/名册.xlsx"], "名册.xlsx", demo_with(long_notes(200))),
    ("exchange", ["export", "{dir}/交换.xml"], "交换.xml", "demo"),
]

CASES = []
for name, args, out, db in WRITERS:
    CASES.append(Case("disk/%s" % name, args, message=FULL + [out], db=db,
                      fsize_limit=LIMIT, check=one_line(nothing_left)))
    CASES.append(Case("disk/%s-keeps-earlier" % name, args, message=FULL + [out], db=db,
                      files={out: EARLIER}, fsize_limit=LIMIT, check=one_line(earlier_kept(out))))

CASES += [
    # The circular is issued only when its document is whole: the
    # quarter's ledger is not frozen for a file that was never written.
    Case("disk/circular", ["circular", "--year", "2026", "--quarter", "3", "{dir}/季度通报.odt"],
         message=FULL + ["季度通报.odt"], fsize_limit=LIMIT, check=one_line(nothing_left)),
    Case("disk/circular-keeps-earlier", ["circular", "--year", "2026", "--quarter", "3", "{dir}/季度通报.odt"],
         message=FULL + ["季度通报.odt"], files={"季度通报.odt": EARLIER}, fsize_limit=LIMIT,
         check=one_line(earlier_kept("季度通报.odt"))),

    # libxlsxwriter zips the sheet from a file of its own and does not
    # check its writes: here the sheet (about 500 kB) cannot be written
    # whole, though the zip of what was written would fit the limit.
    # The workbook is read back, and refused.
    Case("disk/roster-xlsx-part-cut-short", ["roster", "export", "{dir}/名册.xlsx"],
         message=["Could not write", "名册.xlsx"], db=demo_with(long_notes(1000)),
         fsize_limit=350 * 1024, check=one_line(nothing_left)),

    # A folder that cannot be written (not even by root), one that does
    # not exist, a name that is a folder's.
    Case("disk/folder-not-writable", ["signin-sheet", SIGNIN, "/sys/签到表.pdf"],
         message=["/sys/签到表.pdf", "cannot be written"], check=one_line()),
    Case("disk/roster-export-folder-not-writable", ["roster", "export", "/sys/名册.xlsx"],
         message=["/sys/名册.xlsx", "cannot be written"], check=one_line()),
    Case("disk/no-folder", ["minutes", SIGNIN_UUID, "{dir}/没有/会议纪要.odt"],
         message=["会议纪要.odt", "does not exist"], check=one_line(nothing_left)),
    Case("disk/name-of-a-folder", ["calendar", "export", "{dir}/日历.ics"],
         message=["日历.ics", "name of a folder"], db=make_folder_at("日历.ics"),
         check=one_line(folder_is_there("日历.ics"))),

    # And when the disk has room: written, 0600 whatever the umask (the
    # runner's is the user's, usually 022), nothing else left.
    Case("disk/written-0600-csv", ["roster", "export", "{dir}/名册.csv"], exit=0,
         stdout="168 people written", check=written_0600("名册.csv")),
    Case("disk/written-0600-pdf", ["signin-sheet", SIGNIN, "{dir}/签到表.pdf"], exit=0,
         stdout="written", check=written_0600("签到表.pdf")),
    Case("disk/written-0600-replaces-earlier", ["chart", "ledger", "{dir}/台账.png"], exit=0,
         stdout="written", files={"台账.png": EARLIER}, check=written_0600("台账.png")),
    # (an export keeps that it was written, for the next "since the last")
    Case("disk/written-0600-exchange", ["export", "{dir}/交换.xml"], exit=0, unchanged=False,
         check=written_0600("交换.xml")),

    # A disk so full that SQLite cannot make the 32 kB index it keeps
    # beside the database: the database is not called foreign or damaged,
    # the disk is named as the cause.
    Case("disk/no-room-to-open", ["roster", "list"],
         message=["Could not open the database", "the disk is full"], fsize_limit=16 * 1024,
         check=one_line()),

    # A backup on a full disk: nothing half-written left, and no copy of
    # the data any other user could read.
    Case("disk/backup", ["backup", "{dir}/备份.db"], message=["Could not write the backup", "备份.db"],
         fsize_limit=LIMIT * 4, check=one_line(nothing_left)),
    Case("disk/backup-keeps-earlier", ["backup", "{dir}/备份.db"], message=["Could not write the backup"],
         files={"备份.db": EARLIER}, fsize_limit=LIMIT * 4, check=one_line(earlier_kept("备份.db"))),
    Case("disk/written-0600-backup", ["backup", "{dir}/备份.db"], exit=0, stdout="Backup written",
         check=written_0600("备份.db")),

    # An import whose backup, taken by a thread of its own while the file
    # is merged, cannot be written: nothing is imported, no part of the
    # backup is left.
    Case("disk/import-backup", ["import", "{exchange}"],
         message=["Nothing was imported", "could not be backed up first", "nothing was changed", "disk is full"],
         files={"exchange": PERSON_FILE}, fsize_limit=LIMIT * 4, check=one_line(no_backup_left)),
]
