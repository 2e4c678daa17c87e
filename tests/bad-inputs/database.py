# database.py — database files and restore sources that are not what
# they should be: missing, empty, foreign, newer, damaged, read-only
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import sqlite3
import tempfile

from case import Case


def sqlite_bytes(script):
    """The bytes of a database made by @script (another program's)."""
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "x.db")
    try:
        con = sqlite3.connect(path)
        con.executescript(script)
        con.commit()
        con.close()
        with open(path, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(folder)


def copy_of_db(change):
    """The bytes of a copy of the sample, changed by @change(connection, path)."""
    def make(ctx):
        import template_db
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "copy.db")
        try:
            shutil.copyfile(template_db.path("demo"), path)
            con = sqlite3.connect(path)
            change(con, path)
            con.close()
            with open(path, "rb") as f:
                return f.read()
        finally:
            shutil.rmtree(folder)
    return make


def db_file(content):
    """The case's database is a file of these bytes (a function of ctx)."""
    def make(ctx):
        data = content(ctx) if callable(content) else content
        with open(ctx.db, "wb") as f:
            f.write(data)
    return make


def newer(con, path):
    con.execute("PRAGMA user_version = 999")
    con.commit()


def damaged(con, path):
    root, page_size = con.execute(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_schema WHERE name = 'person'"
    ).fetchone()
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x5a" * page_size)


def truncated(con, path):
    con.close()
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.truncate(size // 2)


def backups(ctx):
    folder = os.path.join(ctx.dir, "tongxin-backups")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def no_backup_taken(ctx):
    assert backups(ctx) == [], "a backup was taken of data that were not replaced: %s" % backups(ctx)


def kept_before_restore(ctx):
    kept = [name for name in backups(ctx) if name.startswith("before-restore-")]
    assert len(kept) == 1, "the data replaced are not kept: %s" % backups(ctx)
    path = os.path.join(ctx.dir, "tongxin-backups", kept[0])
    assert os.stat(path).st_mode & 0o777 == 0o600, "the copy kept is not private"
    rows = ctx.sql("SELECT count(*) FROM person WHERE notes = '恢复前的备注'", db=path)
    assert rows == [(1,)], "the copy kept is not the data replaced"
    rows = ctx.sql("SELECT count(*) FROM person WHERE notes = '恢复前的备注'")
    assert rows == [(0,)], "the backup was not restored"


def with_note(ctx):
    """The sample, then a note only the database (not the backup) has."""
    import template_db
    template_db.demo_with(lambda con: con.execute(
        "UPDATE person SET notes = '恢复前的备注' WHERE id = (SELECT min(id) FROM person)"))(ctx)


def sample_backup(ctx):
    import template_db
    with open(template_db.path("demo"), "rb") as f:
        return f.read()


def wal_backup(ctx):
    """A copy whose last commit is only in its -wal (copied while open)."""
    import template_db
    folder = tempfile.mkdtemp()
    try:
        path = os.path.join(folder, "live.db")
        shutil.copyfile(template_db.path("demo"), path)
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute("UPDATE person SET notes = '只在WAL里' WHERE id = (SELECT min(id) FROM person)")
        con.commit()
        shutil.copyfile(path + "-wal", os.path.join(ctx.dir, "wal.db-wal"))
        with open(path, "rb") as f:
            data = f.read()
        con.close()
        return data
    finally:
        shutil.rmtree(folder)


def wal_restored(ctx):
    rows = ctx.sql("SELECT count(*) FROM person WHERE notes = '只在WAL里'")
    assert rows == [(1,)], "the commit in the backup's -wal was not restored"


def read_only_copy(ctx):
    """The sample on a disk that cannot be written: a read-only file in a
    folder its user may not write (the case runs as nobody)."""
    import template_db
    template_db.copy(ctx, "demo")
    os.chmod(ctx.db, 0o444)


def empty_file(ctx):
    with open(ctx.db, "wb"):
        pass
    os.chmod(ctx.db, 0o644)


def still_empty(ctx):
    info = os.stat(ctx.db)
    assert info.st_size == 0, "check wrote into the empty file"
    assert info.st_mode & 0o777 == 0o644, "check changed the file's mode"


def no_file(ctx):
    assert not os.path.exists(ctx.db), "check created the database"


def no_partial_backup(name):
    def check(ctx):
        left = [n for n in os.listdir(ctx.dir) if n.startswith(name)]
        assert left == [], "a partial backup was left: %s" % left
    return check


CASES = [
    # restore: sources that are not backups, refused, nothing changed,
    # and no backup taken of data that were not replaced
    Case("restore/empty-file", ["restore", "{empty.db}"], files={"empty.db": b""},
         message="empty", check=no_backup_taken),
    Case("restore/text-file", ["restore", "{notes.db}"], files={"notes.db": "会议记录：\n一、……\n".encode()},
         message="not a database", check=no_backup_taken),
    Case("restore/missing-file", ["restore", "{dir}/no-such.db"], message="There is no file",
         check=no_backup_taken),
    Case("restore/folder", ["restore", "{dir}"], message="There is no file", check=no_backup_taken),
    Case("restore/foreign-database", ["restore", "{other.db}"],
         files={"other.db": lambda ctx: sqlite_bytes("CREATE TABLE t (x); INSERT INTO t VALUES (1);")},
         message="another program", check=no_backup_taken),
    Case("restore/empty-sqlite", ["restore", "{blank.db}"],
         files={"blank.db": lambda ctx: sqlite_bytes("PRAGMA user_version = 1;")},
         message="another program", check=no_backup_taken),
    Case("restore/newer-version", ["restore", "{newer.db}"], files={"newer.db": copy_of_db(newer)},
         message="newer version", check=no_backup_taken),
    Case("restore/damaged", ["restore", "{damaged.db}"], files={"damaged.db": copy_of_db(damaged)},
         message="damaged", check=no_backup_taken),
    Case("restore/truncated", ["restore", "{half.db}"], files={"half.db": copy_of_db(truncated)},
         message="damaged", check=no_backup_taken),
    Case("restore/usage", ["restore"], exit=2, message="restore"),

    # restore that works keeps what it replaced, and the -wal's commits
    Case("restore/keeps-replaced", ["restore", "{backup.db}"], exit=0, db=with_note,
         files={"backup.db": sample_backup}, unchanged=False, stdout="kept in",
         check=kept_before_restore),
    Case("restore/wal-included", ["restore", "{wal.db}"], exit=0, files={"wal.db": wal_backup},
         unchanged=False, check=wal_restored),

    # check changes nothing, and says the truth
    Case("check/missing", ["check"], db=None, message="There is no database", check=no_file),
    Case("check/empty-file", ["check"], db=empty_file, message="empty", check=still_empty),
    Case("check/text-file", ["check"], db=db_file(b"not a database at all\n"),
         message="not a Tongxin database"),
    Case("check/foreign", ["check"], db=db_file(lambda ctx: sqlite_bytes("CREATE TABLE t (x);")),
         message="another program"),
    Case("check/newer", ["check"], db=db_file(copy_of_db(newer)), message="newer version"),
    Case("check/damaged", ["check"], db=db_file(copy_of_db(damaged)), message="problem"),
    Case("open/newer", ["roster", "list"], db=db_file(copy_of_db(newer)), message="newer version"),
    Case("open/foreign", ["roster", "list"], db=db_file(lambda ctx: sqlite_bytes("CREATE TABLE t (x);")),
         message="another program"),
    Case("open/text-file", ["roster", "list"], db=db_file(b"\xef\xbb\xbfname,phone\n"),
         message="not a Tongxin database"),
    Case("check/read-only-sound", ["check"], exit=0, db=read_only_copy, nobody=True, stdout="sound"),

    # a database on a disk that cannot be written opens read-only
    Case("read-only/list", ["roster", "list", "--township", "凤山镇"], exit=0, db=read_only_copy, nobody=True,
         stdout="凤山镇"),
    Case("read-only/write-refused", ["config", "set", "feedback-days", "20"], db=read_only_copy, nobody=True,
         message="read-only"),
    Case("read-only/import-refused", ["roster", "import", "{people.csv}"], db=read_only_copy, nobody=True,
         files={"people.csv": "姓名,性别,乡镇(街道),身份类别\n张三,男,凤山镇,群众代表\n".encode()},
         message="read-only"),

    # backups that cannot be written leave nothing behind
    Case("backup/no-folder", ["backup", "{dir}/no/such/folder/x.db"], message="Could not write"),
    Case("backup/usage", ["backup"], exit=2, message="backup"),
]
