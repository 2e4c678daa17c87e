#!/usr/bin/env python3
# crash-test.py — Tongxin killed (SIGKILL) in the middle of its writes,
# again and again: every time, the database holds all of a write or
# none of it, and SQLite and `tongxin-cli check` find it sound.
#
#   crash-test.py [ROUNDS]      (default 50 rounds of each kind; TAP)
#
# The kinds of write: a roster import of 8,000 people, an exchange
# import of a whole city's roster, a restore of a large backup, and a
# consultation saved again and again as the editor saves it
# (crash-save).  Each round starts from a fresh copy, kills the process
# after a random time within what the write takes, and checks.
#
# Then four roster imports at once on one database, a tenth as many
# rounds: each waits for the others and none fails.
#
# Needs TONGXIN_CLI and TONGXIN_CRASH_SAVE (the programs of the build).
# The random times come from a fixed seed, so a failing round can be run
# again; TONGXIN_CRASH_SEED chooses another.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pylib"))
from faketime_aside import child_env, step_aside  # noqa: E402
import slowdown  # noqa: E402

CLI = os.environ.get("TONGXIN_CLI")
SAVE = os.environ.get("TONGXIN_CRASH_SAVE")
TODAY = "2026-11-27"
N_IMPORTED = 8000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林"
GIVEN = "建国华明芳丽军平秀英志强玉兰红梅德文"


# How long one command may take before it counts as hung: far more than
# any takes (an import of the whole city takes seconds).
HUNG = 300


def cli(db, *args, check=True):
    try:
        run = subprocess.run([CLI, "--db", db, "--today", TODAY] + list(args), capture_output=True,
                             env=child_env(), timeout=slowdown.seconds(HUNG))
    except subprocess.TimeoutExpired:
        raise RuntimeError("tongxin-cli %s: still running after %d s" % (" ".join(args), slowdown.seconds(HUNG)))
    if check and run.returncode != 0:
        raise RuntimeError("tongxin-cli %s: %s" % (" ".join(args), run.stderr.decode()))
    return run


def count(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM %s WHERE deleted_at IS NULL" % table).fetchone()[0]
    finally:
        con.close()


def sql(db, query):
    con = sqlite3.connect(db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def integrity(db):
    return sql(db, "PRAGMA integrity_check")[0][0]


def write_roster(path, rng, n=N_IMPORTED, first_phone=0):
    with open(path, "w", encoding="utf-8") as out:
        out.write("姓名,性别,乡镇(街道),村(社区),身份类别,工作单位,职务,联系电话\n")
        for i in range(n):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
            out.write("%s,%s,凤山镇,双谷村,群众代表,村民委员会,,139%08d\n" % (name, rng.choice("男女"), first_phone + i))


class Setup:
    """What every round starts from, made once."""

    def __init__(self, work, rng):
        self.work = work
        self.demo = os.path.join(work, "demo.db")
        cli(self.demo, "demo")
        self.people = count(self.demo, "person")

        self.csv = os.path.join(work, "roster.csv")
        write_roster(self.csv, rng)

        # a large database: the sample and the 20,000
        self.large = os.path.join(work, "large.db")
        shutil.copyfile(self.demo, self.large)
        cli(self.large, "roster", "import", self.csv)
        self.large_people = count(self.large, "person")
        self.large_consultations = count(self.large, "consultation")

        self.backup = os.path.join(work, "large-backup.db")
        cli(self.large, "backup", self.backup)

        self.exchange = os.path.join(work, "city.xml")
        cli(self.large, "export", self.exchange)

        self.empty = os.path.join(work, "empty.db")
        cli(self.empty, "init")

        # the sample with a note only it has: a restore replaces it
        self.noted = os.path.join(work, "noted.db")
        shutil.copyfile(self.demo, self.noted)
        con = sqlite3.connect(self.noted)
        con.execute("UPDATE person SET notes = '恢复前' WHERE id = (SELECT min(id) FROM person)")
        con.commit()
        con.close()

        self.consultation = sql(self.demo, "SELECT uuid FROM consultation WHERE deleted_at IS NULL "
                                           "ORDER BY id LIMIT 1")[0][0]

        # four rosters of other people, for four imports at once
        self.parts = []
        for part in range(N_WRITERS):
            path = os.path.join(work, "part-%d.csv" % part)
            write_roster(path, rng, N_PER_WRITER, 50000000 + part * N_PER_WRITER)
            self.parts.append(path)


N_WRITERS = 4
N_PER_WRITER = 5000


def contention(setup, rounds):
    """Four imports at once: all succeed, all their people are there."""
    problems = []
    for round_number in range(1, rounds + 1):
        folder = tempfile.mkdtemp(dir=setup.work)
        try:
            db = fresh(setup, setup.demo, folder)
            processes = [subprocess.Popen([CLI, "--db", db, "--today", TODAY, "roster", "import", part],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
                         for part in setup.parts]
            for process in processes:
                try:
                    _, err = process.communicate(timeout=slowdown.seconds(HUNG))
                except subprocess.TimeoutExpired:
                    process.kill()
                    _, err = process.communicate()
                    problems.append("round %d: an import still ran after %d s: %s"
                                    % (round_number, slowdown.seconds(HUNG), err.decode()))
                    continue
                if process.returncode != 0:
                    problems.append("round %d: an import failed (%d): %s"
                                    % (round_number, process.returncode, err.decode()))
            people = count(db, "person")
            if people != setup.people + N_WRITERS * N_PER_WRITER:
                problems.append("round %d: %d people, not %d" % (round_number, people,
                                                                setup.people + N_WRITERS * N_PER_WRITER))
        finally:
            shutil.rmtree(folder)
    return problems


def fresh(setup, source, folder):
    db = os.path.join(folder, "tongxin.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, db + suffix)
    return db


# Each kind: the database to start from, the command, and what may be
# found after the kill.

def roster_import(setup, db):
    return [CLI, "--db", db, "--today", TODAY, "roster", "import", setup.csv]


def roster_import_check(setup, db):
    people = count(db, "person")
    assert people in (setup.people, setup.people + N_IMPORTED), \
        "%d people: neither the %d before nor all %d after" % (people, setup.people, setup.people + N_IMPORTED)


def exchange_import(setup, db):
    return [CLI, "--db", db, "--today", TODAY, "import", setup.exchange]


def exchange_import_check(setup, db):
    people = count(db, "person")
    consultations = count(db, "consultation")
    assert (people, consultations) in ((0, 0), (setup.large_people, setup.large_consultations)), \
        "%d people and %d consultations: part of an import" % (people, consultations)


def restore(setup, db):
    return [CLI, "--db", db, "--today", TODAY, "restore", setup.backup]


def restore_check(setup, db):
    people = count(db, "person")
    noted = sql(db, "SELECT count(*) FROM person WHERE notes = '恢复前'")[0][0]
    assert (people, noted) in ((setup.people, 1), (setup.large_people, 0)), \
        "%d people, %d noted: neither the database before nor the backup" % (people, noted)


def save(setup, db):
    return [SAVE, db, setup.consultation]


def save_check(setup, db):
    title, venue = sql(db, "SELECT title, venue FROM consultation WHERE uuid = '%s'" % setup.consultation)[0]
    consensus = sql(db, "SELECT m.consensus FROM minutes m JOIN consultation c ON c.id = m.consultation_id "
                        "WHERE c.uuid = '%s'" % setup.consultation)
    if not title.startswith("第"):
        return   # no save committed: the sample as it was
    number = title[1:title.index("次")]
    assert venue == "议事室" + number, "title of save %s, venue %r" % (number, venue)
    assert consensus and consensus[0][0] == "共识" + number, "title of save %s, minutes %r" % (number, consensus)


KINDS = [
    ("roster-import", "demo", roster_import, roster_import_check),
    ("exchange-import", "empty", exchange_import, exchange_import_check),
    ("restore", "noted", restore, restore_check),
    ("save", "demo", save, save_check),
]


def duration(setup, start, command):
    """How long the write takes uninterrupted; the saver never ends."""
    if command is save:
        return 0.5
    folder = tempfile.mkdtemp(dir=setup.work)
    try:
        db = fresh(setup, start, folder)
        begin = time.monotonic()
        subprocess.run(command(setup, db), capture_output=True, check=True, env=child_env(),
                       timeout=slowdown.seconds(HUNG))
        return time.monotonic() - begin
    finally:
        shutil.rmtree(folder)


def main():
    step_aside()
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    if not CLI or not SAVE:
        print("crash-test.py: TONGXIN_CLI and TONGXIN_CRASH_SAVE must be set", file=sys.stderr)
        return 2
    seed = int(os.environ.get("TONGXIN_CRASH_SEED", "2026"))
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="tongxin-crash-")
    failed = 0
    try:
        setup = Setup(work, rng)
        print("1..%d" % (len(KINDS) + 1))
        for number, (name, start_name, command, check) in enumerate(KINDS, 1):
            start = getattr(setup, start_name)
            longest = duration(setup, start, command) * 1.1
            problems = []
            killed_during = 0
            for round_number in range(1, rounds + 1):
                folder = tempfile.mkdtemp(dir=work)
                try:
                    db = fresh(setup, start, folder)
                    process = subprocess.Popen(command(setup, db), stdout=subprocess.DEVNULL,
                                               stderr=subprocess.PIPE, env=child_env())
                    # killed after a random time, unless it ends first
                    try:
                        process.wait(timeout=rng.uniform(0, longest))
                    except subprocess.TimeoutExpired:
                        killed_during += 1
                        process.send_signal(signal.SIGKILL)
                        process.wait()
                    if process.returncode not in (0, -signal.SIGKILL):
                        problems.append("round %d: exit %d: %s" % (round_number, process.returncode,
                                                                  process.stderr.read().decode()))
                        continue
                    verdict = integrity(db)
                    if verdict != "ok":
                        problems.append("round %d: integrity_check: %s" % (round_number, verdict))
                        continue
                    try:
                        check(setup, db)
                    except AssertionError as error:
                        problems.append("round %d: %s" % (round_number, error))
                        continue
                    try:
                        run = cli(db, "check", check=False)
                    except RuntimeError as error:
                        problems.append("round %d: %s" % (round_number, error))
                        continue
                    if run.returncode != 0:
                        problems.append("round %d: tongxin-cli check: %s" % (round_number, run.stderr.decode()))
                finally:
                    process.stderr.close()
                    shutil.rmtree(folder)
            if problems:
                failed += 1
                print("not ok %d %s" % (number, name))
                for line in problems[:20]:
                    print("# " + line.replace("\n", "\n# "))
            else:
                print("ok %d %s (%d rounds, %d killed while writing within %.1f s, seed %d)"
                      % (number, name, rounds, killed_during, longest, seed))
            sys.stdout.flush()

        contention_rounds = max(3, rounds // 10)
        problems = contention(setup, contention_rounds)
        number = len(KINDS) + 1
        if problems:
            failed += 1
            print("not ok %d contention" % number)
            for line in problems[:20]:
                print("# " + line.replace("\n", "\n# "))
        else:
            print("ok %d contention (%d rounds of %d imports at once)" % (number, contention_rounds, N_WRITERS))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
